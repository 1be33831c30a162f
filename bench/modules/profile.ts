// Where a cairn command spends its CPU time (issue 5, Performance): runs `bin/cairn <args>` in a directory
// under `node --cpu-prof`, then prints the self time summed by function and by file, largest first.
// Not a benchmark (no bar): the tool used to find the hot spots the module benchmarks report.
//   node dist/bench/modules/profile.js <config dir> [--top=25] -- plan -no-color

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { option, removeDir, repoRoot, tempDir } from "../planner/harness.js";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function where(cf: CallFrame): { fn: string; file: string } {
  const file = cf.url.replace(/^file:\/\//, "").replace(`${repoRoot}/`, "") || "(native)";
  return { fn: `${cf.functionName || "(anonymous)"} ${file}:${cf.lineNumber + 1}`, file };
}

function print(title: string, totals: Map<string, number>, top: number): void {
  console.log(title);
  for (const [k, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${k}`);
}

function summarise(profile: CpuProfile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    total += us;
    const w = where(node.callFrame);
    byFn.set(w.fn, (byFn.get(w.fn) ?? 0) + us);
    byFile.set(w.file, (byFile.get(w.file) ?? 0) + us);
  });
  console.log(`sampled ${(total / 1000).toFixed(0)} ms`);
  print("self time by function:", byFn, top);
  print("self time by file:", byFile, top);
}

function main(): number {
  const sep = process.argv.indexOf("--");
  const dir = process.argv[2];
  if (dir === undefined || sep < 0) {
    console.error("usage: node dist/bench/modules/profile.js <config dir> [--top=25] -- <cairn args>");
    return 2;
  }
  const top = Number(option("top") ?? 25);
  const out = tempDir("profile");
  try {
    const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${out}`, join(repoRoot, "bin", "cairn"), ...process.argv.slice(sep + 1)], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
    console.log(`cairn ${process.argv.slice(sep + 1).join(" ")}: exit ${r.status}`);
    for (const f of readdirSync(out).filter((n) => n.endsWith(".cpuprofile"))) summarise(JSON.parse(readFileSync(join(out, f), "utf8")) as CpuProfile, top);
    return 0;
  } finally {
    removeDir(out);
  }
}

process.exitCode = main();
