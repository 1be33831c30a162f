// Runs Cairn over every scenario and compares with Terraform's cached answers; shared by `npm test`
// (scenarios.test.ts) and `npm run conformance` (category.ts).

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cairn, terraform } from "./drivers.js";
import { compareScenario, explain, stepFails, type StepDiff } from "./compare.js";
import { answersDir, loadScenarios, type Scenario, type ScenarioAnswers, type StepAnswer } from "./model.js";
import { configAt, planOnForeignState, runScenario } from "./runner.js";

export function readAnswers(s: Scenario): ScenarioAnswers | undefined {
  const p = join(answersDir, `${s.name}.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as ScenarioAnswers) : undefined;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly expected: ScenarioAnswers;
  readonly actual: StepAnswer[];
  readonly diffs: StepDiff[];
  /** Steps where Cairn planned changes on a converged state Terraform wrote: step → Cairn's plan output. */
  readonly crossCairn: Map<number, string>;
  /** Converged steps checked in that direction. */
  readonly crossChecked: number;
}

export async function measureScenario(scenario: Scenario, expected: ScenarioAnswers): Promise<ScenarioResult> {
  const actual = await runScenario(cairn, scenario);
  const diffs = compareScenario(expected, actual);
  const crossCairn = new Map<number, string>();
  let crossChecked = 0;
  for (const [i, e] of expected.steps.entries()) {
    const config = configAt(scenario, i);
    if (e.selfPlanExit !== 0 || e.state === null || config === undefined || scenario.steps[i]!.noCrossCheck === true) continue;
    crossChecked++;
    const r = await planOnForeignState(cairn, scenario, config, e.state);
    if (r.exit !== 0) crossCairn.set(i, r.detail);
  }
  return { scenario, expected, actual, diffs, crossCairn, crossChecked };
}

/** The other direction, which needs the binary: Terraform plans each converged state Cairn wrote. */
export async function crossTerraform(r: ScenarioResult): Promise<{ checked: number; failed: Map<number, string> }> {
  const failed = new Map<number, string>();
  let checked = 0;
  for (const [i, e] of r.expected.steps.entries()) {
    const a = r.actual[i];
    const config = configAt(r.scenario, i);
    if (e.selfPlanExit !== 0 || a?.state == null || config === undefined || r.scenario.steps[i]!.noCrossCheck === true) continue;
    checked++;
    const x = await planOnForeignState(terraform, r.scenario, config, a.state);
    if (x.exit !== 0) failed.set(i, x.detail);
  }
  return { checked, failed };
}

export function describe(r: ScenarioResult, d: StepDiff, verbose: boolean): string {
  const step = r.scenario.steps[d.step]!;
  const head = `${r.scenario.name}#${d.step} (${step.args.join(" ")}): ${d.fields.join(", ")}`;
  if (!verbose) return head;
  const fields = d.fields.map((f) => f.replace(/\(.*$/, ""));
  return [head, ...fields.map((f) => `  ${f}\n${explain(r.expected, r.actual, d.step, f).replace(/^/gm, "    ")}`)].join("\n");
}

export { loadScenarios, stepFails };
