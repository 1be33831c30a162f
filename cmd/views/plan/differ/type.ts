// Diffs of attributes by their declared type (Terraform's ComputeDiffForType): primitives, lists, sets,
// maps, tuples and objects; `any` falls back to the JSON differ.

import type { Type } from "../../../../lang/values/types.js";
import { type Change, asNoOp, allKeys, calculateAction, childOfMap, childOfSlice, defaultActionForIteration } from "../change.js";
import { compareActions, transformMap, transformSlice } from "../collections.js";
import { type Diff, newDiff } from "../diff.js";
import { asArray, asObject, deepEqual } from "../generic.js";
import { alwaysMatcher } from "../path-matcher.js";
import { ListRenderer, SetRenderer } from "../renderers/list.js";
import { MapRenderer, ObjectRenderer } from "../renderers/object.js";
import { PrimitiveRenderer } from "../renderers/primitive.js";
import { SensitiveRenderer, UnknownRenderer } from "../renderers/simple.js";
import { transformJson } from "./json.js";
import { checkForSensitive, checkForUnknown } from "./marks.js";
import { processSet } from "./set-pairs.js";

export function computeDiffForType(input: Change, type: Type): Diff {
  let change = input;
  if (!change.nonLegacySchema) {
    // The legacy SDK cannot tell "" from null and returns either, so both show as null.
    if (change.before === "") change = { ...change, before: null };
    if (change.after === "") change = { ...change, after: null };
  }
  const replace = change.replacePaths.matches();
  const sensitive = checkForSensitive(
    change,
    (c) => computeDiffForType(c, type),
    (inner, before, after, action) => newDiff(new SensitiveRenderer(inner, before, after), action, replace),
  );
  if (sensitive !== undefined) return sensitive;
  const unknown = checkForUnknown(
    change,
    false,
    (current) => newDiff(new UnknownRenderer(undefined), calculateAction(current), current.replacePaths.matches()),
    (current, before) =>
      newDiff(new UnknownRenderer(computeDiffForType(before, type)), calculateAction(current), current.replacePaths.matches()),
  );
  if (unknown !== undefined) return unknown;

  switch (type.kind) {
    case "dynamic":
      return diffForOutputLike(change);
    case "string":
    case "number":
    case "bool":
      return newDiff(new PrimitiveRenderer(change.before, change.after, type.kind), calculateAction(change), replace);
    case "object":
      return diffAsObject(change, type.attrs);
    case "map":
      return diffAsMap(change, type.elem);
    case "list":
      return diffAsList(change, type.elem);
    case "tuple":
      return diffAsTuple(change, type.elems);
    case "set":
      return diffAsSet(change, type.elem);
  }
}

/** ComputeDiffForOutput: sensitive and unknown checks, then the JSON differ. */
export function diffForOutputLike(change: Change): Diff {
  const replace = change.replacePaths.matches();
  const sensitive = checkForSensitive(
    change,
    (c) => diffForOutputLike(c),
    (inner, before, after, action) => newDiff(new SensitiveRenderer(inner, before, after), action, replace),
  );
  if (sensitive !== undefined) return sensitive;
  const unknown = checkForUnknown(
    change,
    false,
    (current) => newDiff(new UnknownRenderer(undefined), calculateAction(current), current.replacePaths.matches()),
    (current, before) =>
      newDiff(new UnknownRenderer(diffForOutputLike(before)), calculateAction(current), current.replacePaths.matches()),
  );
  if (unknown !== undefined) return unknown;
  return transformJson(change);
}

function diffAsObject(change: Change, attrs: ReadonlyMap<string, Type>): Diff {
  const { diffs, action } = processObject(change, attrs, (c, t) => computeDiffForType(c, t));
  return newDiff(new ObjectRenderer(diffs, true), action, change.replacePaths.matches());
}

/** The attributes of an object-like value, skipping those null on both sides (processObject). */
export function processObject<T>(
  change: Change,
  attrs: ReadonlyMap<string, T>,
  diffFor: (c: Change, spec: T) => Diff,
): { diffs: Map<string, Diff>; action: ReturnType<typeof defaultActionForIteration> } {
  const diffs = new Map<string, Diff>();
  let action = defaultActionForIteration(change);
  for (const [key, spec] of attrs) {
    let child = childOfMap(change, key);
    if (!child.relevant.matchesPartial()) child = asNoOp(child);
    child = { ...child, beforeExplicit: false, afterExplicit: false };
    const d = diffFor(child, spec);
    if (d.action === "no-op" && child.before === null && child.after === null) continue;
    diffs.set(key, d);
    action = compareActions(action, d.action);
  }
  return { diffs, action };
}

function diffAsMap(change: Change, elem: Type): Diff {
  const { elements, action } = transformMap(asObject(change.before) !== null, asObject(change.after) !== null, allKeys(change), (key) => {
    let child = childOfMap(change, key);
    if (!child.relevant.matchesPartial()) child = asNoOp(child);
    return computeDiffForType(child, elem);
  });
  return newDiff(new MapRenderer(elements, false), action, change.replacePaths.matches());
}

function diffAsList(change: Change, elem: Type): Diff {
  const isObj = (): boolean => elem.kind === "object";
  const { elements, action } = transformSlice(asArray(change.before), asArray(change.after), deepEqual, isObj, (b, a) =>
    computeDiffForType({ ...childOfSlice(change, b, a), relevant: alwaysMatcher }, elem),
  );
  return newDiff(new ListRenderer(elements, true), action, change.replacePaths.matches());
}

function diffAsTuple(change: Change, elems: readonly Type[]): Diff {
  let action = defaultActionForIteration(change);
  const elements: Diff[] = [];
  elems.forEach((t, ix) => {
    let child = childOfSlice(change, ix, ix);
    if (!child.relevant.matchesPartial()) child = asNoOp(child);
    const d = computeDiffForType(child, t);
    elements.push(d);
    action = compareActions(action, d.action);
  });
  return newDiff(new ListRenderer(elements, true), action, change.replacePaths.matches());
}

function diffAsSet(change: Change, elem: Type): Diff {
  let action = defaultActionForIteration(change);
  const elements: Diff[] = [];
  processSet(change, (child) => {
    const d = computeDiffForType(child, elem);
    elements.push(d);
    action = compareActions(action, d.action);
  });
  return newDiff(new SetRenderer(elements, false), action, change.replacePaths.matches());
}
