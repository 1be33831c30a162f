// The two checks every differ makes first (structured.CheckForSensitive / CheckForUnknown): a sensitive
// value is shown as `(sensitive value)` whatever it holds, an unknown one as `(known after apply)`.

import type { Action } from "../../../../planner/plan/model.js";
import { type Change, asDelete, isAfterSensitive, isBeforeSensitive, isUnknown } from "../change.js";
import { type Diff, newDiff } from "../diff.js";
import type { Generic } from "../generic.js";
import { SensitiveRenderer } from "../renderers/simple.js";

/**
 * When the change is sensitive on either side: the sensitive diff wrapping the diff of its contents. A
 * change of sensitivity alone counts as an update.
 */
export function checkForSensitive(
  change: Change,
  inner: (c: Change) => Diff,
  wrap: (inner: Diff, before: boolean, after: boolean, action: Action) => Diff = (d, b, a, action) =>
    newDiff(new SensitiveRenderer(d, b, a), action, false),
): Diff | undefined {
  const before = isBeforeSensitive(change);
  const after = isAfterSensitive(change);
  if (!before && !after) return undefined;
  const innerDiff = inner({ ...change, beforeSensitive: false, afterSensitive: false });
  let action = innerDiff.action;
  const nullNoOp = change.before === null && !change.beforeExplicit && change.after === null && !change.afterExplicit;
  if (action === "no-op" && before !== after && !nullNoOp) action = "update";
  return wrap(innerDiff, before, after, action);
}

/**
 * When the after value is unknown: `create` handles a value that did not exist before, `update` one that
 * did (given the prior value as a deletion, its children marked unknown by `childUnknown`).
 */
export function checkForUnknown(
  change: Change,
  childUnknown: Generic,
  create: (current: Change) => Diff,
  update: (current: Change, before: Change) => Diff,
): Diff | undefined {
  if (!isUnknown(change)) return undefined;
  const current: Change = { ...change, afterExplicit: true };
  if (current.before === null) return create(current);
  const before: Change = { ...asDelete(current), unknown: childUnknown };
  return update(current, before);
}
