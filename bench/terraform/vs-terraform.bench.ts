// Cairn beside the real Terraform binary on the PATH, same configuration, same run, pair by pair (issue 15,
// acceptance 6): N independent terraform_data resources (default 5,000).
// - init in a fresh directory: Cairn no slower (ratio ≥ 1);
// - apply from empty state: ≥ 50x. Terraform is stopped once it has run 50x Cairn's time (the bar is then
//   met and its figure is a lower bound), so the benchmark stays bounded;
// - no-op plan: ≥ 10x. Terraform plans against the state Cairn wrote (the same version 4 format; Terraform
//   plans no changes on it, which this checks), so its own slow apply need not finish.
// Each pair runs the two tools back to back, alternating which goes first; medians of --runs (default 3).
// Without `terraform` on the PATH the benchmark says so and exits 0 (nothing to compare against).
// Options: --n=5000, --runs=3, --help.

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { median, option, removeDir, Report, runCairn, tempDir, type RunResult } from "../planner/harness.js";

const n = Number(option("n") ?? 5000);
const runs = Number(option("runs") ?? 3);
if (process.argv.includes("--help")) {
  console.log("vs-terraform.bench.js [--n=5000] [--runs=3]");
  process.exit(0);
}

/** Terraform with no CLI configuration (offline, no plugin cache) and no prompts. */
const terraformEnv = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };

interface Timed {
  readonly code: number;
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Stopped after the time limit: wallMs is a lower bound. */
  readonly stopped: boolean;
}

function runTerraform(cwd: string, args: readonly string[], limitMs = 30 * 60_000): Promise<Timed> {
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn("terraform", args, { cwd, env: terraformEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let stopped = false;
    child.stdout.on("data", (b: Buffer) => (stdout = (stdout + b.toString()).slice(-20_000)));
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)));
    const timer = setTimeout(() => {
      stopped = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, wallMs: performance.now() - t0, stdout, stderr, stopped });
    });
  });
}

function config(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`resource "terraform_data" "r${i}" {\n  input = "value-${i}"\n}\n`);
  return parts.join("\n");
}

/** A fresh working directory holding only the configuration. */
function workdir(name: string, main: string): string {
  const dir = tempDir(`vs-terraform-${name}`);
  writeFileSync(join(dir, "main.tf"), main);
  return dir;
}

/** One figure with the ratio bar: Terraform's time / Cairn's ≥ `atLeast`. */
function compare(report: Report, label: string, cairnMs: readonly number[], terraformMs: readonly number[], atLeast: number, lowerBound = false): void {
  const ours = median(cairnMs) / 1000;
  const theirs = median(terraformMs) / 1000;
  const ratio = theirs / ours;
  const met = ratio >= atLeast;
  console.log(
    `  ${met ? "ok  " : "MISS"} ${label}: Cairn ${ours.toFixed(2)} s, Terraform ${lowerBound ? ">" : ""}${theirs.toFixed(2)} s = ${lowerBound ? ">" : ""}${ratio.toFixed(1)}x (bar ≥ ${atLeast}x)`,
  );
  if (!met) report.failure(`${label}: ${ratio.toFixed(2)}x is under ${atLeast}x`);
}

function ok(report: Report, what: string, r: RunResult | Timed, codes: readonly number[] = [0]): boolean {
  if (codes.includes(r.code)) return true;
  report.failure(`${what} exited ${r.code}: ${(r.stderr || r.stdout).slice(-1500)}`);
  return false;
}

async function main(): Promise<number> {
  const version = spawnSync("terraform", ["version"], { env: terraformEnv, encoding: "utf8" });
  if (version.status !== 0) {
    console.log("vs-terraform: `terraform` is not on the PATH; nothing to compare against (not run)");
    return 0;
  }
  const report = new Report(`Cairn vs ${version.stdout.split("\n")[0]}: ${n} terraform_data, ${runs} pair(s) per figure, medians`);
  const main = config(n);
  const dirs: string[] = [];
  const fresh = (name: string) => {
    const d = workdir(name, main);
    dirs.push(d);
    return d;
  };
  try {
    // init
    const initC: number[] = [];
    const initT: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ["cairn", "terraform"] : ["terraform", "cairn"];
      for (const who of order) {
        if (who === "cairn") {
          const r = await runCairn(fresh("init-c"), ["init", "-no-color"]);
          if (!ok(report, "cairn init", r)) return report.exitCode();
          initC.push(r.wallMs);
        } else {
          const r = await runTerraform(fresh("init-t"), ["init", "-no-color", "-input=false"]);
          if (!ok(report, "terraform init", r)) return report.exitCode();
          initT.push(r.wallMs);
        }
      }
    }
    compare(report, `init (${n})`, initC, initT, 1);

    // apply: Cairn's, then Terraform's for at most 50x Cairn's time.
    const cairnDir = fresh("apply-c");
    const applyC = await runCairn(cairnDir, ["apply", "-auto-approve", "-no-color"]);
    if (!ok(report, "cairn apply", applyC) || !applyC.stdout.includes(`Apply complete! Resources: ${n} added`)) return report.exitCode();
    const terraformApplyDir = fresh("apply-t");
    const ti = await runTerraform(terraformApplyDir, ["init", "-no-color", "-input=false"]);
    if (!ok(report, "terraform init", ti)) return report.exitCode();
    const applyT = await runTerraform(terraformApplyDir, ["apply", "-auto-approve", "-no-color", "-input=false"], 50 * applyC.wallMs);
    if (!applyT.stopped && !ok(report, "terraform apply", applyT)) return report.exitCode();
    compare(report, `apply (${n})`, [applyC.wallMs], [applyT.wallMs], 50, applyT.stopped);

    // no-op plan: both against the state Cairn wrote.
    const terraformPlanDir = fresh("plan-t");
    const tp = await runTerraform(terraformPlanDir, ["init", "-no-color", "-input=false"]);
    if (!ok(report, "terraform init", tp)) return report.exitCode();
    copyFileSync(join(cairnDir, "cairn.tfstate"), join(terraformPlanDir, "terraform.tfstate"));
    const planC: number[] = [];
    const planT: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ["cairn", "terraform"] : ["terraform", "cairn"];
      for (const who of order) {
        if (who === "cairn") {
          const r = await runCairn(cairnDir, ["plan", "-no-color", "-detailed-exitcode"]);
          if (!ok(report, "cairn no-op plan (exit 0: no changes)", r)) return report.exitCode();
          planC.push(r.wallMs);
        } else {
          const r = await runTerraform(terraformPlanDir, ["plan", "-no-color", "-input=false", "-detailed-exitcode", "-lock=false"]);
          if (!ok(report, "terraform no-op plan on Cairn's state (exit 0: no changes)", r)) return report.exitCode();
          planT.push(r.wallMs);
        }
      }
    }
    compare(report, `no-op plan (${n})`, planC, planT, 10);
  } finally {
    for (const d of dirs) removeDir(d);
  }
  return report.exitCode();
}

process.exitCode = await main();
