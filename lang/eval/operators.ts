// Binary and unary operators (hclsyntax BinaryOpExpr, UnaryOpExpr). Each operand is first converted to the
// operator's parameter type ("Invalid operand" names the side), then the operation runs in values/ops.ts
// ("Operation failed" if it refuses, e.g. a null operand). Equality takes operands of any type unconverted.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { BinaryOp, BinaryOpExpr, UnaryOpExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import * as ops from "../values/ops.js";
import { BoolType, NumberType, type Type } from "../values/types.js";
import { unknownVal, type Value } from "../values/value.js";
import type { EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { hasErrorSince } from "./traverse.js";

type OpResult = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

interface Operation {
  /** The type both operands are converted to; undefined means "any type, unconverted". */
  readonly param: Type | undefined;
  /** The result type, used for the unknown value returned on error. */
  readonly result: Type;
  /** Whether null operands are accepted (only equality: `x == null` is how Terraform tests for null). */
  readonly allowNull: boolean;
  readonly impl: (a: Value, b: Value) => OpResult;
}

const arithmetic = (impl: (a: Value, b: Value) => OpResult): Operation => ({
  param: NumberType,
  result: NumberType,
  allowNull: false,
  impl,
});
const comparison = (impl: (a: Value, b: Value) => OpResult): Operation => ({
  param: NumberType,
  result: BoolType,
  allowNull: false,
  impl,
});
const logical = (impl: (a: Value, b: Value) => OpResult): Operation => ({
  param: BoolType,
  result: BoolType,
  allowNull: false,
  impl,
});

const binaryOps: Readonly<Record<BinaryOp, Operation>> = {
  "||": logical(ops.or),
  "&&": logical(ops.and),
  "==": { param: undefined, result: BoolType, allowNull: true, impl: ops.equal },
  "!=": { param: undefined, result: BoolType, allowNull: true, impl: ops.notEqual },
  ">": comparison(ops.greaterThan),
  ">=": comparison(ops.greaterThanOrEqual),
  "<": comparison(ops.lessThan),
  "<=": comparison(ops.lessThanOrEqual),
  "+": arithmetic(ops.add),
  "-": arithmetic(ops.subtract),
  "*": arithmetic(ops.multiply),
  "/": arithmetic(ops.divide),
  "%": arithmetic(ops.modulo),
};

const nullArgument = "argument must not be null";

export function evalBinaryOp(e: BinaryOpExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  const op = binaryOps[e.op];
  const before = diags.length;
  const givenL = evalExpr(e.lhs, ctx, diags, depth);
  const givenR = evalExpr(e.rhs, ctx, diags, depth);
  let lhs = givenL;
  let rhs = givenR;
  if (op.param !== undefined) {
    const l = convert(givenL, op.param);
    if (l.ok) lhs = l.value;
    else {
      diags.push(
        errorDiag("Invalid operand", `Unsuitable value for left operand: ${l.message}.`, e.lhs.range, e.range),
      );
    }
    const r = convert(givenR, op.param);
    if (r.ok) rhs = r.value;
    else {
      diags.push(
        errorDiag("Invalid operand", `Unsuitable value for right operand: ${r.message}.`, e.rhs.range, e.range),
      );
    }
  }
  if (hasErrorSince(diags, before)) return unknownVal(op.result);

  // go-cty's function machinery rejects null arguments before the operation itself runs.
  if (!op.allowNull && (lhs.isNull() || rhs.isNull())) return operationFailed(e.range, nullArgument, op.result, diags);
  const result = op.impl(lhs, rhs);
  if (!result.ok) return operationFailed(e.range, result.message, op.result, diags);
  return result.value;
}

export function evalUnaryOp(e: UnaryOpExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  const paramType = e.op === "!" ? BoolType : NumberType;
  const before = diags.length;
  const given = evalExpr(e.val, ctx, diags, depth);
  const converted = convert(given, paramType);
  if (!converted.ok) {
    diags.push(
      errorDiag("Invalid operand", `Unsuitable value for unary operand: ${converted.message}.`, e.val.range, e.range),
    );
  }
  if (hasErrorSince(diags, before) || !converted.ok) return unknownVal(paramType);
  const val = converted.value;
  if (val.isNull()) return operationFailed(e.range, nullArgument, paramType, diags);
  const result = e.op === "!" ? ops.not(val) : ops.negate(val);
  if (!result.ok) return operationFailed(e.range, result.message, paramType, diags);
  return result.value;
}

function operationFailed(subject: UnaryOpExpr["range"], message: string, result: Type, diags: Diagnostic[]): Value {
  diags.push(errorDiag("Operation failed", `Error during operation: ${message}.`, subject));
  return unknownVal(result);
}
