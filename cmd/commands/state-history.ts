// `cairn state history [-json] [-limit N] [-resource ADDR] [-state=PATH]`: the recorded versions of the state,
// newest first (serial, time, actor, command, counts of created, changed and destroyed), with drift checks
// and prunes among them.

import type { HistoryRecord } from "../../state/history/record.js";
import { parseFlags } from "../flags.js";
import { parsePositiveInt } from "../flag-groups.js";
import { openCommandHistory } from "../../operations/history.js";
import { countChanges, touches } from "../views/state/history-counts.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";

export const stateHistoryCommand: Command = {
  name: "state history",
  synopsis: "Show the recorded versions of the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false }, limit: { kind: "string" }, resource: { kind: "string" }, state: { kind: "string" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    if (flags.positional.length > 0) {
      ui.diagnostics([sourceless("Unexpected argument", `state history takes no arguments; use -resource ADDR to filter.`)]);
      return 1;
    }
    const limit = parsePositiveInt(flags.strings.get("limit"), "limit", ui);
    if (limit === "error") return 1;
    const opened = await openCommandHistory(ctx, flags.strings.get("state"));
    if (!opened.history) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    let records = opened.history.list().reverse();
    const resource = flags.strings.get("resource");
    if (resource !== undefined) records = records.filter((r) => touches(r, resource));
    if (limit !== undefined) records = records.slice(0, limit);
    if (flags.bools.get("json")) {
      ctx.stdout.write(JSON.stringify({ format_version: "1.0", records: records.map((r) => ({ ...r, counts: countChanges(r) })) }) + "\n");
      return 0;
    }
    if (records.length === 0) {
      ui.output(opened.history.exists() ? "No recorded versions match." : `No history is recorded for ${opened.statePath}.`);
      return 0;
    }
    ui.output(renderHistoryTable(records));
    return 0;
  },
};

export function renderHistoryTable(records: readonly HistoryRecord[]): string {
  const rows: string[][] = [["SERIAL", "TIME (UTC)", "ACTOR", "COMMAND", "CREATED", "CHANGED", "DESTROYED", "NOTE"]];
  for (const r of records) {
    const c = countChanges(r);
    const time = r.time.replace(/\.\d+Z$/, "Z");
    if (r.event === "version") {
      const notes = [r.partial ? "partial (recovered after a crash)" : "", r.rollback_of !== undefined ? `rollback to ${r.rollback_of}` : "", r.outputs_changed.length > 0 ? `outputs: ${r.outputs_changed.join(", ")}` : ""].filter((n) => n !== "");
      rows.push([String(r.serial), time, r.actor, r.command.name, String(c.created), String(c.changed), String(c.destroyed), notes.join("; ")]);
    } else if (r.event === "drift") {
      rows.push(["", time, r.actor, r.command.name, "", "", "", r.changes.length === 0 ? `drift check of ${r.serial}: no drift` : `drift check of ${r.serial}: ${r.changes.length} drifted (${r.changes.map((d) => d.address).slice(0, 3).join(", ")}${r.changes.length > 3 ? ", ..." : ""})`]);
    } else {
      rows.push(["", time, r.actor, "prune", "", "", "", `pruned ${r.pruned?.count ?? 0} version(s) ${r.pruned?.first_serial ?? ""}-${r.pruned?.last_serial ?? ""}`]);
    }
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join("  ").trimEnd()).join("\n");
}
