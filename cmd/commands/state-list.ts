// `cairn state list [-state=path] [-id=ID] [address...]`: the resource instance addresses in the state, one
// per line in Terraform's order, optionally filtered by module or resource addresses and by the "id"
// attribute. An address that matches nothing is an error, as in Terraform.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { AbsResourceInstance } from "../../addrs/index.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { allInstanceAddrs, findInstance, lookupInstanceAddrs, legacyObjectId, hasInstance } from "./state/addresses.js";
import { errStateNotFound } from "./state/messages.js";
import { openStore, readState } from "../../operations/open-state.js";
import { flagDiag, newUi } from "../views/ui.js";

export const stateListCommand: Command = {
  name: "state list",
  synopsis: "List resources in the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { state: { kind: "string" }, id: { kind: "string" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const store = openStore(ctx, { statePath: parsed.flags.strings.get("state") });
    const read = await readState(store);
    ui.diagnostics(read.diags); // errors, or the warning that an interrupted apply left operations pending
    if (hasErrors(read.diags)) return 1;
    const state = read.state;
    if (state === undefined) {
      ui.error(errStateNotFound);
      return 1;
    }
    const filters = parsed.flags.positional;
    const diags: Diagnostic[] = [];
    let addrs: AbsResourceInstance[] = [];
    if (filters.length === 0) addrs = allInstanceAddrs(state);
    else
      for (const f of filters) {
        const found = lookupInstanceAddrs(state, f, false);
        addrs.push(...found.addrs);
        diags.push(...found.diags);
      }
    if (hasErrors(diags)) {
      ui.diagnostics(diags);
      return 1;
    }
    const id = parsed.flags.strings.get("id") ?? "";
    for (const addr of addrs) {
      if (!hasInstance(state, addr)) continue;
      if (id === "" || id === legacyObjectId(findInstance(state, addr)?.instance)) ui.output(addr.toString());
    }
    ui.diagnostics(diags);
    return 0;
  },
};
