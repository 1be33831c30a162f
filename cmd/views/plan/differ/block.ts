// Diffs of a resource body or nested block against its schema (Terraform's ComputeDiffForBlock): attributes
// by declared type, nested blocks per nesting mode, sensitive and unknown blocks summarised.

import type { BlockSpec, NestedBlockSpec } from "../../../../config/schema.js";
import { hasDynamicTypes } from "../../../../lang/values/types.js";
import type { Action } from "../../../../planner/plan/model.js";
import {
  type Change,
  asNoOp,
  calculateAction,
  childOfMap,
  childOfSlice,
  defaultActionForIteration,
  explicitKeys,
  isAfterSensitive,
  isBeforeSensitive,
  isUnknown,
} from "../change.js";
import { compareActions, transformMap } from "../collections.js";
import { type Diff, newDiff } from "../diff.js";
import { asArray, asObject } from "../generic.js";
import { type BlockGroup, BlockRenderer, type GroupFlags } from "../renderers/block.js";
import { SensitiveBlockRenderer, UnknownRenderer } from "../renderers/simple.js";
import { checkForSensitive, checkForUnknown } from "./marks.js";
import { processSet } from "./set-pairs.js";
import { computeDiffForAttribute } from "./attribute.js";
import { processObject } from "./type.js";

export function computeDiffForBlock(input: Change, block: BlockSpec): Diff {
  const replace = input.replacePaths.matches();
  const sensitive = checkForSensitive(
    input,
    (c) => computeDiffForBlock(c, block),
    (inner, before, after, action) => newDiff(new SensitiveBlockRenderer(inner, before, after), action, replace),
  );
  if (sensitive !== undefined) return sensitive;
  const childUnknown = new Map(Object.keys(block.attributes ?? {}).map((k) => [k, true as const]));
  const unknown = checkForUnknown(
    input,
    childUnknown,
    (current) => newDiff(new UnknownRenderer(undefined), calculateAction(current), current.replacePaths.matches()),
    (current, before) =>
      newDiff(new UnknownRenderer(computeDiffForBlock(before, block)), calculateAction(current), current.replacePaths.matches()),
  );
  if (unknown !== undefined) return unknown;

  const change: Change = { ...input, nonLegacySchema: input.nonLegacySchema || containsNonLegacyFeatures(block) };
  const { diffs: attributes, action: attrAction } = processObject(change, new Map(Object.entries(block.attributes ?? {})), computeDiffForAttribute);
  let action = attrAction;

  const blocks = new Map<string, BlockGroup>();
  for (const [key, spec] of Object.entries(block.blocks ?? {})) {
    let child = childOfMap(change, key);
    if (!child.relevant.matchesPartial()) child = asNoOp(child);
    const flags: GroupFlags = {
      replace: child.replacePaths.matches(),
      beforeSensitive: isBeforeSensitive(child),
      afterSensitive: isAfterSensitive(child),
      unknown: isUnknown(child),
    };
    const group = nestedGroup(child, spec, flags);
    if (group.action === "no-op" && child.before === null && child.after === null && !flags.unknown) continue;
    blocks.set(key, group.group);
    action = compareActions(action, group.action);
  }
  return newDiff(new BlockRenderer(attributes, blocks), action, change.replacePaths.matches());
}

function nestedGroup(child: Change, spec: NestedBlockSpec, flags: GroupFlags): { group: BlockGroup; action: Action } {
  switch (spec.nesting) {
    case "single":
    case "group": {
      const diff = computeDiffForBlock(child, spec.block);
      return { group: { kind: "single", diff, flags }, action: diff.action };
    }
    case "map": {
      const { elements, action } = transformMap(
        asObject(child.before) !== null,
        asObject(child.after) !== null,
        explicitKeys(child),
        (key) => {
          let element = childOfMap(child, key);
          if (!element.relevant.matchesPartial()) element = asNoOp(element);
          return computeDiffForBlock(element, spec.block);
        },
      );
      return { group: { kind: "map", diffs: elements, flags }, action };
    }
    case "list": {
      let action = defaultActionForIteration(child);
      const diffs: Diff[] = [];
      const count = Math.max(asArray(child.before)?.length ?? 0, asArray(child.after)?.length ?? 0);
      for (let ix = 0; ix < count; ix++) {
        let element = childOfSlice(child, ix, ix);
        if (!element.relevant.matchesPartial()) element = asNoOp(element);
        const d = computeDiffForBlock(element, spec.block);
        diffs.push(d);
        action = compareActions(action, d.action);
      }
      return { group: { kind: "list", diffs, flags }, action };
    }
    case "set": {
      let action = defaultActionForIteration(child);
      const diffs: Diff[] = [];
      processSet(child, (element) => {
        const d = computeDiffForBlock(element, spec.block);
        diffs.push(d);
        action = compareActions(action, d.action);
      });
      return { group: { kind: "set", diffs, flags }, action };
    }
  }
}

/** Features the legacy provider SDK could not express; with any of them, "" is not shown as null. */
function containsNonLegacyFeatures(block: BlockSpec): boolean {
  for (const b of Object.values(block.blocks ?? {})) {
    if (b.nesting === "map" || b.nesting === "group") return true;
  }
  for (const a of Object.values(block.attributes ?? {})) {
    // Nested attribute types did not exist in the legacy SDK.
    if (a.nestedType !== undefined) return true;
    const t = a.type;
    if (hasDynamicTypes(t) || t.kind === "tuple" || t.kind === "object") return true;
    if ((t.kind === "list" || t.kind === "set" || t.kind === "map") && (t.elem.kind === "list" || t.elem.kind === "set" || t.elem.kind === "map")) {
      const inner = t.elem.elem.kind;
      if (inner !== "string" && inner !== "number" && inner !== "bool") return true;
    }
  }
  return false;
}
