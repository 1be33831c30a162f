// `cairn state show [-state=path] ADDRESS`: one resource instance's current object, rendered as Terraform's
// `state show` renders it (see views/state/state-human.ts).
// `cairn state show -serial N [ADDRESS]`: the same from version N of the state history (history.snapshotAt);
// without an address, the whole state as it was (as `cairn show` renders a state).

import { stateSchemaLookup } from "../../planner/scope/state-schemas.js";
import { providerRegistry } from "../../operations/providers.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { AbsResourceInstance, parseAbsResourceInstanceStr } from "../../addrs/index.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { renderResourceObject, renderStateHuman } from "../views/state/state-human.js";
import { stateValues } from "../views/state/state-values.js";
import { emptyState } from "../../state/model.js";
import { findInstance } from "./state/addresses.js";
import { errNoInstanceFound, errParsingAddress, errStateNotFound } from "./state/messages.js";
import { openStore, readState } from "../../operations/open-state.js";
import { asDiag, flagDiag, newUi, sourceless } from "../views/ui.js";
import { openCommandHistory } from "../../operations/history.js";
import { parsePositiveInt } from "../flag-groups.js";
import type { StateFile } from "../../state/model.js";

export const stateShowCommand: Command = {
  name: "state show",
  synopsis: "Show a resource in the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { state: { kind: "string" }, serial: { kind: "string" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("state show");
      return 1;
    }
    const args = parsed.flags.positional;
    const serial = parsePositiveInt(parsed.flags.strings.get("serial"), "serial", ui);
    if (serial === "error") return 1;
    if (serial !== undefined && args.length === 0) {
      const past = await historicState(ctx, parsed.flags.strings.get("state"), serial, ui);
      if (past === undefined) return 1;
      ctx.stdout.write(renderStateHuman(past, await stateSchemaLookup(past, providerRegistry())));
      return 0;
    }
    if (args.length !== 1) {
      ui.diagnostics([sourceless("Required argument missing", "Exactly one argument expected: the address of a resource instance to show.")]);
      ui.helpPrompt("state show");
      return 1;
    }
    const parsedAddr = parseAbsResourceInstanceStr(args[0]!);
    if (hasErrors(parsedAddr.diags) || parsedAddr.addr === undefined) {
      ui.diagnostics([asDiag(errParsingAddress(args[0]!))]);
      return 1;
    }
    const addr: AbsResourceInstance = parsedAddr.addr;
    let state: StateFile;
    if (serial !== undefined) {
      const past = await historicState(ctx, parsed.flags.strings.get("state"), serial, ui);
      if (past === undefined) return 1;
      state = past;
    } else {
      const store = openStore(ctx, { statePath: parsed.flags.strings.get("state") });
      const read = await readState(store);
      ui.diagnostics(read.diags); // errors, or the warning that an interrupted apply left operations pending
      if (hasErrors(read.diags)) return 1;
      if (read.state === undefined) {
        ui.diagnostics([asDiag(errStateNotFound)]);
        return 1;
      }
      state = read.state;
    }
    const read = { state };
    const found = findInstance(read.state, addr);
    if (found === undefined) {
      ui.diagnostics([asDiag(errNoInstanceFound)]);
      return 1;
    }
    // Render a state holding only this object, as Terraform does.
    const single = emptyState(read.state.terraform_version, read.state.lineage);
    single.resources.push({ ...found.resource, instances: [found.instance] });
    const values = stateValues(single, await stateSchemaLookup(single, providerRegistry()));
    const object = firstResource(values.rootModule);
    if (object !== undefined) ctx.stdout.write(renderResourceObject(object));
    return 0;
  },
};


/** Version `serial` of the state from its history; undefined after reporting why not. */
async function historicState(ctx: Parameters<Command["run"]>[1], stateFlag: string | undefined, serial: number, ui: ReturnType<typeof newUi>): Promise<StateFile | undefined> {
  const opened = await openCommandHistory(ctx, stateFlag);
  if (!opened.history || hasErrors(opened.diags)) {
    ui.diagnostics(opened.diags);
    return undefined;
  }
  if (!opened.history.exists()) {
    ui.diagnostics([sourceless("No state history", `No history is recorded for ${opened.statePath}, so there is no version ${serial} to show.`)]);
    return undefined;
  }
  const snap = opened.history.snapshotAt(serial);
  if (snap.state === undefined) {
    ui.diagnostics(snap.diags);
    return undefined;
  }
  return snap.state;
}

function firstResource(m: ReturnType<typeof stateValues>["rootModule"]): ReturnType<typeof stateValues>["rootModule"]["resources"][number] | undefined {
  if (m.resources.length > 0) return m.resources[0];
  for (const c of m.childModules) {
    const r = firstResource(c);
    if (r !== undefined) return r;
  }
  return undefined;
}
