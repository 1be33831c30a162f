// `fmt -check` of the generated 1.3 MB configuration (bench/gen/config.ts: 9,000 resource blocks), by Cairn
// and by the real `terraform` on the PATH in the same run (issue 15, acceptance 6): runs alternate between
// the two, each a fresh process as a user's would be, and the medians are compared. Bar: Cairn at least 5x
// faster than `terraform fmt -check`. Besides wall time, the CPU time of each Cairn run is reported (steadier
// on a loaded machine). A second file, the same configuration with every line's indentation removed, times
// the path where the text is rebuilt (reported only).
// Options: --runs=N (default 7). Without terraform on the PATH the ratio is not measured (said so, exit 0).

import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateBenchmarkConfig } from "../gen/config.js";
import { expectExit, median, option, removeDir, Report, runCairn, tempDir } from "../planner/harness.js";

const BAR_RATIO = 5;
const runs = Number(option("runs") ?? 7);

/** Wall time of one `terraform <args>` run in `cwd`, and its exit code; undefined when terraform is absent. */
function runTerraform(cwd: string, args: readonly string[]): Promise<{ code: number; wallMs: number } | undefined> {
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn("terraform", args, { cwd, env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" }, stdio: "ignore" });
    child.on("error", () => done(undefined));
    child.on("close", (code) => done({ code: code ?? 1, wallMs: performance.now() - t0 }));
  });
}

async function main(): Promise<number> {
  const report = new Report(`fmt -check of the generated 1.3 MB configuration; ${runs} runs each, alternating, medians`);
  const dir = tempDir("fmt");
  try {
    const text = generateBenchmarkConfig();
    writeFileSync(join(dir, "main.tf"), text);
    const flat = join(dir, "flat");
    mkdirSync(flat);
    writeFileSync(join(flat, "main.tf"), text.replace(/^ +/gm, ""));

    const cairn: number[] = [];
    const cairnCpu: number[] = [];
    const terraform: number[] = [];
    let terraformAbsent = false;
    for (let i = 0; i < runs; i++) {
      const r = await runCairn(dir, ["fmt", "-check", "main.tf"]);
      if (!expectExit(report, "cairn fmt -check of a formatted file", r)) return report.exitCode();
      cairn.push(r.wallMs);
      cairnCpu.push(r.cpuMs);
      const t = await runTerraform(dir, ["fmt", "-check", "main.tf"]);
      if (t === undefined) terraformAbsent = true;
      else if (t.code !== 0) {
        report.failure(`terraform fmt -check exited ${t.code} on the generated configuration`);
        return report.exitCode();
      } else terraform.push(t.wallMs);
    }
    const flatRuns: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runCairn(flat, ["fmt", "-check", "main.tf"]);
      if (!expectExit(report, "cairn fmt -check of the unindented file", r, [3])) return report.exitCode();
      flatRuns.push(r.wallMs);
    }

    const ours = median(cairn) / 1000;
    console.log(`  cairn fmt -check: ${ours.toFixed(3)} s wall, ${(median(cairnCpu) / 1000).toFixed(3)} s CPU (median of ${runs})`);
    console.log(`  cairn fmt -check, unindented copy (text rebuilt): ${(median(flatRuns) / 1000).toFixed(3)} s wall`);
    if (terraformAbsent) {
      console.log("  terraform is not on the PATH: the ratio against it was not measured");
      return report.exitCode();
    }
    const theirs = median(terraform) / 1000;
    // The bar is a ratio: Cairn's time must be under a fifth of Terraform's in this run.
    report.figure("fmt -check 1.3 MB wall", ours, "s", Number((theirs / BAR_RATIO).toFixed(3)), { value: Number(theirs.toFixed(3)), who: "terraform fmt -check" });
    return report.exitCode();
  } finally {
    removeDir(dir);
  }
}

process.exit(await main());
