// Instance keys distinguish the instances of a resource or module call expanded by `count` (integer keys)
// or `for_each` (string keys). A single-instance object has no key at all.

import { BigFloat } from "../lang/values/bigfloat.js";
import { type Value } from "../lang/values/value.js";
import { hclQuotedString } from "../lang/hcl-quote.js";

export interface NoKeyT {
  readonly kind: "none";
}
export interface IntKey {
  readonly kind: "int";
  readonly value: number;
}
export interface StringKey {
  readonly kind: "string";
  readonly value: string;
}
export type InstanceKey = NoKeyT | IntKey | StringKey;

export const NoKey: NoKeyT = Object.freeze({ kind: "none" });

export function intKey(value: number): IntKey {
  if (!Number.isSafeInteger(value)) throw new Error(`bug: intKey(${value}) is not a safe integer`);
  return Object.freeze({ kind: "int", value });
}
export function stringKey(value: string): StringKey {
  return Object.freeze({ kind: "string", value });
}

/** `` for no key, `[0]`, `["a"]`. */
export function instanceKeyString(k: InstanceKey): string {
  switch (k.kind) {
    case "none":
      return "";
    case "int":
      return `[${k.value}]`;
    case "string":
      return `[${hclQuotedString(k.value)}]`;
  }
}

export function instanceKeyEquals(a: InstanceKey, b: InstanceKey): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "none") return true;
  return a.value === (b as IntKey | StringKey).value;
}

/** Terraform's ordering of instances: no key first, then integer keys numerically, then string keys. */
export function compareInstanceKeys(a: InstanceKey, b: InstanceKey): number {
  const rank = (k: InstanceKey): number => (k.kind === "none" ? 0 : k.kind === "int" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.kind === "int" && b.kind === "int") return a.value - b.value;
  if (a.kind === "string" && b.kind === "string") return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return 0;
}

const int64Message = "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

/**
 * The instance key written as an index in a traversal. Returns an error message (without a trailing period,
 * as go-cty's conversion errors) when the value is not a string or a whole number.
 */
export function instanceKeyFromValue(v: Value): { key: InstanceKey } | { error: string } {
  if (!v.isKnown() || v.isNull()) return { error: "either a string or an integer is required" };
  if (v.type.kind === "string") return { key: stringKey(v.asString()) };
  if (v.type.kind === "number") {
    const n: BigFloat = v.asNumber();
    if (!n.isInteger() || !n.abs().lte(Number.MAX_SAFE_INTEGER)) return { error: int64Message };
    return { key: intKey(n.toNumber()) };
  }
  return { error: "either a string or an integer is required" };
}
