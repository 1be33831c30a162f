// N independent terraform_data resources (issue 3, Performance; terraform-provider-iosxe #621): for each N,
// `cairn apply -auto-approve` from an empty state, then a no-op `cairn plan` against the state it wrote.
// Terraform: 7,765 instances took 15.1 s to plan; an apply of 8,000 did not finish in 10 minutes.
// Bars: apply of 20,000 under 15 s, no-op plan of 20,000 under 3 s, peak RSS under 1 GB at every N.
// Options: --n=1000,4000 (sizes), --runs=3 (runs per figure; the median is reported), --keep (leave each
// working directory, with its configuration, state and history, and print its path: profile a run there with
// `node --cpu-prof <repo>/bin/cairn apply -auto-approve` after removing cairn.tfstate* and .cairn), --help.

import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectExit, median, option, removeDir, Report, runCairn, tempDir, type RunResult } from "./harness.js";

const sizes = (option("n") ?? "1000,4000,7765,20000").split(",").map(Number);
const runs = Number(option("runs") ?? 3);
const keep = process.argv.includes("--keep");
if (process.argv.includes("--help")) {
  console.log("independent.bench.js [--n=1000,4000,7765,20000] [--runs=3] [--keep]\n  --keep  leave each working directory (printed) for profiling by hand");
  process.exit(0);
}

function config(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`resource "terraform_data" "r${i}" {\n  input = "value-${i}"\n}\n`);
  return parts.join("\n");
}

/** Terraform's figures scaled to this N where the issue gives one close to it. */
function terraformPlan(n: number) {
  return n === 7765 ? { value: 15.1, who: "Terraform" } : undefined;
}
function terraformApply(n: number) {
  return n === 7765 ? { value: 600, who: "Terraform (8,000, unfinished)", lowerBound: true } : undefined;
}

async function main(): Promise<number> {
  const report = new Report(`independent terraform_data: N = ${sizes.join(", ")}; ${runs} run(s) each, medians`);
  for (const n of sizes) {
    const dir = tempDir(`independent-${n}`);
    try {
      writeFileSync(join(dir, "main.tf"), config(n));
      const applies: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        rmSync(join(dir, "cairn.tfstate"), { force: true });
        rmSync(join(dir, "cairn.tfstate.backup"), { force: true });
        const r = await runCairn(dir, ["apply", "-auto-approve", "-no-color"]);
        if (!expectExit(report, `apply of ${n}`, r)) return report.exitCode();
        if (!r.stdout.includes(`Apply complete! Resources: ${n} added`)) {
          report.failure(`apply of ${n} did not add ${n}: ${r.stdout.slice(-500)}`);
          return report.exitCode();
        }
        applies.push(r);
      }
      const plans: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await runCairn(dir, ["plan", "-no-color", "-detailed-exitcode"]);
        if (!expectExit(report, `no-op plan of ${n}`, r)) return report.exitCode();
        plans.push(r);
      }
      const big = n === 20000;
      report.figure(`apply ${n} wall`, median(applies.map((r) => r.wallMs)) / 1000, "s", big ? 15 : undefined, terraformApply(n));
      report.figure(`apply ${n} cpu`, median(applies.map((r) => r.cpuMs)) / 1000, "s");
      report.figure(`apply ${n} peak RSS`, Math.max(...applies.map((r) => r.rssMb)), "MB", 1024);
      report.figure(`no-op plan ${n} wall`, median(plans.map((r) => r.wallMs)) / 1000, "s", big ? 3 : undefined, terraformPlan(n));
      report.figure(`no-op plan ${n} cpu`, median(plans.map((r) => r.cpuMs)) / 1000, "s");
      report.figure(`no-op plan ${n} peak RSS`, Math.max(...plans.map((r) => r.rssMb)), "MB", 1024);
    } finally {
      if (keep) console.log(`  kept ${dir}`);
      else removeDir(dir);
    }
  }
  return report.exitCode();
}

process.exitCode = await main();
