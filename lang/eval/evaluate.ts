// Expression evaluation with hclsyntax's exact semantics (Expression.Value in hclsyntax/expression*.go).
// Best effort: an error yields a diagnostic and an unknown value (of the best type HCL knows) so that the
// rest of the expression, and the rest of the configuration, can still be checked. Unknown values and
// marks (sensitive) propagate through every form.
//
// Internally every evaluator pushes into one diagnostics array instead of allocating one per node; "did
// this sub-expression fail" is answered by looking at what was pushed since it started (hasErrorSince).

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Expression } from "../syntax/ast.js";
import { DynamicVal, tupleVal, type Value } from "../values/value.js";
import { lookupSplatItem, type EvalContext } from "./context.js";
import { evalFunctionCall } from "./call.js";
import { evalConditional } from "./conditional.js";
import { evalFor } from "./for.js";
import { evalObjectCons, evalObjectConsKey } from "./object.js";
import { evalBinaryOp, evalUnaryOp } from "./operators.js";
import { evalSplat } from "./splat.js";
import { evalTemplate, evalTemplateJoin } from "./template.js";
import { hasErrorSince, indexValue, traverseAbs, traverseRel } from "./traverse.js";

/**
 * Expressions nested deeper than this are refused with a diagnostic instead of risking the JavaScript
 * stack (the parser has its own nesting limit; this guards ASTs built by other means).
 */
export const MAX_EVAL_DEPTH = 1000;

export interface EvalResult {
  readonly value: Value;
  readonly diags: Diagnostic[];
}

/**
 * Evaluates `expr` in `ctx`. Pass `undefined` for "no context": references and function calls are then
 * errors ("Variables not allowed", "Function calls not allowed"), as for HCL's nil EvalContext.
 */
export function evaluate(expr: Expression, ctx: EvalContext | undefined): EvalResult {
  const diags: Diagnostic[] = [];
  const value = evalExpr(expr, ctx, diags, 0);
  return { value, diags };
}

/** The evaluator all forms share: pushes diagnostics into `diags`, returns the value. */
export function evalExpr(expr: Expression, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  if (depth > MAX_EVAL_DEPTH) {
    diags.push(
      errorDiag(
        "Expression too deeply nested",
        `This expression is nested more than ${MAX_EVAL_DEPTH} levels deep, which Cairn does not evaluate. Simplify it, for example by moving parts into local values.`,
        expr.range,
      ),
    );
    return DynamicVal;
  }
  const d = depth + 1;
  switch (expr.kind) {
    case "LiteralValue":
      return expr.value;
    case "ScopeTraversal":
      return traverseAbs(expr.traversal, ctx, diags);
    case "RelativeTraversal": {
      const before = diags.length;
      const source = evalExpr(expr.source, ctx, diags, d);
      const failed = hasErrorSince(diags, before);
      const result = traverseRel(source, expr.traversal, 0, diags);
      // HCL would give `[1, nope][0]` the value 1; an erroneous source yields unknown here.
      return failed ? DynamicVal : result;
    }
    case "Parentheses":
      return evalExpr(expr.expr, ctx, diags, d);
    case "TupleCons": {
      const vals: Value[] = new Array(expr.exprs.length);
      for (let i = 0; i < expr.exprs.length; i++) vals[i] = evalExpr(expr.exprs[i]!, ctx, diags, d);
      return tupleVal(vals);
    }
    case "ObjectCons":
      return evalObjectCons(expr, ctx, diags, d);
    case "ObjectConsKey":
      return evalObjectConsKey(expr, ctx, diags, d);
    case "Index": {
      const before = diags.length;
      const coll = evalExpr(expr.collection, ctx, diags, d);
      const key = evalExpr(expr.key, ctx, diags, d);
      const failed = hasErrorSince(diags, before);
      const result = indexValue(coll, key, expr.bracketRange, diags);
      return failed ? DynamicVal : result;
    }
    case "FunctionCall":
      return evalFunctionCall(expr, ctx, diags, d);
    case "Conditional":
      return evalConditional(expr, ctx, diags, d);
    case "BinaryOp":
      return evalBinaryOp(expr, ctx, diags, d);
    case "UnaryOp":
      return evalUnaryOp(expr, ctx, diags, d);
    case "Splat":
      return evalSplat(expr, ctx, diags, d);
    case "AnonSymbol":
      // Only meaningful inside the `each` part of its splat; elsewhere it stands for "any value".
      return lookupSplatItem(ctx, expr) ?? DynamicVal;
    case "For":
      return evalFor(expr, ctx, diags, d);
    case "Template":
      return evalTemplate(expr, ctx, diags, d);
    case "TemplateWrap":
      // A template that is a single interpolation yields the interpolated value itself, unconverted.
      return evalExpr(expr.wrapped, ctx, diags, d);
    case "TemplateJoin":
      return evalTemplateJoin(expr, ctx, diags, d);
  }
}
