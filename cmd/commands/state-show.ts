// `cairn state show [-state=path] ADDRESS`: one resource instance's current object, rendered as Terraform's
// `state show` renders it (see views/state/state-human.ts).

import { hasErrors } from "../../planner/lang/diagnostics.js";
import { AbsResourceInstance, parseAbsResourceInstanceStr } from "../../planner/addrs/index.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { renderResourceObject } from "../views/state/state-human.js";
import { stateValues } from "../views/state/state-values.js";
import { emptyState } from "../../state/model.js";
import { findInstance } from "./state/addresses.js";
import { errNoInstanceFound, errParsingAddress, errStateNotFound } from "./state/messages.js";
import { openStore } from "./state/open-state.js";
import { asDiag, flagDiag, newUi, sourceless } from "./state/ui.js";

export const stateShowCommand: Command = {
  name: "state show",
  synopsis: "Show a resource in the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { state: { kind: "string" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("state show");
      return 1;
    }
    const args = parsed.flags.positional;
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
    const store = openStore(ctx, { statePath: parsed.flags.strings.get("state") });
    const read = await store.read();
    if (hasErrors(read.diags)) {
      ui.diagnostics(read.diags);
      return 1;
    }
    if (read.state === undefined) {
      ui.diagnostics([asDiag(errStateNotFound)]);
      return 1;
    }
    const found = findInstance(read.state, addr);
    if (found === undefined) {
      ui.diagnostics([asDiag(errNoInstanceFound)]);
      return 1;
    }
    // Render a state holding only this object, as Terraform does.
    const single = emptyState(read.state.terraform_version, read.state.lineage);
    single.resources.push({ ...found.resource, instances: [found.instance] });
    const values = stateValues(single);
    const object = firstResource(values.rootModule);
    if (object !== undefined) ctx.stdout.write(renderResourceObject(object));
    return 0;
  },
};


function firstResource(m: ReturnType<typeof stateValues>["rootModule"]): ReturnType<typeof stateValues>["rootModule"]["resources"][number] | undefined {
  if (m.resources.length > 0) return m.resources[0];
  for (const c of m.childModules) {
    const r = firstResource(c);
    if (r !== undefined) return r;
  }
  return undefined;
}
