// Parse benchmark (issue 2, Performance): the generated 9,000-block configuration parsed by Cairn's parser
// (15 runs, each from a collected heap when --expose-gc is given, as `npm run bench` does; a CLI run also
// parses from a fresh heap) and once by hcl2-parser in the same process. The projection of our AST must
// equal hcl2-parser's output. Exits non-zero when a bar is missed: >= 50x faster than hcl2-parser, median
// under 150 ms, peak RSS under 250 MB.

import { deepStrictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { generateBenchmarkConfig } from "../gen/config.js";
import { parseConfig } from "../../planner/lang/syntax/parser.js";
import { projectHcl2Json } from "../../planner/lang/syntax/project-hcl2json.js";

const RUNS = 15;
const BAR_RATIO = 50;
const BAR_MEDIAN_MS = 150;
const BAR_RSS_MB = 250;

interface Hcl2Parser {
  parseToObject(src: string): [unknown, unknown];
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

function main(): number {
  const text = generateBenchmarkConfig();
  const sizeMb = Buffer.byteLength(text) / 1e6;
  const times: number[] = [];
  let last = parseConfig(text, "bench.tf");
  for (let i = 0; i < RUNS; i++) {
    collect();
    const t0 = performance.now();
    last = parseConfig(text, "bench.tf");
    times.push(performance.now() - t0);
  }
  const rss = peakRssMb();
  if (last.diags.length > 0) {
    console.error(`unexpected diagnostics: ${last.diags[0]!.summary}`);
    return 1;
  }
  const blocks = last.file.body.blocks.length;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const min = times[0]!;

  const hcl = createRequire(import.meta.url)("hcl2-parser") as Hcl2Parser;
  const h0 = performance.now();
  const [theirs, err] = hcl.parseToObject(text);
  const hclMs = performance.now() - h0;
  if (err) {
    console.error(`hcl2-parser failed: ${String(err)}`);
    return 1;
  }
  deepStrictEqual(projectHcl2Json(last.file), theirs, "projection of our AST differs from hcl2-parser's output");

  const ratio = hclMs / median;
  console.log(
    `parse ${sizeMb.toFixed(1)}MB/${blocks} blocks: cairn median ${median.toFixed(0)} ms (min ${min.toFixed(0)} ms, ${RUNS} runs), ` +
      `hcl2-parser ${hclMs.toFixed(0)} ms, ratio ${ratio.toFixed(0)}x, peak RSS ${rss.toFixed(0)} MB (includes hcl2-parser), projection equal`,
  );
  const misses: string[] = [];
  if (ratio < BAR_RATIO) misses.push(`ratio ${ratio.toFixed(0)}x < ${BAR_RATIO}x`);
  if (median >= BAR_MEDIAN_MS) misses.push(`median ${median.toFixed(0)} ms >= ${BAR_MEDIAN_MS} ms`);
  if (rss >= BAR_RSS_MB) misses.push(`peak RSS ${rss.toFixed(0)} MB >= ${BAR_RSS_MB} MB`);
  if (misses.length > 0) {
    console.log(`MISSED: ${misses.join("; ")}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
