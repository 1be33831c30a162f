// Remembers which expressions were built from JSON, and from what. The static-analysis helpers
// (static-expr.ts) need it: in JSON a string such as "aws_instance.a" or "list(string)" stands for a
// reference or a type expression, while in native syntax a quoted string never does; and JSON's true,
// false and null are not keywords that could be read as a traversal root.

import type { Expression } from "../syntax/ast.js";
import type { JsonNode, JsonString } from "./nodes.js";

const origins = new WeakMap<Expression, JsonNode>();

export function recordJsonOrigin(expr: Expression, node: JsonNode): void {
  origins.set(expr, node);
}

/** The JSON value an expression was built from, or undefined for native-syntax expressions. */
export function jsonOriginOf(expr: Expression): JsonNode | undefined {
  return origins.get(expr);
}

/** The JSON string an expression was built from (decoded text and token range), if it was one. */
export function jsonStringOf(expr: Expression): JsonString | undefined {
  const n = origins.get(expr);
  return n !== undefined && n.kind === "string" ? n : undefined;
}
