// Diffs of schema-less values (Terraform's jsondiff): output values, `any`-typed attributes such as
// terraform_data's input, and the insides of JSON strings. Kinds come from the JSON values themselves.

import type { Action } from "../../../../planner/plan/model.js";
import { type Change, asCreate, asDelete, asNoOp, allKeys, childOfMap, childOfSlice } from "../change.js";
import { transformMap, transformSlice } from "../collections.js";
import { type Diff, newDiff } from "../diff.js";
import { type Generic, asArray, asObject, deepEqual, jsonKind } from "../generic.js";
import { ListRenderer } from "../renderers/list.js";
import { ObjectRenderer } from "../renderers/object.js";
import { PrimitiveRenderer, type PrimitiveKind } from "../renderers/primitive.js";
import { TypeChangeRenderer, UnknownRenderer } from "../renderers/simple.js";
import { checkForSensitive, checkForUnknown } from "./marks.js";

export function transformJson(change: Change): Diff {
  const sensitive = checkForSensitive(change, transformJson);
  if (sensitive !== undefined) return sensitive;
  const unknown = checkForUnknown(
    change,
    false,
    () => newDiff(new UnknownRenderer(undefined), "create", false),
    (_current, before) => newDiff(new UnknownRenderer(transformJson(before)), "update", false),
  );
  if (unknown !== undefined) return unknown;

  const beforeKind = jsonKind(change.before);
  const afterKind = jsonKind(change.after);
  const deleted = afterKind === "null" && !change.afterExplicit;
  const created = beforeKind === "null" && !change.beforeExplicit;
  if (beforeKind === afterKind || created || deleted) {
    return processUpdate(change, beforeKind === "null" ? afterKind : beforeKind);
  }
  const before = processUpdate(asDelete(change), beforeKind);
  const after = processUpdate(asCreate(change), afterKind);
  return newDiff(new TypeChangeRenderer(before, after), "update", false);
}

function processUpdate(change: Change, kind: ReturnType<typeof jsonKind>): Diff {
  switch (kind) {
    case "object":
      return processObject(change);
    case "array":
      return processArray(change);
    default:
      return processPrimitive(change, kind);
  }
}

function processPrimitive(change: Change, kind: PrimitiveKind): Diff {
  const beforeMissing = change.before === null && !change.beforeExplicit;
  const afterMissing = change.after === null && !change.afterExplicit;
  let action: Action;
  if (beforeMissing && !afterMissing) action = "create";
  else if (!beforeMissing && afterMissing) action = "delete";
  else if (deepEqual(change.before, change.after)) action = "no-op";
  else action = "update";
  return newDiff(new PrimitiveRenderer(change.before, change.after, kind), action, false);
}

function processArray(change: Change): Diff {
  const isObj = (g: Generic): boolean => jsonKind(g) === "object";
  const { elements, action } = transformSlice(asArray(change.before), asArray(change.after), deepEqual, isObj, (b, a) =>
    transformJson(childOfSlice(change, b, a)),
  );
  return newDiff(new ListRenderer(elements, true), action, false);
}

function processObject(change: Change): Diff {
  const { elements, action } = transformMap(
    asObject(change.before) !== null,
    asObject(change.after) !== null,
    allKeys(change),
    (key) => {
      let child = childOfMap(change, key);
      if (!child.relevant.matchesPartial()) child = asNoOp(child);
      return transformJson(child);
    },
  );
  return newDiff(new ObjectRenderer(elements, true), action, false);
}
