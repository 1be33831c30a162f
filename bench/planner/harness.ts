// Shared by the planner benchmarks (issue 3, Performance): a temporary working directory, running the real
// CLI (`bin/cairn` in a child process, run as a program) there, measuring its wall time and peak RSS, and printing each figure
// against its bar and Terraform's figure. Benchmarks run one after another (`npm run bench`), on a machine
// that may be busy: every figure is printed with the load average at the time, and timed runs take medians.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
/** The repository root (this file is dist/bench/planner/harness.js). */
export const repoRoot = resolve(here, "..", "..", "..");
const cairnBin = join(repoRoot, "bin", "cairn");
const rssReporter = join(here, "rss-reporter.js");

export interface RunResult {
  readonly code: number;
  readonly wallMs: number;
  /** Peak resident set size of the cairn process, MiB. */
  readonly rssMb: number;
  /** CPU time (user + system) of the cairn process, ms: steadier than wall time on a loaded machine. */
  readonly cpuMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cairn-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `cairn <args>` in `cwd` and measures it. Output is kept only for error reports. */
export function runCairn(cwd: string, args: readonly string[]): Promise<RunResult> {
  const rssFile = join(cwd, `.bench-rss-${process.pid}-${Date.now()}`);
  const t0 = performance.now();
  return new Promise((done) => {
    // bin/cairn run as a program, as users run it (its first line picks Node's flags); the reporter rides in
    // NODE_OPTIONS, which it takes out of the environment again so that no child of cairn's inherits it.
    const nodeOptions = [process.env.NODE_OPTIONS, `--import=file://${rssReporter}`].filter((o) => o !== undefined && o !== "").join(" ");
    const child = spawn(cairnBin, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, CAIRN_BENCH_RSS_FILE: rssFile, TF_IN_AUTOMATION: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    // Plans of 20,000 resources print megabytes: keep only the tail for error reports.
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.length;
      out.push(b);
      while (outBytes > 1 << 20 && out.length > 1) outBytes -= out.shift()!.length;
    });
    child.stderr.on("data", (b: Buffer) => err.push(b));
    // "close", not "exit": the child may exit before its piped output has all been read.
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - t0;
      let rssKb = 0;
      let cpuMs = 0;
      if (existsSync(rssFile)) {
        const m = JSON.parse(readFileSync(rssFile, "utf8")) as { maxRssKb: number; cpuMs: number };
        rssKb = m.maxRssKb;
        cpuMs = m.cpuMs;
        rmSync(rssFile, { force: true });
      }
      done({
        code: code ?? (signal ? 128 : 1),
        wallMs,
        rssMb: rssKb / 1024,
        cpuMs,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

export function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? undefined : arg.slice(prefix.length);
}

/** Collects figures and bar results, prints them, and gives the exit code. */
export class Report {
  private missed = 0;

  constructor(readonly title: string) {
    console.log(`${title}  (load average ${load()})`);
  }

  /**
   * One figure. `bar` is the upper limit (undefined: reported only); `theirs` is Terraform's (or OpenTofu's)
   * figure in the same unit, printed as how many times faster (or smaller) Cairn is.
   */
  figure(label: string, value: number, unit: "s" | "MB", bar?: number, theirs?: { value: number; who: string; lowerBound?: boolean }): void {
    const v = unit === "s" ? `${value.toFixed(2)} s` : `${value.toFixed(0)} MB`;
    const barText = bar === undefined ? "no bar" : `bar < ${unit === "s" ? `${bar} s` : `${bar} MB`}`;
    const ok = bar === undefined || value < bar;
    if (!ok) this.missed++;
    const ratio = theirs === undefined ? "" : `; ${theirs.who} ${theirs.lowerBound ? ">" : ""}${unit === "s" ? `${theirs.value} s` : `${theirs.value} MB`} = ${theirs.lowerBound ? ">" : ""}${(theirs.value / value).toFixed(1)}x`;
    console.log(`  ${ok ? "ok  " : "MISS"} ${label}: ${v} (${barText}${ratio})  [load ${load()}]`);
  }

  failure(message: string): void {
    this.missed++;
    console.log(`  FAIL ${message}`);
  }

  exitCode(): number {
    console.log(this.missed === 0 ? "  all bars met" : `  ${this.missed} figure(s) missed their bar`);
    return this.missed === 0 ? 0 : 1;
  }
}

/** Fails the report with the command's output tail when it did not exit as expected. */
export function expectExit(report: Report, what: string, r: RunResult, codes: readonly number[] = [0]): boolean {
  if (codes.includes(r.code)) return true;
  report.failure(`${what} exited ${r.code}: ${(r.stderr || r.stdout).slice(-2000)}`);
  return false;
}
