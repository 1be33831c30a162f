// `cairn drift [-json] [-state=PATH] [-var ...] [-var-file ...] [-lock=false] [-lock-timeout=D]
// [-deleted ADDR]... [ADDR...]`: records a drift check in the audit trail. Without addresses it is Cairn's
// short form of `cairn plan -refresh-only`: it refreshes every object through its provider (the
// refresh-only plan walk, under the state lock) and records what changed or vanished outside Cairn. For drift
// found by other tools, the drifted instances are given as arguments (changed outside Cairn) and with
// -deleted (gone). A detector registered with registerDriftDetector (tests) replaces the refresh-only plan.
// `state history` shows the check among the versions. The state is not changed, so a drift check is an
// event, not a version.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { type DriftedInstance } from "../../state/history/drift.js";
import { formatInstanceRef } from "../../state/instance-ref.js";
import type { StateFile } from "../../state/model.js";
import { parseFlags, type ParsedFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import { lockState, prepareOperation, showDiags, unlockState } from "../operation/operation.js";
import { stateForPlan } from "../../operations/plan-state.js";
import { openStore, readState } from "../../operations/open-state.js";
import { driftedInstances, recordPlanDrift } from "../../operations/record-drift.js";
import { flagDiag, newUi, sourceless, type Ui } from "../views/ui.js";
import { openCommandHistory } from "../../operations/history.js";
import { varFlagsOf } from "../flag-groups.js";

/** Finds drifted instances (the planner's refresh-only walk): read every object and compare. */
export type DriftDetector = (state: StateFile, ctx: CommandContext) => Promise<{ drifted: DriftedInstance[]; diags: Diagnostic[] }>;

let detector: DriftDetector | undefined;

/** Called once by the planner so `cairn drift` without arguments refreshes and detects drift itself. */
export function registerDriftDetector(d: DriftDetector | undefined): void {
  detector = d;
}

export const driftCommand: Command = {
  name: "drift",
  synopsis: "Check for drift and record it in the state history",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, {
      json: { kind: "bool", default: false },
      state: { kind: "string" },
      deleted: { kind: "repeated" },
      var: { kind: "repeated" },
      "var-file": { kind: "repeated" },
      lock: { kind: "bool", default: true },
      "lock-timeout": { kind: "string", default: "0s" },
    });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    const deleted = flags.repeated.filter((r) => r.name === "deleted");
    if (flags.positional.length === 0 && deleted.length === 0 && detector === undefined) return refreshOnlyDrift(argv, flags, ctx, ui);
    const varFlags = varFlagsOf(flags);
    const opened = await openCommandHistory(ctx, flags.strings.get("state"), varFlags);
    if (!opened.history || hasErrors(opened.diags)) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    // As the refresh-only form (stateForPlan): a crashed apply's journaled objects are part of the state.
    const store = openStore(ctx, { statePath: flags.strings.get("state"), varFlags });
    const read = await readState(store);
    if (hasErrors(read.diags) || read.state === undefined) {
      ui.diagnostics(read.state === undefined && !hasErrors(read.diags) ? [sourceless("No state file was found!", `There is no state at ${opened.statePath}, so nothing can drift.`)] : read.diags);
      return 1;
    }
    ui.diagnostics(read.diags);
    const state = read.state;
    const given: DriftedInstance[] = [...flags.positional.map((address) => ({ address, action: "update" as const })), ...deleted.map((r) => ({ address: r.value, action: "delete" as const }))];
    let drifted: DriftedInstance[];
    if (given.length > 0 || detector === undefined) {
      const known = new Set(state.resources.flatMap((r) => r.instances.map((i) => formatInstanceRef({ ...r, index_key: i.index_key, deposed: i.deposed }))));
      const unknown = given.filter((g) => !known.has(g.address));
      if (unknown.length > 0) {
        ui.diagnostics(unknown.map((u) => sourceless("Invalid target address", `${u.address} is not a resource instance in the state (see "cairn state list").`)));
        return 1;
      }
      drifted = given;
    } else {
      const found = await detector!(state, ctx);
      ui.diagnostics(found.diags);
      if (hasErrors(found.diags)) return 1;
      drifted = found.drifted;
    }
    // The one recording path: it also writes the check to a pg backend's history.
    const recorded = await recordPlanDrift(store, ctx, state, drifted, { command: "drift", args: argv });
    ui.diagnostics(recorded.diags);
    report(ctx, ui, flags, state.serial, recorded.record?.changes ?? drifted, recorded.record !== undefined);
    return 0;
  },
};

function report(ctx: CommandContext, ui: Ui, flags: ParsedFlags, serial: number, changes: readonly { address: string; action: string }[], recorded: boolean): void {
  const note = recorded ? " The check was recorded." : "";
  if (flags.bools.get("json")) {
    ctx.stdout.write(JSON.stringify({ format_version: "1.0", serial, drifted: changes, recorded }) + "\n");
  } else if (changes.length === 0) {
    ui.output(`No drift: the objects of version ${serial} match the real infrastructure.${note}`);
  } else {
    ui.output(`Drift ${recorded ? "recorded" : "found"} for version ${serial}:`);
    for (const d of changes) ui.output(`  ${d.action === "delete" ? "-" : "~"} ${d.address}${d.action === "delete" ? " has been deleted" : " has changed outside of Cairn"}`);
  }
}

/** `cairn drift` without addresses: a refresh-only plan (as `cairn plan -refresh-only`), its drift recorded. */
async function refreshOnlyDrift(argv: readonly string[], flags: ParsedFlags, ctx: CommandContext, ui: Ui): Promise<number> {
  const planArgv = ["-refresh-only", `-lock=${flags.bools.get("lock") !== false}`, `-lock-timeout=${flags.strings.get("lock-timeout") ?? "0s"}`];
  const statePath = flags.strings.get("state");
  if (statePath !== undefined) planArgv.push(`-state=${statePath}`);
  for (const r of flags.repeated) if (r.name === "var" || r.name === "var-file") planArgv.push(`-${r.name}=${r.value}`);
  const op = await prepareOperation(planArgv, ctx, "drift");
  if (typeof op === "number") return op;
  try {
    // drift -json prints one JSON document: a slow lock's note must not go before it.
    if (!(await lockState(op, "OperationTypePlan", flags.bools.get("json") === true))) return 1;
    const st = await stateForPlan(op.store, op.core);
    showDiags(op, st.diags);
    if (hasErrors(st.diags)) return 1;
    if (st.state === undefined) {
      ui.diagnostics([sourceless("No state file was found!", `There is no state at ${op.store.path}, so nothing can drift.`)]);
      return 1;
    }
    const { plan, diags } = await op.core.plan(st.state, op.planOptions);
    showDiags(op, diags);
    if (plan === undefined || hasErrors(diags)) return 1;
    const drifted = driftedInstances(plan);
    const rec = (await recordPlanDrift(op.store, ctx, st.state, drifted, { command: "drift", args: argv }));
    showDiags(op, rec.diags);
    report(ctx, ui, flags, st.state.serial, rec.record?.changes ?? drifted, rec.record !== undefined);
    return 0;
  } finally {
    await unlockState(op);
    await op.core.close();
  }
}
