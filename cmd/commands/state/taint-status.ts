// `taint` and `untaint` (Terraform's command/taint.go, untaint.go): mark one resource instance's current
// object as tainted (replaced by the next plan) or healthy again, under the state lock, with a backup of the
// state as state rm keeps one. Messages and exit codes as Terraform's.

import type { CommandContext } from "../../registry.js";
import { AbsResource, AbsResourceInstance } from "../../../addrs/index.js";
import { findInstance, parseTargetArg } from "./addresses.js";
import { persistState, runLocked } from "../../../operations/locked-run.js";
import { openStore, timestampedBackupPath } from "../../../operations/open-state.js";
import { recordStateVersion } from "../../../operations/record-version.js";
import { newUi, sourceless } from "../../views/ui.js";
import { parseWriteFlags } from "./write-flags.js";
import { varFlagsOf } from "../../flag-groups.js";
import { errStateRmPersist } from "./messages.js";

export async function setTaint(argv: readonly string[], ctx: CommandContext, taint: boolean, usage: string): Promise<number> {
  const ui = newUi(ctx);
  const name = taint ? "taint" : "untaint";
  const parsed = parseWriteFlags(argv, { "allow-missing": { kind: "bool", default: false } }, ui);
  if (parsed === undefined) return 1;
  const { flags, lock } = parsed;
  if (flags.positional.length !== 1) {
    ui.error(`The ${name} command expects exactly one argument.`);
    ui.error(usage.trimEnd());
    return 1;
  }
  const arg = flags.positional[0]!;
  const target = parseTargetArg(arg);
  if (target.subject === undefined) {
    ui.diagnostics(target.diags);
    return 1;
  }
  // A resource address without a key names its single instance (`terraform_data.b`).
  const addr = target.subject instanceof AbsResource ? target.subject.instance() : target.subject;
  if (!(addr instanceof AbsResourceInstance)) {
    ui.diagnostics([sourceless("Invalid resource instance address", `The address ${arg} does not name a single resource instance.`)]);
    return 1;
  }
  if (addr.resource.resource.mode === "data") {
    ui.diagnostics([sourceless(`Cannot ${name} a data resource`, `Data resources do not have a ${taint ? "tainted" : "untainted"} state; ${addr.toString()} is read again on every plan.`)]);
    return 1;
  }
  const allowMissing = flags.bools.get("allow-missing") === true;
  const varFlags = varFlagsOf(flags);
  const statePath = openStore(ctx, { statePath: flags.strings.get("state"), varFlags }).path;
  const store = openStore(ctx, { statePath, backupPath: timestampedBackupPath(statePath, flags.strings.get("backup")), varFlags });
  return runLocked(ctx, store, lock, name, ui, async (state) => {
    const found = state === undefined ? undefined : findInstance(state, addr);
    if (state === undefined || found === undefined) {
      if (allowMissing) {
        ui.diagnostics([sourceless("No such resource instance", `Resource instance ${addr.toString()} was not found, but this is not an error because -allow-missing was set.`, "warning")]);
        return 0;
      }
      ui.diagnostics([
        sourceless(
          "No such resource instance",
          taint
            ? `There is no resource instance in the state with the address ${addr.toString()}. If the resource configuration has just been added, you must run "cairn apply" once to create the corresponding instance(s) before they can be tainted.`
            : `There is no resource instance in the state with the address ${addr.toString()}. If the resource configuration has just been added, you must run "cairn apply" once to create the corresponding instance(s) before they can be untainted.`,
        ),
      ]);
      return 1;
    }
    if (!taint && found.instance.status !== "tainted") {
      ui.diagnostics([sourceless("Resource instance is not tainted", `Resource instance ${addr.toString()} is not currently tainted, and so it cannot be untainted.`)]);
      return 1;
    }
    if (taint) found.instance.status = "tainted";
    else delete found.instance.status;
    const failure = await persistState(store, state);
    if (failure !== undefined) {
      ui.error(errStateRmPersist(failure));
      return 1;
    }
    ui.diagnostics((await recordStateVersion(store, ctx, { command: name, args: [...argv] })).diags);
    ui.output(taint ? `Resource instance ${addr.toString()} has been marked as tainted.` : `Resource instance ${addr.toString()} has been successfully untainted.`);
    return 0;
  });
}
