// Preloaded into the measured `cairn` child (`node --import <this> bin/cairn …`): when the process exits it
// writes its peak resident set size (getrusage maxRSS, KiB) and CPU time (user + system, ms) as JSON to the
// file named by CAIRN_BENCH_RSS_FILE.
// The CLI itself knows nothing of benchmarks; nothing is written unless the variable is set.

import { writeFileSync } from "node:fs";

const out = process.env.CAIRN_BENCH_RSS_FILE;
if (out !== undefined && out !== "") {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
