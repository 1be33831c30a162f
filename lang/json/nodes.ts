// The JSON syntax tree (HCL's json/ast.go): plain JSON values with source ranges. Bodies interpret these
// through a schema; expressions are built from them on demand (expr.ts).

import type { Range } from "../pos.js";
import type { BigFloat } from "../values/bigfloat.js";

export interface JsonObjectAttr {
  readonly name: string;
  readonly value: JsonNode;
  /** The property name's string token, quotes included. */
  readonly nameRange: Range;
}
export interface JsonObject {
  readonly kind: "object";
  readonly attrs: readonly JsonObjectAttr[];
  readonly range: Range;
  readonly openRange: Range;
  readonly closeRange: Range;
}
export interface JsonArray {
  readonly kind: "array";
  readonly values: readonly JsonNode[];
  readonly range: Range;
  readonly openRange: Range;
}
export interface JsonString {
  readonly kind: "string";
  readonly value: string;
  readonly range: Range;
}
export interface JsonNumber {
  readonly kind: "number";
  readonly value: BigFloat;
  readonly range: Range;
}
export interface JsonBool {
  readonly kind: "bool";
  readonly value: boolean;
  readonly range: Range;
}
export interface JsonNull {
  readonly kind: "null";
  readonly range: Range;
}
/** A placeholder where the input was too broken to produce a value. */
export interface JsonInvalid {
  readonly kind: "invalid";
  readonly range: Range;
}

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBool | JsonNull | JsonInvalid;

/** HCL's StartRange: the opening delimiter of a container, the whole token otherwise. */
export function startRangeOf(n: JsonNode): Range {
  return n.kind === "object" || n.kind === "array" ? n.openRange : n.range;
}

/** The range of a property from its name to the end of its value. */
export function attrRange(a: JsonObjectAttr): Range {
  return { filename: a.nameRange.filename, start: a.nameRange.start, end: a.value.range.end };
}
