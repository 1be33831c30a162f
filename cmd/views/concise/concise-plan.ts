// `cairn plan -concise` (what Terraform's users ask for in hashicorp/terraform#10507): one line per resource
// instance that changes, with its action symbol, address and the names of the top-level attributes that
// change (a `!` marks an attribute that forces replacement, a reason follows as a comment), then the counts
// per resource type and the usual `Plan:` line. Sensitive attribute names are shown, never their values.

import { rawEquals, UNKNOWN, type Value } from "../../../lang/values/value.js";
import { actionSymbol, changeCounts, type ActionReason, type Plan, type ResourceInstanceChange } from "../../../planner/plan/model.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { sortedForJson } from "../json/resource-change.js";

const reasonText: Readonly<Record<ActionReason, string>> = {
  replace_because_tainted: "tainted",
  replace_because_cannot_update: "cannot update in place",
  replace_by_request: "replace requested",
  replace_by_triggers: "replace_triggered_by",
  delete_because_no_resource_config: "not in configuration",
  delete_because_wrong_repetition: "count/for_each changed",
  delete_because_count_index: "index out of range",
  delete_because_each_key: "key not in for_each",
  delete_because_no_module: "module not in configuration",
  delete_because_no_move_target: "moved to an address not in configuration",
  read_because_config_unknown: "configuration known after apply",
  read_because_dependency_pending: "depends on pending changes",
  read_because_check_nested: "read for a check",
};

export function renderConcisePlan(plan: Plan): string {
  const shown = sortedForJson(plan.resourceChanges).filter(
    (rc) => !(rc.action === "delete" && rc.addr.resource.resource.mode === "data") && (rc.action !== "no-op" || isMove(rc) || rc.importing !== undefined),
  );
  const counts = changeCounts(plan.resourceChanges);
  if (shown.length === 0) return "No changes. Your infrastructure matches the configuration.\n";
  const lines = shown.map(conciseLine);
  const byType = new Map<string, { add: number; change: number; destroy: number; read: number }>();
  for (const rc of shown) {
    const t = rc.addr.resource.resource.mode === "data" ? `data.${rc.addr.resource.resource.type}` : rc.addr.resource.resource.type;
    const c = byType.get(t) ?? { add: 0, change: 0, destroy: 0, read: 0 };
    if (rc.action === "create" || rc.action === "delete-then-create" || rc.action === "create-then-delete") c.add++;
    if (rc.action === "delete" || rc.action === "delete-then-create" || rc.action === "create-then-delete") c.destroy++;
    if (rc.action === "update") c.change++;
    if (rc.action === "read") c.read++;
    byType.set(t, c);
  }
  const typeWidth = Math.max(...[...byType.keys()].map((t) => t.length));
  const typeLines = [...byType.entries()]
    .sort((a, b) => compareGoStrings(a[0], b[0]))
    .map(([t, c]) => `  ${t.padEnd(typeWidth)}  ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy${c.read > 0 ? `, ${c.read} to read` : ""}`);
  const imp = counts.import > 0 ? `${counts.import} to import, ` : "";
  const forces = shown.some((rc) => rc.requiredReplace.length > 0) ? "\n(! forces replacement)\n" : "";
  return (
    `Cairn will perform the following actions:\n\n${lines.join("\n")}\n${forces}\n` +
    `Changes by resource type:\n${typeLines.join("\n")}\n\n` +
    `Plan: ${imp}${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.\n`
  );
}

function isMove(rc: ResourceInstanceChange): boolean {
  return rc.prevRunAddr !== undefined && !rc.prevRunAddr.equals(rc.addr);
}

function conciseLine(rc: ResourceInstanceChange): string {
  const symbol = rc.action === "no-op" ? (isMove(rc) ? "->" : "<-") : actionSymbol[rc.action];
  const forcing = new Set(rc.requiredReplace.map((p) => (p[0]?.kind === "attr" ? p[0].name : "")));
  const attrs = rc.action === "delete" ? [] : changedAttributes(rc.before, rc.after).map((n) => (forcing.has(n) ? `${n}!` : n));
  const parts = [`${symbol.padStart(3)} ${rc.addr.toString()}`];
  if (attrs.length > 0) parts.push(`(${attrs.join(", ")})`);
  const notes: string[] = [];
  if (isMove(rc)) notes.push(`moved from ${rc.prevRunAddr!.toString()}`);
  if (rc.importing !== undefined) notes.push(`import id=${rc.importing.id}`);
  if (rc.deposedKey !== undefined) notes.push(`deposed object ${rc.deposedKey}`);
  if (rc.actionReason !== undefined) notes.push(reasonText[rc.actionReason]);
  if (notes.length > 0) parts.push(`# ${notes.join("; ")}`);
  return "  " + parts.join("  ");
}

/** Top-level attributes whose value differs (marks ignored); an unknown after counts as a change. For a
 * create, every attribute that will have a value. */
export function changedAttributes(before: Value, after: Value): string[] {
  if (!(after.raw instanceof Map)) return [];
  const prior = before.raw instanceof Map ? (before.raw as ReadonlyMap<string, Value>) : undefined;
  const out: string[] = [];
  for (const [name, a] of after.raw as ReadonlyMap<string, Value>) {
    const b = prior?.get(name);
    if (b === undefined) {
      if (!a.isNull() && !isEmptyCollection(a)) out.push(name);
      continue;
    }
    if (a.raw === UNKNOWN || !a.isWhollyKnown()) {
      if (b.raw !== UNKNOWN) out.push(name);
      continue;
    }
    if (!rawEquals(a.unmarkDeep()[0], b.unmarkDeep()[0])) out.push(name);
  }
  return out.sort(compareGoStrings);
}

function isEmptyCollection(v: Value): boolean {
  return v.isKnown() && (Array.isArray(v.raw) || v.raw instanceof Map) && v.length() === 0;
}
