// The static views of an expression that type constraints are made of (HCL's ExprAsKeyword, ExprCall,
// ExprMap and ExprList): a type is written as keywords and constructor calls, never evaluated.

import type { Range } from "../pos.js";
import { rangeBetween } from "../pos.js";
import type { Expression, ObjectConsItem } from "../syntax/ast.js";

/** Parentheses only group; the static views look through them. */
export function unwrap(expr: Expression): Expression {
  let e = expr;
  for (let i = 0; i < 10_000 && (e.kind === "Parentheses" || e.kind === "ObjectConsKey"); i++) {
    e = e.kind === "Parentheses" ? e.expr : e.wrapped;
  }
  return e;
}

/** The bare identifier the expression consists of (`string`, `any`), or "" when it is anything else. */
export function exprAsKeyword(expr: Expression): string {
  const e = unwrap(expr);
  if (e.kind === "ScopeTraversal" && e.traversal.length === 1 && e.traversal[0]!.kind === "root") {
    return e.traversal[0]!.name;
  }
  // The parser has already turned the keywords null, true and false into literals; as HCL's
  // LiteralValueExpr.AsTraversal does, they still count as keywords (e.g. `object({ true = bool })`).
  if (e.kind === "LiteralValue" && !e.value.isMarked()) {
    if (e.value.isNull()) return "null";
    if (e.value.type.kind === "bool" && e.value.isKnown()) return e.value.asBool() ? "true" : "false";
  }
  return "";
}

export interface StaticCall {
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  /** From the opening to the closing parenthesis. */
  readonly argsRange: Range;
}

export function exprCall(expr: Expression): StaticCall | undefined {
  const e = unwrap(expr);
  if (e.kind !== "FunctionCall") return undefined;
  return { name: e.name, nameRange: e.nameRange, args: e.args, argsRange: rangeBetween(e.openParenRange, e.closeParenRange) };
}

export function exprMap(expr: Expression): readonly ObjectConsItem[] | undefined {
  const e = unwrap(expr);
  return e.kind === "ObjectCons" ? e.items : undefined;
}

export function exprList(expr: Expression): readonly Expression[] | undefined {
  const e = unwrap(expr);
  return e.kind === "TupleCons" ? e.exprs : undefined;
}
