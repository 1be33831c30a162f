// Many calls of one local module (issue 5, Performance; hashicorp/terraform#28170): `module/variables.tf`
// declares 60 string variables with default "", and the root calls it 500 times (`module "var<i>"`). Terraform
// 0.14.8 took 70.8 s to plan this (0.72 s when the module had one variable). Bar: `cairn plan` under 1 s.
// `cairn init` (local modules need no installation; it only lists them) and `cairn validate` are reported too,
// and the same 500 calls of a one-variable module as the reference point.
// Options: --calls=500, --vars=60, --runs=3 (runs per figure; medians).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { option, removeDir, Report, tempDir } from "../planner/harness.js";
import { measure } from "./measure.js";

const calls = Number(option("calls") ?? 500);
const vars = Number(option("vars") ?? 60);
const runs = Number(option("runs") ?? 3);

function variablesTf(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`variable "var${i}" {\n  type    = string\n  default = ""\n}\n`);
  return parts.join("\n");
}

function rootTf(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`module "var${i}" {\n  source = "./module"\n}\n`);
  return parts.join("\n");
}

function generate(dir: string, nVars: number): void {
  mkdirSync(join(dir, "module"));
  writeFileSync(join(dir, "module", "variables.tf"), variablesTf(nVars));
  writeFileSync(join(dir, "main.tf"), rootTf(calls));
}

async function scenario(report: Report, nVars: number, bars: boolean): Promise<boolean> {
  const dir = tempDir(`many-calls-${nVars}`);
  try {
    generate(dir, nVars);
    const what = `${calls} calls x ${nVars} var(s)`;
    const init = await measure(report, dir, { label: `init ${what}`, args: ["init", "-no-color"], codes: [0], expect: `- var${calls - 1} in module`, runs: 1 });
    if (init === undefined) return false;
    const validate = await measure(report, dir, { label: `validate ${what}`, args: ["validate", "-no-color"], codes: [0], runs });
    if (validate === undefined) return false;
    // Variables only: nothing to create, so the plan must say so (exit 0 with -detailed-exitcode).
    const plan = await measure(report, dir, {
      label: `plan ${what}`,
      args: ["plan", "-no-color", "-detailed-exitcode"],
      codes: [0],
      expect: "No changes.",
      runs,
      ...(bars ? { wallBar: 1, peer: { value: 70.8, who: "Terraform 0.14.8" } } : { peer: { value: 0.72, who: "Terraform 0.14.8" } }),
    });
    return plan !== undefined;
  } finally {
    removeDir(dir);
  }
}

async function main(): Promise<number> {
  const report = new Report(`many module calls (terraform#28170): ${calls} calls of a module with ${vars} variables; ${runs} run(s), medians`);
  if (await scenario(report, vars, true)) await scenario(report, 1, false);
  return report.exitCode();
}

process.exitCode = await main();
