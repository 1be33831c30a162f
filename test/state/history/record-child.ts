// Child process for the history kill -9 test (not a test file itself). Usage: node record-child.js STATE_PATH
// Records versions of a 2,000-resource state, each changing every resource (so every version writes a pack of
// about 2,000 objects), with fsync on as the commands record, and prints "ack <serial>" once recordVersion
// returned. The parent kills this process at random moments.
import { openHistory } from "../../../state/history/index.js";
import { emptyState, sortState } from "../../../state/model.js";

const [statePath] = process.argv.slice(2);
const { history } = openHistory(statePath!, { fsync: true });
let serial = history.lastVersion()?.serial ?? 0;
for (;;) {
  serial++;
  const s = emptyState("0.1.0", "11111111-2222-3333-4444-555555555555");
  s.serial = serial;
  for (let i = 0; i < 2000; i++) {
    s.resources.push({
      mode: "managed",
      type: "terraform_data",
      name: `r${i}`,
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { id: `r${i}`, input: `version ${serial} of r${i}` }, sensitive_attributes: [] }],
    });
  }
  sortState(s);
  const r = history.recordVersion({ command: "apply", env: { CAIRN_ACTOR: "kill@test" } }, s);
  if (!r.recorded) process.exit(3);
  process.stdout.write(`ack ${serial}\n`);
}
