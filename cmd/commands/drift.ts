// `cairn drift [-json] [-state=PATH] [-deleted ADDR]... [ADDR...]`: records a drift check in the audit
// trail. The refresh-only plan walk registers itself as the detector (registerDriftDetector) and then finds
// what drifted by itself; until then, and for drift found by other tools, the drifted instances are given
// as arguments (changed outside Cairn) and with -deleted (gone). `state history` shows the check among the
// versions. The state is not changed, so a drift check is an event, not a version.

import type { Diagnostic } from "../../planner/lang/diagnostics.js";
import { hasErrors } from "../../planner/lang/diagnostics.js";
import { recordDriftCheck, type DriftedInstance } from "../../state/history/drift.js";
import { formatInstanceRef } from "../../state/instance-ref.js";
import { LocalStateStore } from "../../state/local-store.js";
import type { StateFile } from "../../state/model.js";
import { parseFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import { flagDiag, newUi, sourceless } from "./state/ui.js";
import { openCommandHistory } from "./state-history.js";

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
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false }, state: { kind: "string" }, deleted: { kind: "repeated" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    const opened = openCommandHistory(ctx, flags.strings.get("state"));
    if (!opened.history || hasErrors(opened.diags)) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const read = await new LocalStateStore({ path: opened.statePath }).read();
    if (hasErrors(read.diags) || read.state === undefined) {
      ui.diagnostics(read.state === undefined && !hasErrors(read.diags) ? [sourceless("No state file was found!", `There is no state at ${opened.statePath}, so nothing can drift.`)] : read.diags);
      return 1;
    }
    const state = read.state;
    const given: DriftedInstance[] = [...flags.positional.map((address) => ({ address, action: "update" as const })), ...flags.repeated.map((r) => ({ address: r.value, action: "delete" as const }))];
    let drifted: DriftedInstance[];
    if (given.length > 0 || detector === undefined) {
      if (given.length === 0) {
        ui.diagnostics([
          sourceless(
            "No drift detector",
            'This build cannot refresh objects from "cairn drift" yet: run "cairn plan -refresh-only", which records its drift check, or name the drifted instances: cairn drift ADDR... [-deleted ADDR]...',
          ),
        ]);
        return 1;
      }
      const known = new Set(state.resources.flatMap((r) => r.instances.map((i) => formatInstanceRef({ ...r, index_key: i.index_key, deposed: i.deposed }))));
      const unknown = given.filter((g) => !known.has(g.address));
      if (unknown.length > 0) {
        ui.diagnostics(unknown.map((u) => sourceless("Invalid target address", `${u.address} is not a resource instance in the state (see "cairn state list").`)));
        return 1;
      }
      drifted = given;
    } else {
      const found = await detector(state, ctx);
      ui.diagnostics(found.diags);
      if (hasErrors(found.diags)) return 1;
      drifted = found.drifted;
    }
    const record = recordDriftCheck(opened.history, state, drifted, { command: "drift", args: argv, env: ctx.env });
    if (flags.bools.get("json")) {
      ctx.stdout.write(JSON.stringify({ format_version: "1.0", serial: record.serial, drifted: record.changes }) + "\n");
    } else if (drifted.length === 0) {
      ui.output(`No drift: the objects of version ${state.serial} match the real infrastructure. The check was recorded.`);
    } else {
      ui.output(`Drift recorded for version ${state.serial}:`);
      for (const d of record.changes) ui.output(`  ${d.action === "delete" ? "-" : "~"} ${d.address}${d.action === "delete" ? " has been deleted" : " has changed outside of Cairn"}`);
    }
    return 0;
  },
};
