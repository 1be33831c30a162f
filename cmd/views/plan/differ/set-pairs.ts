// Pairing set elements for display (Terraform's processSet): an old element equal to a new one is shown
// unchanged, the rest as removed, then the unmatched new ones as added.

import { type Change, childOfSlice, isAfterSensitive, isBeforeSensitive, isUnknown } from "../change.js";
import { asArray, deepEqual } from "../generic.js";
import { alwaysMatcher } from "../path-matcher.js";

export function processSet(change: Change, visit: (child: Change) => void): void {
  const before = asArray(change.before) ?? [];
  const after = asArray(change.after) ?? [];
  const matchOfBefore = new Map<number, number>();
  const matchOfAfter = new Map<number, number>();
  for (let b = 0; b < before.length; b++) {
    let matched = false;
    for (let a = 0; a < after.length; a++) {
      if (matchOfAfter.has(a)) continue;
      const child = childOfSlice(change, b, a);
      if (deepEqual(child.before, child.after) && isBeforeSensitive(child) === isAfterSensitive(child) && !isUnknown(child)) {
        // Terraform keeps scanning after a match, so a later equal element overrides an earlier one.
        matched = true;
        matchOfBefore.set(b, a);
        matchOfAfter.set(a, b);
      }
    }
    if (!matched) matchOfBefore.set(b, -1);
  }
  const relevantAll = (c: Change): Change => ({ ...c, relevant: alwaysMatcher });
  for (let b = 0; b < before.length; b++) {
    const a = matchOfBefore.get(b)!;
    visit(relevantAll(childOfSlice(change, b, a >= 0 ? a : after.length)));
  }
  for (let a = 0; a < after.length; a++) {
    if (matchOfAfter.has(a)) continue;
    visit(relevantAll(childOfSlice(change, before.length, a)));
  }
}
