// Parse benchmark (issue 2, Performance): the generated 9,000-block configuration parsed by Cairn's parser
// and once by hcl2-parser in the same run. The projection of our AST must equal hcl2-parser's output.
// Exits non-zero when a bar is missed: >= 50x faster than hcl2-parser, median under 150 ms, peak RSS under
// 250 MB.
//
// Our timings and our peak RSS come from a child process that loads only Cairn's parser (15 runs, each from
// a collected heap when --expose-gc is given, as `npm run bench` does; a CLI run also parses from a fresh
// heap), so that the RSS bar measures our parser and not hcl2-parser's 200 MB. The parent then parses once
// more for the projection and times hcl2-parser. Besides wall time, each run's CPU time (all threads, so
// including parallel GC) is reported: on a loaded machine it is the steadier figure.
//
// Options: --child (internal), --runs=N, --semi=MB (run the child with --max-semi-space-size=MB, to compare
// with and without a larger young generation).

import { deepStrictEqual } from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { generateBenchmarkConfig } from "../gen/config.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { projectHcl2Json } from "../../lang/syntax/project-hcl2json.js";

const BAR_RATIO = 50;
const BAR_MEDIAN_MS = 150;
const BAR_RSS_MB = 250;

interface Hcl2Parser {
  parseToObject(src: string): [unknown, unknown];
}

interface ChildResult {
  times: number[];
  cpu: number[];
  rssMb: number;
  blocks: number;
  diag?: string;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? undefined : arg.slice(prefix.length);
}

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to resourceUsage
  }
  return process.resourceUsage().maxRSS / 1024;
}

function collect(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The measured part: only Cairn's parser is loaded in this process. */
function child(runs: number): ChildResult {
  const text = generateBenchmarkConfig();
  const times: number[] = [];
  const cpu: number[] = [];
  let last = parseConfig(text, "bench.tf");
  for (let i = 0; i < runs; i++) {
    collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = parseConfig(text, "bench.tf");
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const result: ChildResult = { times, cpu, rssMb: peakRssMb(), blocks: last.file.body.blocks.length };
  if (last.diags.length > 0) result.diag = last.diags[0]!.summary;
  return result;
}

function main(): number {
  const runs = Number(option("runs") ?? 15);
  if (process.argv.includes("--child")) {
    process.stdout.write(JSON.stringify(child(runs)));
    return 0;
  }

  const semi = option("semi");
  const nodeArgs = [...process.execArgv];
  if (semi !== undefined) nodeArgs.push(`--max-semi-space-size=${semi}`);
  const load0 = loadavg()[0]!;
  const res = spawnSync(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), "--child", `--runs=${runs}`], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (res.status !== 0) {
    console.error(`benchmark child failed (exit ${res.status}): ${res.stderr}`);
    return 1;
  }
  const ours = JSON.parse(res.stdout) as ChildResult;
  if (ours.diag !== undefined) {
    console.error(`unexpected diagnostics: ${ours.diag}`);
    return 1;
  }
  const med = median(ours.times);
  const min = Math.min(...ours.times);
  const cpuMed = median(ours.cpu);

  const text = generateBenchmarkConfig();
  const sizeMb = Buffer.byteLength(text) / 1e6;
  const mine = parseConfig(text, "bench.tf");
  const hcl = createRequire(import.meta.url)("hcl2-parser") as Hcl2Parser;
  const h0 = performance.now();
  const [theirs, err] = hcl.parseToObject(text);
  const hclMs = performance.now() - h0;
  if (err) {
    console.error(`hcl2-parser failed: ${String(err)}`);
    return 1;
  }
  deepStrictEqual(projectHcl2Json(mine.file), theirs, "projection of our AST differs from hcl2-parser's output");
  const load1 = loadavg()[0]!;

  const ratio = hclMs / med;
  console.log(
    `parse ${sizeMb.toFixed(1)}MB/${ours.blocks} blocks: cairn median ${med.toFixed(0)} ms (min ${min.toFixed(0)} ms, CPU median ${cpuMed.toFixed(0)} ms, ${runs} runs` +
      `${semi !== undefined ? `, --max-semi-space-size=${semi}` : ""}), hcl2-parser ${hclMs.toFixed(0)} ms, ratio ${ratio.toFixed(0)}x, ` +
      `peak RSS ${ours.rssMb.toFixed(0)} MB (Cairn's parser alone; this process with hcl2-parser: ${peakRssMb().toFixed(0)} MB), ` +
      `load average ${load0.toFixed(1)}-${load1.toFixed(1)}, projection equal`,
  );
  const misses: string[] = [];
  if (ratio < BAR_RATIO) misses.push(`ratio ${ratio.toFixed(0)}x < ${BAR_RATIO}x`);
  if (med >= BAR_MEDIAN_MS) misses.push(`median ${med.toFixed(0)} ms >= ${BAR_MEDIAN_MS} ms`);
  if (ours.rssMb >= BAR_RSS_MB) misses.push(`peak RSS ${ours.rssMb.toFixed(0)} MB >= ${BAR_RSS_MB} MB`);
  if (misses.length > 0) {
    console.log(`MISSED: ${misses.join("; ")}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
