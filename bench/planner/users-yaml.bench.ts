// hashicorp/terraform #26355 (issue 3, Performance): `locals { users = yamldecode(file("users.yaml")) }`
// with 1,050 users (`user<i>` mapped to a list of 2–3 group names), `terraform_data.user` with
// `for_each = local.users`, and `terraform_data.user_group` with `for_each = local.users` whose input
// refers to `terraform_data.user[each.key].output`. `cairn plan` from an empty state, then, after an apply,
// the no-op plan, and `cairn version` for start-up alone. Bar: plan under 1 s.
// Options: --users=1050, --runs=5.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectExit, median, option, removeDir, Report, runCairn, tempDir, type RunResult } from "./harness.js";

const users = Number(option("users") ?? 1050);
const runs = Number(option("runs") ?? 5);
const groups = ["admins", "developers", "operators", "auditors", "support"];

function usersYaml(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`user${i}:`);
    const k = 2 + (i % 2);
    for (let j = 0; j < k; j++) lines.push(`  - ${groups[(i + j) % groups.length]}`);
  }
  return lines.join("\n") + "\n";
}

const config = `locals {
  users = yamldecode(file("users.yaml"))
}

resource "terraform_data" "user" {
  for_each = local.users
  input    = each.key
}

resource "terraform_data" "user_group" {
  for_each = local.users
  input = {
    user   = terraform_data.user[each.key].output
    groups = each.value
  }
}
`;

async function timed(report: Report, dir: string, what: string, args: string[], codes: number[]): Promise<RunResult[] | undefined> {
  const out: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runCairn(dir, args);
    if (!expectExit(report, what, r, codes)) return undefined;
    out.push(r);
  }
  return out;
}

async function main(): Promise<number> {
  const report = new Report(`terraform #26355: ${users} users from YAML, two for_each resources; ${runs} runs, medians`);
  const dir = tempDir("users-yaml");
  try {
    writeFileSync(join(dir, "users.yaml"), usersYaml(users));
    writeFileSync(join(dir, "main.tf"), config);
    const fresh = await timed(report, dir, "plan", ["plan", "-no-color", "-detailed-exitcode"], [2]);
    if (fresh === undefined) return report.exitCode();
    if (!fresh[0]!.stdout.includes(`Plan: ${users * 2} to add, 0 to change, 0 to destroy.`)) {
      report.failure(`plan did not plan ${users * 2} creates: ${fresh[0]!.stdout.slice(-300)}`);
      return report.exitCode();
    }
    report.figure("plan (empty state) wall", median(fresh.map((r) => r.wallMs)) / 1000, "s", 1);
    report.figure("plan (empty state) cpu", median(fresh.map((r) => r.cpuMs)) / 1000, "s");
    report.figure("plan (empty state) peak RSS", Math.max(...fresh.map((r) => r.rssMb)), "MB");
    const applied = await runCairn(dir, ["apply", "-auto-approve", "-no-color"]);
    if (!expectExit(report, "apply", applied)) return report.exitCode();
    report.figure("apply wall", applied.wallMs / 1000, "s");
    const noop = await timed(report, dir, "no-op plan", ["plan", "-no-color", "-detailed-exitcode"], [0]);
    if (noop === undefined) return report.exitCode();
    report.figure("no-op plan wall", median(noop.map((r) => r.wallMs)) / 1000, "s", 1);
    report.figure("no-op plan cpu", median(noop.map((r) => r.cpuMs)) / 1000, "s");
    // Start-up alone: what every command pays before it does any work (the command table, module loading).
    const version = await timed(report, dir, "version", ["version"], [0]);
    if (version === undefined) return report.exitCode();
    report.figure("start-up (cairn version) wall", median(version.map((r) => r.wallMs)) / 1000, "s");
  } finally {
    removeDir(dir);
  }
  return report.exitCode();
}

process.exitCode = await main();
