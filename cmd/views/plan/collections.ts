// How Terraform pairs up the elements of two sequences or mappings before diffing them
// (jsonformat/collections and objchange.LongestCommonSubsequence), and how child actions combine.

import type { Action } from "../../../planner/plan/model.js";
import type { Diff } from "./diff.js";

/** A parent's action from its children's: any disagreement makes it an update. */
export function compareActions(current: Action, next: Action): Action {
  if (next === "no-op") return current;
  return current !== next ? "update" : current;
}

/**
 * Visit pairs (beforeIx, afterIx); an index equal to the other sequence's length means "absent". Equal-length
 * sequences that are not a reordering pair element by element; others follow a longest common subsequence,
 * with unmatched objects paired as updates.
 */
export function processSlice<T>(
  before: readonly T[],
  after: readonly T[],
  equal: (a: T, b: T) => boolean,
  isObject: (v: T) => boolean,
  visit: (beforeIx: number, afterIx: number) => void,
): void {
  if (before.length === after.length && !isReorder(before, after, equal)) {
    for (let i = 0; i < before.length; i++) visit(i, i);
    return;
  }
  const lcs = longestCommonSubsequence(before, after, equal);
  let b = 0;
  let a = 0;
  let l = 0;
  while (b < before.length || a < after.length || l < lcs.length) {
    while (b < before.length && (l >= lcs.length || !equal(before[b]!, lcs[l]!))) {
      const objectDiff =
        isObject(before[b]!) && a < after.length && isObject(after[a]!) && (l >= lcs.length || !equal(after[a]!, lcs[l]!));
      if (objectDiff) {
        visit(b, a);
        b++;
        a++;
        continue;
      }
      visit(b, after.length);
      b++;
    }
    while (a < after.length && (l >= lcs.length || !equal(after[a]!, lcs[l]!))) {
      visit(before.length, a);
      a++;
    }
    if (l < lcs.length) {
      visit(b, a);
      b++;
      a++;
      l++;
    }
  }
}

function isReorder<T>(before: readonly T[], after: readonly T[], equal: (a: T, b: T) => boolean): boolean {
  if (before.length !== after.length) return false;
  return before.every((b) => after.some((a) => equal(b, a)));
}

/** objchange.LongestCommonSubsequence, with its tie-breaking (prefer moving up over moving left). */
export function longestCommonSubsequence<T>(xs: readonly T[], ys: readonly T[], equal: (a: T, b: T) => boolean): T[] {
  if (xs.length === 0 || ys.length === 0) return [];
  const w = xs.length;
  const c = new Int32Array(xs.length * ys.length);
  const eqs = new Uint8Array(xs.length * ys.length);
  for (let y = 0; y < ys.length; y++) {
    for (let x = 0; x < xs.length; x++) {
      if (equal(xs[x]!, ys[y]!)) {
        eqs[w * y + x] = 1;
        c[w * y + x] = x === 0 || y === 0 ? 1 : c[w * (y - 1) + (x - 1)]! + 1;
      } else {
        const left = x > 0 ? c[w * y + (x - 1)]! : 0;
        const up = y > 0 ? c[w * (y - 1) + x]! : 0;
        c[w * y + x] = left > up ? left : up;
      }
    }
  }
  const seq: T[] = new Array<T>(c[c.length - 1]!);
  let x = xs.length - 1;
  let y = ys.length - 1;
  let i = seq.length - 1;
  while (x > -1 && y > -1) {
    if (eqs[w * y + x] === 1) {
      seq[i] = xs[x]!;
      x--;
      y--;
      i--;
    } else {
      const left = x > 0 ? c[w * y + (x - 1)]! : 0;
      const up = y > 0 ? c[w * (y - 1) + x]! : 0;
      if (left > up) x--;
      else y--;
    }
  }
  return seq;
}

/** Diff every paired element; the action starts from create/delete when a side is absent. */
export function transformSlice<T>(
  before: readonly T[] | null,
  after: readonly T[] | null,
  equal: (a: T, b: T) => boolean,
  isObject: (v: T) => boolean,
  process: (beforeIx: number, afterIx: number) => Diff,
): { elements: Diff[]; action: Action } {
  let action: Action = before !== null && after === null ? "delete" : before === null && after !== null ? "create" : "no-op";
  const elements: Diff[] = [];
  processSlice(before ?? [], after ?? [], equal, isObject, (b, a) => {
    const d = process(b, a);
    elements.push(d);
    action = compareActions(action, d.action);
  });
  return { elements, action };
}

export function transformMap(
  beforePresent: boolean,
  afterPresent: boolean,
  keys: readonly string[],
  process: (key: string) => Diff,
): { elements: Map<string, Diff>; action: Action } {
  let action: Action = beforePresent && !afterPresent ? "delete" : !beforePresent && afterPresent ? "create" : "no-op";
  const elements = new Map<string, Diff>();
  for (const k of keys) {
    const d = process(k);
    elements.set(k, d);
    action = compareActions(action, d.action);
  }
  return { elements, action };
}
