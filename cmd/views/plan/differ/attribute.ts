// Diffs of one attribute against its schema (Terraform's ComputeDiffForAttribute): by its type, or, for an
// attribute of a nested object type, object by object the way nested blocks are shown: every object's
// attributes with `-> null` on deletion, unchanged list elements counted rather than shown, map keys not
// aligned.

import type { AttributeSpec, NestedAttributeType } from "../../../../config/schema.js";
import { allKeys, asNoOp, calculateAction, childOfMap, childOfSlice, defaultActionForIteration, type Change } from "../change.js";
import { compareActions, transformMap } from "../collections.js";
import { type Diff, newDiff } from "../diff.js";
import { asArray, asObject } from "../generic.js";
import { ListRenderer, SetRenderer } from "../renderers/list.js";
import { MapRenderer, ObjectRenderer } from "../renderers/object.js";
import { SensitiveRenderer, UnknownRenderer } from "../renderers/simple.js";
import { checkForSensitive, checkForUnknown } from "./marks.js";
import { processSet } from "./set-pairs.js";
import { computeDiffForType, processObject } from "./type.js";

export function computeDiffForAttribute(change: Change, attr: AttributeSpec): Diff {
  return attr.nestedType === undefined ? computeDiffForType(change, attr.type) : computeDiffForNestedAttribute(change, attr.nestedType);
}

function computeDiffForNestedAttribute(change: Change, nested: NestedAttributeType): Diff {
  const replace = change.replacePaths.matches();
  const sensitive = checkForSensitive(
    change,
    (c) => computeDiffForNestedAttribute(c, nested),
    (inner, before, after, action) => newDiff(new SensitiveRenderer(inner, before, after), action, replace),
  );
  if (sensitive !== undefined) return sensitive;
  // The children of an unknown value show as unknown rather than deleted.
  const childUnknown = new Map(Object.keys(nested.attributes).map((k) => [k, true as const]));
  const unknown = checkForUnknown(
    change,
    childUnknown,
    (current) => newDiff(new UnknownRenderer(undefined), calculateAction(current), current.replacePaths.matches()),
    (current, before) =>
      newDiff(new UnknownRenderer(computeDiffForNestedAttribute(before, nested)), calculateAction(current), current.replacePaths.matches()),
  );
  if (unknown !== undefined) return unknown;
  switch (nested.nesting) {
    case "single":
      return nestedObject(change, nested);
    case "map": {
      const { elements, action } = transformMap(asObject(change.before) !== null, asObject(change.after) !== null, allKeys(change), (key) => {
        let element = childOfMap(change, key);
        if (!element.relevant.matchesPartial()) element = asNoOp(element);
        return nestedObject(element, nested);
      });
      return newDiff(new MapRenderer(elements, true), action, replace);
    }
    case "list": {
      let action = defaultActionForIteration(change);
      const elements: Diff[] = [];
      const count = Math.max(asArray(change.before)?.length ?? 0, asArray(change.after)?.length ?? 0);
      for (let ix = 0; ix < count; ix++) {
        let element = childOfSlice(change, ix, ix);
        if (!element.relevant.matchesPartial()) element = asNoOp(element);
        const d = computeDiffForNestedAttribute(element, { ...nested, nesting: "single" });
        elements.push(d);
        action = compareActions(action, d.action);
      }
      return newDiff(new ListRenderer(elements, false), action, replace);
    }
    case "set": {
      let action = defaultActionForIteration(change);
      const elements: Diff[] = [];
      processSet(change, (element) => {
        const d = computeDiffForNestedAttribute(element, { ...nested, nesting: "single" });
        elements.push(d);
        action = compareActions(action, d.action);
      });
      return newDiff(new SetRenderer(elements, true), action, replace);
    }
  }
}

function nestedObject(change: Change, nested: NestedAttributeType): Diff {
  const { diffs, action } = processObject(change, new Map(Object.entries(nested.attributes)), computeDiffForAttribute);
  return newDiff(new ObjectRenderer(diffs, false), action, change.replacePaths.matches());
}
