// `cairn state pull`: the current state, exactly as stored (Terraform's version 4 JSON), on stdout. No
// output when there is no state. Like Terraform, the serialized state (which ends in a newline) is printed
// as one UI message, which adds another.

import { hasErrors } from "../../lang/diagnostics.js";
import { serializeState } from "../../state/serialize.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { openStore, readState } from "../../operations/open-state.js";
import { flagDiag, newUi } from "../views/ui.js";

export const statePullCommand: Command = {
  name: "state pull",
  synopsis: "Pull current state and output to stdout",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { var: { kind: "repeated" }, "var-file": { kind: "repeated" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const read = await readState(openStore(ctx));
    ui.diagnostics(read.diags); // errors, or the warning that an interrupted apply left operations pending
    if (hasErrors(read.diags)) return 1;
    if (read.state !== undefined) ui.output(serializeState(read.state));
    return 0;
  },
};
