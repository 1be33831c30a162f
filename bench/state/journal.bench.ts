// The state journal's group commit: 20,000 results recorded by ten workers (as an apply with
// -parallelism=10), each result durable before its worker moves on, then the final compaction into the
// state file. Prints the time, the number of fsyncs and compactions. Bars: none (the planner benchmarks
// carry the apply bars); the figure was a wall-clock assertion in npm test before.
// Options: --n=20000

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import { LocalStateStore } from "../../state/local-store.js";
import { StateJournal } from "../../state/journal.js";
import { VERSION } from "../../operations/version.js";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const total = Number(args.get("n") ?? 20_000);
const provider = 'provider["terraform.io/builtin/terraform"]';

const dir = mkdtempSync(join(tmpdir(), "cairn-bench-journal-"));
try {
  const store = new LocalStateStore({ workingDir: dir });
  const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: VERSION });
  const journal = opened.journal;
  if (journal === undefined) throw new Error(`journal did not open: ${JSON.stringify(opened.diags)}`);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < total) {
        const i = next++;
        journal.recordResult({ ref: { mode: "managed", type: "terraform_data", name: "n", index_key: i }, provider, each: "list", instance: { schema_version: 0, attributes: { id: `id-${i}` }, sensitive_attributes: [] } });
        const d = await journal.flush();
        if (d.length > 0) throw new Error(JSON.stringify(d));
      }
    }),
  );
  const appendMs = performance.now() - t0;
  const t1 = performance.now();
  const closed = await journal.close();
  if (closed.length > 0) throw new Error(JSON.stringify(closed));
  const closeMs = performance.now() - t1;
  const stats = journal.stats();
  console.log(`load ${loadavg()[0]!.toFixed(1)}`);
  console.log(`journal: ${total} results in ${appendMs.toFixed(0)} ms (${((total / appendMs) * 1000).toFixed(0)}/s), ${stats.syncs} fsyncs, ${stats.compactions} compactions; final compaction ${closeMs.toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
