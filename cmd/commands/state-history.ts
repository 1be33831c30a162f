// `cairn state history [-json] [-limit N] [-resource ADDR] [-state=PATH]`: the recorded versions of the state,
// newest first (serial, time, actor, command, counts of created, changed and destroyed), with drift checks
// and prunes among them. Also exports what the other history commands share: opening the history of the
// -state file with the keyring from the environment.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { openHistory, type History } from "../../state/history/history.js";
import type { HistoryRecord } from "../../state/history/record.js";
import { UnsafeHistoryDirectory } from "../../state/history/paths.js";
import { parseFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import { VERSION } from "../version.js";
import { flagDiag, newUi, sourceless, type Ui } from "./state/ui.js";
import { stateKeyring } from "../state-encryption.js";
import type { VariableFlag } from "../../planner/variables/raw.js";
import { resolveStatePath } from "../../modules/workspace.js";

/** The history of the -state file (default the selected workspace's state), with the state's keyring (the configuration's encryption block, else
 * CAIRN_STATE_PASSPHRASE; cmd/state-encryption.ts). */
export function openCommandHistory(ctx: CommandContext, stateFlag: string | undefined, varFlags?: readonly VariableFlag[]): { history?: History; statePath: string; diags: Diagnostic[] } {
  const statePath = resolveStatePath(ctx.cwd, ctx.env, stateFlag);
  const k = stateKeyring(ctx, { varFlags });
  if (k.diags.length > 0) return { statePath, diags: k.diags };
  try {
    const { history, diags } = openHistory(statePath, { keyring: k.keyring, cairnVersion: VERSION });
    return { history, statePath, diags };
  } catch (err) {
    if (!(err instanceof UnsafeHistoryDirectory)) throw err;
    return { statePath, diags: [{ severity: "error", summary: "Unsafe history directory", detail: err.message }] };
  }
}

export function parsePositiveInt(text: string | undefined, flag: string, ui: Ui): number | undefined | "error" {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    ui.diagnostics([flagDiag(`invalid value "${text}" for flag -${flag}: parse error`)]);
    return "error";
  }
  return Number(text);
}

export interface ChangeCounts {
  readonly created: number;
  readonly changed: number;
  readonly destroyed: number;
}

/** Terraform's counting: a replacement is one created and one destroyed. */
export function countChanges(r: HistoryRecord): ChangeCounts {
  let created = 0;
  let changed = 0;
  let destroyed = 0;
  for (const c of r.changes) {
    if (c.action === "create") created++;
    else if (c.action === "update") changed++;
    else if (c.action === "delete" || c.action === "forget") destroyed++;
    else if (c.action === "replace") {
      created++;
      destroyed++;
    }
  }
  return { created, changed, destroyed };
}

/** True when the record touches ADDR: the exact instance, or any instance of a resource or module given. */
export function touches(r: HistoryRecord, addr: string): boolean {
  return r.changes.some((c) => c.address === addr || c.address.startsWith(addr + "[") || c.address.startsWith(addr + "."));
}

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
    const opened = openCommandHistory(ctx, flags.strings.get("state"));
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
