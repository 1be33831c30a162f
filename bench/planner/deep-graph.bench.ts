// Graph shape limits (issue 3, Performance): a 5,000-deep dependency chain (each terraform_data refers to
// the previous one's output) planned and applied, and a 100,000-node graph (terraform_data resources, each
// referring to the one at half its index: a tree of depth 17) planned from an empty state. The bar is that
// they work at all (recursive graph algorithms, such as graphlib's, overflow the stack at 5,000); times are reported.
// Options: --chain=5000, --nodes=100000.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectExit, option, removeDir, Report, runCairn, tempDir } from "./harness.js";

const chain = Number(option("chain") ?? 5000);
const nodes = Number(option("nodes") ?? 100000);

function chainConfig(n: number): string {
  const parts = [`resource "terraform_data" "c0" {\n  input = "start"\n}\n`];
  for (let i = 1; i < n; i++) parts.push(`resource "terraform_data" "c${i}" {\n  input = terraform_data.c${i - 1}.output\n}\n`);
  return parts.join("\n");
}

function treeConfig(n: number): string {
  const parts = [`resource "terraform_data" "t0" {\n  input = "root"\n}\n`];
  for (let i = 1; i < n; i++) parts.push(`resource "terraform_data" "t${i}" {\n  input = terraform_data.t${Math.floor((i - 1) / 2)}.id\n}\n`);
  return parts.join("\n");
}

async function main(): Promise<number> {
  const report = new Report(`graph limits: ${chain}-deep chain, ${nodes}-node graph`);
  const a = tempDir("chain");
  try {
    writeFileSync(join(a, "main.tf"), chainConfig(chain));
    const p = await runCairn(a, ["plan", "-no-color", "-detailed-exitcode"]);
    if (!expectExit(report, `plan of a ${chain}-deep chain`, p, [2])) return report.exitCode();
    report.figure(`plan ${chain}-deep chain wall`, p.wallMs / 1000, "s");
    report.figure(`plan ${chain}-deep chain peak RSS`, p.rssMb, "MB");
    const ap = await runCairn(a, ["apply", "-auto-approve", "-no-color"]);
    if (!expectExit(report, `apply of a ${chain}-deep chain`, ap)) return report.exitCode();
    report.figure(`apply ${chain}-deep chain wall`, ap.wallMs / 1000, "s");
    const np = await runCairn(a, ["plan", "-no-color", "-detailed-exitcode"]);
    if (!expectExit(report, `no-op plan of a ${chain}-deep chain`, np, [0])) return report.exitCode();
    report.figure(`no-op plan ${chain}-deep chain wall`, np.wallMs / 1000, "s");
  } finally {
    removeDir(a);
  }
  const b = tempDir("tree");
  try {
    writeFileSync(join(b, "main.tf"), treeConfig(nodes));
    const p = await runCairn(b, ["plan", "-no-color", "-detailed-exitcode"]);
    if (!expectExit(report, `plan of a ${nodes}-node graph`, p, [2])) return report.exitCode();
    report.figure(`plan ${nodes}-node graph wall`, p.wallMs / 1000, "s");
    report.figure(`plan ${nodes}-node graph peak RSS`, p.rssMb, "MB");
  } finally {
    removeDir(b);
  }
  return report.exitCode();
}

process.exitCode = await main();
