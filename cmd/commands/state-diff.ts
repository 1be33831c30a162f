// `cairn state diff [-json] [-state=PATH] [A] [B]`: per-resource, per-attribute differences between two
// recorded versions (default: the previous and the latest; one argument: from A to the latest). Multi-line
// strings are shown as line diffs; sensitive attributes and outputs as "(sensitive value)".

import { canonicalJson, type JsonValue } from "../../lang/values/json-exact.js";
import { REDACTED, type AttributeChange } from "../../state/history/attribute-diff.js";
import { diffVersions, type StateDiff } from "../../state/history/state-diff.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { openCommandHistory } from "../../operations/history.js";

export const stateDiffCommand: Command = {
  name: "state diff",
  synopsis: "Show the differences between two versions of the state",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false }, state: { kind: "string" } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const { flags } = parsed;
    if (flags.positional.length > 2 || flags.positional.some((p) => !/^\d+$/.test(p))) {
      ui.diagnostics([sourceless("Invalid arguments", "Usage: cairn state diff [options] [SERIAL_A] [SERIAL_B], where the serials are those shown by \"cairn state history\".")]);
      return 1;
    }
    const opened = await openCommandHistory(ctx, flags.strings.get("state"));
    if (!opened.history) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const versions = opened.history.versions();
    if (versions.length === 0) {
      ui.diagnostics([sourceless("No history", `No versions are recorded for ${opened.statePath}.`)]);
      return 1;
    }
    const latest = versions[versions.length - 1]!.serial;
    const [a, b] = flags.positional.map(Number);
    const to = b ?? latest;
    const from = a ?? (versions.length >= 2 ? versions[versions.length - 2]!.serial : undefined);
    const { diff, diags } = diffVersions(opened.history, flags.positional.length === 1 ? a : from, flags.positional.length === 1 ? latest : to);
    if (!diff) {
      ui.diagnostics(diags);
      return 1;
    }
    if (flags.bools.get("json")) {
      ctx.stdout.write(JSON.stringify({ format_version: "1.0", ...diff }) + "\n");
      return 0;
    }
    ui.output(renderStateDiff(diff));
    return 0;
  },
};

const SYMBOL = { create: "+", update: "~", delete: "-", add: "+", remove: "-", change: "~" } as const;

export function renderStateDiff(d: StateDiff): string {
  const out: string[] = [`Changes from ${d.from === undefined ? "the empty state" : `version ${d.from}`} to version ${d.to}:`, ""];
  if (d.resources.length === 0 && d.outputs.length === 0) return `Versions ${d.from ?? "(empty)"} and ${d.to} have the same resources and outputs.`;
  for (const r of d.resources) {
    const verb = r.action === "create" ? "was created" : r.action === "delete" ? "was destroyed" : "changed";
    out.push(`  # ${r.address} ${verb}`, `  ${SYMBOL[r.action]} ${r.address}`);
    const width = Math.max(0, ...r.attributes.filter((x) => !x.lines).map((x) => x.path.length));
    for (const c of r.attributes) out.push(...renderAttribute(c, width));
    out.push("");
  }
  if (d.outputs.length > 0) {
    out.push("Outputs:");
    const width = Math.max(...d.outputs.map((o) => o.name.length));
    for (const o of d.outputs) out.push(`  ${SYMBOL[o.action]} ${o.name.padEnd(width)} = ${renderPair(o.before, o.after, o.sensitive === true)}`);
    out.push("");
  }
  const counts = { create: 0, update: 0, delete: 0 };
  for (const r of d.resources) counts[r.action]++;
  out.push(`${counts.create} created, ${counts.update} changed, ${counts.delete} destroyed; ${d.outputs.length} output(s) changed.`);
  return out.join("\n");
}

function renderAttribute(c: AttributeChange, width: number): string[] {
  if (c.lines) return [`      ${SYMBOL[c.action]} ${c.path}:`, ...c.lines.map((l) => `          ${l}`)];
  return [`      ${SYMBOL[c.action]} ${c.path.padEnd(width)} = ${renderPair(c.before, c.after, c.sensitive === true)}`];
}

function renderPair(before: JsonValue | undefined, after: JsonValue | undefined, sensitive: boolean): string {
  // Redacted values arrive as the REDACTED marker already; print it bare, as Terraform prints (sensitive value).
  const render = (v: JsonValue | undefined) => (v === undefined ? "null" : sensitive ? REDACTED : canonicalJson(v));
  if (before === undefined) return render(after);
  if (after === undefined) return `${render(before)} -> null`;
  return `${render(before)} -> ${render(after)}`;
}
