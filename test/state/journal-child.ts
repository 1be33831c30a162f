// Child process for the kill -9 test (not a test file itself). Usage: node journal-child.js DIR COUNT COMPACT_EVERY
// Opens the state in DIR with a journal and runs COUNT creates through 10 concurrent workers, each: record
// the intent, flush, record the result, flush, then print "ack <i>" — an acknowledgement is only printed
// once the result is durable. The parent kills this process at random moments.
import { LocalStateStore } from "../../state/local-store.js";
import { StateJournal } from "../../state/journal.js";
import { withClientToken } from "../../state/private.js";

const [dir, countArg, compactArg] = process.argv.slice(2);
const count = Number(countArg);
const store = new LocalStateStore({ workingDir: dir });
const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: Number(compactArg) });
if (!opened.journal) {
  console.error(JSON.stringify(opened.diags));
  process.exit(2);
}
const journal = opened.journal;
const provider = 'provider["terraform.io/builtin/terraform"]';
let next = 0;

async function worker(): Promise<void> {
  while (next < count) {
    const i = next++;
    const ref = { mode: "managed" as const, type: "terraform_data", name: "item", index_key: i };
    const token = `token-${i}`;
    journal.recordIntent({ ref, token, action: "create", provider });
    if ((await journal.flush()).length > 0) process.exit(3);
    // (a provider create would happen here)
    const instance = withClientToken({ schema_version: 0, attributes: { id: `obj-${i}`, input: i }, sensitive_attributes: [] }, token);
    journal.recordResult({ ref, provider, each: "list", instance });
    if ((await journal.flush()).length > 0) process.exit(3);
    process.stdout.write(`ack ${i}\n`);
  }
}

await Promise.all(Array.from({ length: 10 }, worker));
const d = await journal.close();
process.stdout.write(d.length === 0 ? "done\n" : `close failed ${JSON.stringify(d)}\n`);
