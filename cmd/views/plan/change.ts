// One part of a change as Terraform's renderer sees it (structured.Change): before and after values, whether
// each was explicitly present, and the unknown, sensitive, replace and relevance information for it and
// everything inside it. Children are taken with childOfMap/childOfSlice.

import type { Action } from "../../../planner/plan/model.js";
import { type Generic, asArray, asObject, deepEqual } from "./generic.js";
import type { Matcher } from "./path-matcher.js";

export interface Change {
  readonly beforeExplicit: boolean;
  readonly afterExplicit: boolean;
  readonly before: Generic;
  readonly after: Generic;
  readonly unknown: Generic;
  readonly beforeSensitive: Generic;
  readonly afterSensitive: Generic;
  readonly replacePaths: Matcher;
  readonly relevant: Matcher;
  /** Set once a schema shows features the legacy SDK lacks; then "" and null are not conflated. */
  readonly nonLegacySchema: boolean;
}

export const isUnknown = (c: Change): boolean => c.unknown === true;
export const isBeforeSensitive = (c: Change): boolean => c.beforeSensitive === true;
export const isAfterSensitive = (c: Change): boolean => c.afterSensitive === true;

/** structured.Change.CalculateAction: a best guess for primitives. */
export function calculateAction(c: Change): Action {
  if (c.before === null && !c.beforeExplicit && (c.after !== null || c.afterExplicit)) return "create";
  if (c.after === null && !c.afterExplicit && (c.before !== null || c.beforeExplicit)) return "delete";
  if (
    deepEqual(c.before, c.after) &&
    c.afterExplicit === c.beforeExplicit &&
    isAfterSensitive(c) === isBeforeSensitive(c)
  )
    return "no-op";
  return "update";
}

/** The starting action for a collection or block, refined by its children (compareActions). */
export function defaultActionForIteration(c: Change): Action {
  if (c.before === null && c.after === null) return "no-op";
  if (c.before === null) return "create";
  if (c.after === null) return "delete";
  return "no-op";
}

export function asNoOp(c: Change): Change {
  return {
    ...c,
    afterExplicit: c.beforeExplicit,
    after: c.before,
    unknown: false,
    afterSensitive: c.beforeSensitive,
  };
}

export function asDelete(c: Change): Change {
  return { ...c, afterExplicit: false, after: null, unknown: null, afterSensitive: null };
}

export function asCreate(c: Change): Change {
  return { ...c, beforeExplicit: false, before: null, beforeSensitive: null };
}

function fromObject(m: Generic, key: string): { value: Generic; present: boolean } {
  const o = asObject(m);
  if (o === null || !o.has(key)) return { value: null, present: false };
  return { value: o.get(key)!, present: true };
}

function fromArray(a: Generic, ix: number): { value: Generic; present: boolean } {
  const s = asArray(a);
  if (s === null || ix < 0 || ix >= s.length) return { value: null, present: false };
  return { value: s[ix]!, present: true };
}

/** The change of one attribute or map element (ChangeMap.GetChild). */
export function childOfMap(c: Change, key: string): Change {
  const before = fromObject(c.before, key);
  const after = fromObject(c.after, key);
  return {
    beforeExplicit: before.present,
    afterExplicit: after.present,
    before: before.value,
    after: after.value,
    unknown: fromObject(c.unknown, key).value,
    beforeSensitive: fromObject(c.beforeSensitive, key).value,
    afterSensitive: fromObject(c.afterSensitive, key).value,
    replacePaths: c.replacePaths.childWithKey(key),
    relevant: c.relevant.childWithKey(key),
    nonLegacySchema: c.nonLegacySchema,
  };
}

/** The change pairing element beforeIx of the old sequence with afterIx of the new (ChangeSlice.GetChild). */
export function childOfSlice(c: Change, beforeIx: number, afterIx: number): Change {
  const before = fromArray(c.before, beforeIx);
  const after = fromArray(c.after, afterIx);
  const beforeLen = asArray(c.before)?.length ?? 0;
  const mostRelevant = beforeIx < 0 || beforeIx >= beforeLen ? afterIx : beforeIx;
  return {
    beforeExplicit: before.present,
    afterExplicit: after.present,
    before: before.value,
    after: after.value,
    unknown: fromArray(c.unknown, afterIx).value,
    beforeSensitive: fromArray(c.beforeSensitive, beforeIx).value,
    afterSensitive: fromArray(c.afterSensitive, afterIx).value,
    replacePaths: c.replacePaths.childWithIndex(mostRelevant),
    relevant: c.relevant.childWithIndex(mostRelevant),
    // Terraform's ChangeSlice does not carry the legacy flag on to elements.
    nonLegacySchema: false,
  };
}

/** Keys of the before and after objects (ExplicitKeys), in no particular order. */
export function explicitKeys(c: Change): string[] {
  const keys = new Set<string>();
  for (const k of asObject(c.before)?.keys() ?? []) keys.add(k);
  for (const k of asObject(c.after)?.keys() ?? []) keys.add(k);
  return [...keys];
}

/** Keys found anywhere: before, after, unknown and sensitive trees (AllKeys). */
export function allKeys(c: Change): string[] {
  const keys = new Set(explicitKeys(c));
  for (const tree of [c.unknown, c.afterSensitive, c.beforeSensitive]) {
    for (const k of asObject(tree)?.keys() ?? []) keys.add(k);
  }
  return [...keys];
}
