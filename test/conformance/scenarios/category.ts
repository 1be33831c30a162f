// `npm run conformance -- scenarios`: multi-step plan/apply scenarios under the real `terraform` and Cairn.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { terraform } from "./drivers.js";
import { answersDir, loadScenarios, type ScenarioAnswers } from "./model.js";
import { runScenario } from "./runner.js";
import { crossTerraform, describe, measureScenario, readAnswers, stepFails } from "./measure.js";

async function terraformVersion(): Promise<string> {
  const r = await terraform.run("/", ["version"]);
  return r.stdout.split("\n")[0] ?? "";
}

export const category = {
  name: "scenarios",
  threshold: 98,
  async refresh(): Promise<void> {
    mkdirSync(answersDir, { recursive: true });
    const version = await terraformVersion();
    const only = process.env["SCENARIOS"];
    for (const s of loadScenarios((n) => only === undefined || n.includes(only))) {
      const steps = await runScenario(terraform, s, { selfPlan: true });
      const answers: ScenarioAnswers = { terraform: version, steps };
      writeFileSync(join(answersDir, `${s.name}.json`), JSON.stringify(answers, null, 1) + "\n");
    }
  },
  async measure(): Promise<{ total: number; matched: number; mismatches: string[] }> {
    let total = 0;
    let matched = 0;
    const mismatches: string[] = [];
    let crossA = 0;
    let crossAFailed = 0;
    let crossB = 0;
    let crossBFailed = 0;
    const verbose = process.env["SCENARIOS_VERBOSE"] === "1";
    const only = process.env["SCENARIOS"];
    for (const s of loadScenarios((n) => only === undefined || n.includes(only))) {
      const expected = readAnswers(s);
      if (expected === undefined) continue;
      const r = await measureScenario(s, expected);
      total += s.steps.length;
      const failing = r.diffs.filter(stepFails);
      matched += s.steps.length - failing.length;
      for (const d of r.diffs) mismatches.push((stepFails(d) ? "" : "(unscored) ") + describe(r, d, verbose));
      crossA += r.crossChecked;
      crossAFailed += r.crossCairn.size;
      for (const [i, detail] of r.crossCairn) mismatches.push(`${s.name}#${i}: Cairn plans changes on Terraform's state${verbose ? `\n${detail}` : ""}`);
      const t = await crossTerraform(r);
      crossB += t.checked;
      crossBFailed += t.failed.size;
      for (const [i, detail] of t.failed) mismatches.push(`${s.name}#${i}: Terraform plans changes on Cairn's state${verbose ? `\n${detail}` : ""}`);
    }
    console.log(
      `scenarios: ${matched}/${total} steps match; cross-check: Cairn no-op on ${crossA - crossAFailed}/${crossA} Terraform states, ` +
        `Terraform no-op on ${crossB - crossBFailed}/${crossB} Cairn states`,
    );
    return { total, matched, mismatches };
  },
};
