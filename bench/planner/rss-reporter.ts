// Preloaded into the measured `cairn` child (NODE_OPTIONS=--import=<this>): when the process exits it writes
// its peak resident set size (getrusage maxRSS, KiB) and CPU time (user + system, ms) as JSON to the file
// named by CAIRN_BENCH_RSS_FILE. The CLI itself knows nothing of benchmarks; nothing is written unless the
// variable is set. Both variables leave the environment here, so that a process cairn starts (a provider
// plugin) neither loads this nor overwrites the figures.

import { writeFileSync } from "node:fs";

const out = process.env.CAIRN_BENCH_RSS_FILE;
delete process.env.CAIRN_BENCH_RSS_FILE;
process.env.NODE_OPTIONS = (process.env.NODE_OPTIONS ?? "").replace(/\s*--import=\S*rss-reporter\.js/, "").trim();
if (process.env.NODE_OPTIONS === "") delete process.env.NODE_OPTIONS;
if (out !== undefined && out !== "") {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
