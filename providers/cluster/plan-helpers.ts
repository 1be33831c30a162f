// The planning rules every cluster_* resource shares:
// - an optional+computed attribute left unset in configuration gets the provider's default on create
//   (and keeps its prior value on update, which proposedNewState already arranged);
// - computed attributes that describe the object's live condition (placements, status, endpoints...)
//   become unknown when anything the user configures changes, and keep their prior value otherwise.
import type { Plain, PlainObject } from "./plain.js";
import { durationMilliseconds } from "../../lang/duration.js";
import type { Schema } from "../schema.js";

export interface PlanRules {
  readonly defaults?: Readonly<Record<string, Plain>>;
  /** Computed attributes recomputed by any change. */
  readonly volatile?: readonly string[];
}

export function planByRules(schema: Schema, prior: PlainObject | null, proposed: PlainObject, config: PlainObject, rules: PlanRules): PlainObject {
  const planned: PlainObject = { ...proposed };
  for (const [name, value] of Object.entries(rules.defaults ?? {})) {
    if (config[name] === null && (planned[name] === undefined || planned[name] === null)) planned[name] = structuredClone(value);
  }
  if (prior !== null && configuredChanged(schema, prior, planned)) {
    for (const name of rules.volatile ?? []) planned[name] = undefined;
  }
  return planned;
}

/** Whether any attribute or block the user can set differs between prior and planned. */
export function configuredChanged(schema: Schema, prior: PlainObject, planned: PlainObject): boolean {
  const settable = [
    ...Object.entries(schema.block.attributes ?? {})
      .filter(([, a]) => a.required === true || a.optional === true)
      .map(([n]) => n),
    ...Object.keys(schema.block.blocks ?? {}).filter((n) => n !== "timeouts"),
  ];
  return settable.some((n) => !plainEqual(prior[n], planned[n]));
}

/** Deep equality of plain data; undefined (unknown) equals nothing, not even itself. */
export function plainEqual(a: Plain, b: Plain): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((e, i) => plainEqual(e, b[i]));
  const ao = a as PlainObject;
  const bo = b as PlainObject;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    const av = ao[k] ?? null;
    const bv = bo[k] ?? null;
    if (ao[k] === undefined && k in ao) return false;
    if (bo[k] === undefined && k in bo) return false;
    if (!plainEqual(av, bv)) return false;
  }
  return true;
}

/** Whether a plain value (deeply) holds an unknown. */
export function hasUnknown(p: Plain): boolean {
  if (p === undefined) return true;
  if (p === null || typeof p !== "object") return false;
  return Array.isArray(p) ? p.some(hasUnknown) : Object.values(p).some(hasUnknown);
}

/** "5m", "90s", "1h30m", "500ms", "500us" -> milliseconds (Go's time.ParseDuration); undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  return durationMilliseconds(text);
}
