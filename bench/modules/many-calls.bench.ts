// Many calls of one module (issue 5, Performance; hashicorp/terraform#28170): `module/variables.tf` declares
// 60 string variables with default "", and the root calls it 500 times (`module "var<i>"`). Terraform 0.14.8
// took 70.8 s to plan this (0.72 s when the module had one variable). Bar: `cairn plan` under 1 s.
// `cairn init` (local modules need no installation; it only lists them) and `cairn validate` are reported too,
// and the same 500 calls of a one-variable module as the issue's reference point.
// Reported without a bar: the same module from a git repository (`git::file://…?ref=main`), where `init`
// installs 500 copies of one package and every later command checks each copy against the lock file.
// Options: --calls=500, --vars=60, --runs=3 (runs per figure; medians), --git=false (skip the git variant).

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { option, removeDir, Report, tempDir } from "../planner/harness.js";
import { measure } from "./measure.js";

const calls = Number(option("calls") ?? 500);
const vars = Number(option("vars") ?? 60);
const runs = Number(option("runs") ?? 3);
const withGit = option("git") !== "false";

function variablesTf(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`variable "var${i}" {\n  type    = string\n  default = ""\n}\n`);
  return parts.join("\n");
}

function rootTf(n: number, source: string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`module "var${i}" {\n  source = "${source}"\n}\n`);
  return parts.join("\n");
}

type Source = "local" | "git";

/** Writes the configuration; for git, the module is committed to a repository beside it. */
function generate(dir: string, nVars: number, source: Source): string | undefined {
  const moduleDir = join(dir, source === "local" ? join("config", "module") : "repo");
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(join(dir, "config"), { recursive: true });
  writeFileSync(join(moduleDir, "variables.tf"), variablesTf(nVars));
  if (source === "git") {
    for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "module"]]) {
      const r = spawnSync("git", ["-c", "user.email=bench@example.com", "-c", "user.name=bench", "-c", "init.defaultBranch=main", ...args], { cwd: moduleDir, encoding: "utf8" });
      if (r.status !== 0) return `git ${args[0]} failed: ${r.error?.message ?? r.stderr}`;
    }
  }
  writeFileSync(join(dir, "config", "main.tf"), rootTf(calls, source === "local" ? "./module" : `git::file://${moduleDir}?ref=main`));
  return undefined;
}

async function scenario(report: Report, nVars: number, source: Source): Promise<boolean> {
  const base = tempDir(`many-calls-${source}-${nVars}`);
  try {
    const problem = generate(base, nVars, source);
    if (problem !== undefined) {
      console.log(`  note: the git variant is not measured: ${problem}`);
      return true;
    }
    const dir = join(base, "config");
    const issue = source === "local" && nVars === vars;
    const what = `${calls} ${source} calls x ${nVars} var(s)`;
    const last = `var${calls - 1}`;
    const installedAs = source === "local" ? `- ${last} in module` : `- ${last} in .cairn/modules/${last}`;
    const init = await measure(report, dir, { label: `first init ${what}`, args: ["init", "-no-color"], codes: [0], expect: installedAs, runs: 1 });
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
      ...(issue ? { wallBar: 1, peer: { value: 70.8, who: "Terraform 0.14.8" } } : {}),
      ...(source === "local" && nVars === 1 ? { peer: { value: 0.72, who: "Terraform 0.14.8" } } : {}),
    });
    return plan !== undefined;
  } finally {
    removeDir(base);
  }
}

async function main(): Promise<number> {
  const report = new Report(`many module calls (terraform#28170): ${calls} calls of a module with ${vars} variables; ${runs} run(s), medians`);
  if ((await scenario(report, vars, "local")) && (await scenario(report, 1, "local")) && withGit) await scenario(report, vars, "git");
  return report.exitCode();
}

process.exitCode = await main();
