// Object constructors `{ a = 1, (k) = v }` and their keys (hclsyntax ObjectConsExpr, ObjectConsKeyExpr).
// A bare identifier key is the string itself; a dotted one is refused as ambiguous; a parenthesised key is
// evaluated. Any key that fails or is unknown makes the whole object unknown (its attribute set is unknown).

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Expression, ObjectConsExpr, ObjectConsKeyExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { StringType } from "../values/types.js";
import { DynamicVal, objectValOwning, stringVal, type Value } from "../values/value.js";
import type { EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { MarkSet } from "./marks.js";
import { hasErrorSince } from "./traverse.js";

export function evalObjectCons(e: ObjectConsExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  const vals = new Map<string, Value>();
  const marks = new MarkSet();
  let known = true;
  for (const item of e.items) {
    const before = diags.length;
    const key = evalExpr(item.key, ctx, diags, depth);
    const keyFailed = hasErrorSince(diags, before);
    const val = evalExpr(item.value, ctx, diags, depth);
    if (keyFailed) {
      known = false;
      continue;
    }
    if (key.isNull()) {
      // HCL points at the value here, not the key.
      diags.push(errorDiag("Null value as key", "Can't use a null value as a key.", item.value.range));
      known = false;
      continue;
    }
    marks.add(key.marks);
    const converted = convert(key.unmark(), StringType);
    if (!converted.ok) {
      diags.push(errorDiag("Incorrect key type", `Can't use this value as a key: ${converted.message}.`, item.key.range));
      known = false;
      continue;
    }
    if (!converted.value.isKnown()) {
      known = false;
      continue;
    }
    vals.set(converted.value.asString(), val);
  }
  if (!known) return DynamicVal.withMarks(marks.get());
  return objectValOwning(vals).withMarks(marks.get());
}

export function evalObjectConsKey(
  e: ObjectConsKeyExpr,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
): Value {
  if (!e.forceNonLiteral) {
    const w = e.wrapped;
    if (w.kind === "ScopeTraversal" && w.traversal.length > 1) {
      diags.push(
        errorDiag(
          "Ambiguous attribute key",
          "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.",
          e.range,
        ),
      );
      return DynamicVal;
    }
    const name = keywordOf(w);
    if (name !== undefined) return stringVal(name);
  }
  return evalExpr(e.wrapped, ctx, diags, depth);
}

/**
 * hcl.ExprAsKeyword: the name of a single bare identifier, including the keywords null, true and false that
 * the parser has already turned into literals. Undefined for anything else.
 */
export function keywordOf(expr: Expression): string | undefined {
  if (expr.kind === "ScopeTraversal") {
    const root = expr.traversal[0];
    return expr.traversal.length === 1 && root !== undefined && root.kind === "root" ? root.name : undefined;
  }
  if (expr.kind === "LiteralValue") {
    const v = expr.value;
    if (v.isMarked()) return undefined;
    if (v.isNull()) return "null";
    if (v.type.kind === "bool" && v.isKnown()) return v.asBool() ? "true" : "false";
  }
  return undefined;
}
