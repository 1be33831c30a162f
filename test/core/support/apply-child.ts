// A child process for the kill -9 test: applies the configuration in argv[2] with the test provider on the
// file-backed cloud argv[3] (create delay argv[4] ms), through the real state store and journal, exactly as
// `cairn apply -auto-approve` does: recover pending intents, plan, apply, close the journal.

import { loadModuleDir } from "../../../config/index.js";
import { CoreContext } from "../../../planner/core/index.js";
import { LocalStateStore } from "../../../state/local-store.js";
import { StateJournal } from "../../../state/journal.js";
import { factories } from "./harness.js";
import { FileThingCloud } from "./file-cloud.js";

async function main(): Promise<number> {
  const [dir, cloudPath, delay] = process.argv.slice(2);
  process.chdir(dir!);
  const loaded = loadModuleDir(".");
  const core = new CoreContext({ module: loaded.module, providers: factories(new FileThingCloud(cloudPath!), [], undefined, Number(delay)), variables: new Map(), cwd: dir!, cairnVersion: "0.0.0-test" });
  const store = new LocalStateStore({ workingDir: dir! });
  const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.0.0-test", compactAfterRecords: 200 });
  if (!opened.journal) throw new Error(JSON.stringify(opened.diags));
  const rec = await core.recover(opened.pending, opened.journal);
  process.stdout.write(`recovered ${rec.adopted.length} abandoned ${rec.abandoned}\n`);
  const p = await core.plan(opened.journal.currentState(), { parallelism: 10 });
  if (!p.plan) throw new Error(JSON.stringify(p.diags));
  const r = await core.apply(p.plan, opened.journal, { parallelism: 10 });
  await opened.journal.close();
  await core.close();
  process.stdout.write(`added ${r.counts.added} errors ${r.diags.filter((d) => d.severity === "error").length}\n`);
  return 0;
}

main().then((c) => process.exit(c));
