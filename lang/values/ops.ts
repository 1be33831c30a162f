// HCL's operators on values (hclsyntax BinaryOpExpr/UnaryOpExpr over cty's stdlib operator functions).
// Operands are first converted to the operator's parameter type (number for arithmetic and comparison,
// bool for logic; equality converts nothing). Then the function-call rules apply: a null operand is an
// error, an unknown operand gives an unknown result of the operator's type, marks (sensitive) of both
// operands go onto the result. Numbers are exact decimals: 0.1 + 0.2 is 0.3.
//
// Division by zero follows cty: x / 0 is +/-infinity for x != 0 and an error for 0 / 0; x % 0 is x.

import { convert } from "./convert.js";
import { BigFloat, NotANumber } from "./bigfloat.js";
import { valuesEqual } from "./equals.js";
import { BoolType, NumberType, type Type } from "./types.js";
import { False, NULL, True, UNKNOWN, Value, unknownVal, type Marks } from "./value.js";

export { valuesEqual, valuesDefinitelyEqual } from "./equals.js";
export { setVal, setValEmpty, canonicalSetElements } from "./set.js";

export type OpResult =
  | { readonly ok: true; readonly value: Value }
  | {
      readonly ok: false;
      /** cty's error text, e.g. "a number is required" or "argument must not be null". */
      readonly message: string;
      /** HCL's diagnostic summary: "Invalid operand" (conversion failed) or "Operation failed". */
      readonly summary: "Invalid operand" | "Operation failed";
      /** HCL's full detail sentence, e.g. "Unsuitable value for left operand: a number is required." */
      readonly detail: string;
      /** Which operand is at fault; absent when the operation as a whole failed. */
      readonly operand?: "left" | "right" | "unary";
    };

type Operand = "left" | "right" | "unary";

function invalidOperand(which: Operand, message: string): OpResult {
  return {
    ok: false,
    message,
    summary: "Invalid operand",
    detail: `Unsuitable value for ${which} operand: ${message}.`,
    operand: which,
  };
}

function failed(message: string, operand?: Operand): OpResult {
  const r = { ok: false as const, message, summary: "Operation failed" as const, detail: `Error during operation: ${message}.` };
  return operand ? { ...r, operand } : r;
}

function ok(value: Value): OpResult {
  return { ok: true, value };
}

/** Marks found anywhere in the values (function calls strip deep marks and put them on the result). */
function deepMarks(...vals: Value[]): Set<string> {
  const out = new Set<string>();
  for (const v of vals) if (v.containsMarked()) for (const m of v.unmarkDeep()[1]) out.add(m);
  return out;
}

function mark(v: Value, marks: Set<string>): Value {
  return marks.size === 0 ? v : v.withMarks(marks as Marks);
}

/** Convert both operands, then apply the null/unknown/marks rules; `impl` sees two known, unmarked values. */
function binary(
  a: Value,
  b: Value,
  paramType: Type,
  resultType: Type,
  impl: (x: Value, y: Value) => Value | string,
): OpResult {
  const ca = convert(a, paramType);
  if (!ca.ok) return invalidOperand("left", ca.message);
  const cb = convert(b, paramType);
  if (!cb.ok) return invalidOperand("right", cb.message);
  const x = ca.value;
  const y = cb.value;
  if (x.raw === NULL) return failed("argument must not be null", "left");
  if (y.raw === NULL) return failed("argument must not be null", "right");
  const marks = deepMarks(x, y);
  if (x.raw === UNKNOWN || y.raw === UNKNOWN) return ok(mark(unknownVal(resultType), marks));
  const r = impl(x.unmark(), y.unmark());
  if (typeof r === "string") return failed(r);
  return ok(mark(r, marks));
}

const num = (v: Value): BigFloat => v.raw as BigFloat;
const numberResult = (d: BigFloat): Value => new Value(NumberType, d);

/** math/big's answer, or undefined where it panics with ErrNaN (cty lets that surface as an error). */
function orNaN(compute: () => BigFloat): BigFloat | undefined {
  try {
    return compute();
  } catch (e) {
    if (e instanceof NotANumber) return undefined;
    throw e;
  }
}

/** An arithmetic operator on two numbers; `nanMessage` is cty's error when the result is not a number. */
function arithmetic(compute: (x: BigFloat, y: BigFloat) => BigFloat, nanMessage: string): (a: Value, b: Value) => OpResult {
  return (a, b) =>
    binary(a, b, NumberType, NumberType, (x, y) => {
      const r = orNaN(() => compute(num(x), num(y)));
      return r === undefined ? nanMessage : numberResult(r);
    });
}

export const add = arithmetic((x, y) => x.plus(y), "can't compute sum of opposing infinities");
export const subtract = arithmetic((x, y) => x.minus(y), "can't subtract infinity from itself");
export const multiply = arithmetic((x, y) => x.times(y), "can't multiply zero by infinity");
export const divide = arithmetic((x, y) => x.dividedBy(y), "can't divide zero by zero or infinity by infinity");

export function modulo(a: Value, b: Value): OpResult {
  return binary(a, b, NumberType, NumberType, (x, y) => {
    // cty: infinities go through multiplication (an infinity of the right sign), x % 0 is x, otherwise the
    // remainder of truncated division, with the sign of the dividend
    const r = orNaN(() => num(x).mod(num(y)));
    return r === undefined ? "can't use modulo with zero and infinity" : numberResult(r);
  });
}

export function lessThan(a: Value, b: Value): OpResult {
  return binary(a, b, NumberType, BoolType, (x, y) => (num(x).lt(num(y)) ? True : False));
}
export function lessThanOrEqual(a: Value, b: Value): OpResult {
  return binary(a, b, NumberType, BoolType, (x, y) => (num(x).lte(num(y)) ? True : False));
}
export function greaterThan(a: Value, b: Value): OpResult {
  return binary(a, b, NumberType, BoolType, (x, y) => (num(x).gt(num(y)) ? True : False));
}
export function greaterThanOrEqual(a: Value, b: Value): OpResult {
  return binary(a, b, NumberType, BoolType, (x, y) => (num(x).gte(num(y)) ? True : False));
}

/**
 * `&&` and `||`. A known false (for &&) or true (for ||) operand decides the answer even when the other
 * operand is unknown, as cty's And/Or do.
 */
export function and(a: Value, b: Value): OpResult {
  return logic(a, b, false);
}
export function or(a: Value, b: Value): OpResult {
  return logic(a, b, true);
}

function logic(a: Value, b: Value, decisive: boolean): OpResult {
  const ca = convert(a, BoolType);
  if (!ca.ok) return invalidOperand("left", ca.message);
  const cb = convert(b, BoolType);
  if (!cb.ok) return invalidOperand("right", cb.message);
  const x = ca.value;
  const y = cb.value;
  if (x.raw === NULL) return failed("argument must not be null", "left");
  if (y.raw === NULL) return failed("argument must not be null", "right");
  const marks = deepMarks(x, y);
  if (x.raw === decisive || y.raw === decisive) return ok(mark(decisive ? True : False, marks));
  if (x.raw === UNKNOWN || y.raw === UNKNOWN) return ok(mark(unknownVal(BoolType), marks));
  return ok(mark(decisive ? (x.raw || y.raw ? True : False) : x.raw && y.raw ? True : False, marks));
}

function unary(v: Value, paramType: Type, impl: (x: Value) => Value): OpResult {
  const c = convert(v, paramType);
  if (!c.ok) return invalidOperand("unary", c.message);
  const x = c.value;
  if (x.raw === NULL) return failed("argument must not be null", "unary");
  const marks = deepMarks(x);
  if (x.raw === UNKNOWN) return ok(mark(unknownVal(paramType), marks));
  return ok(mark(impl(x.unmark()), marks));
}

export function negate(v: Value): OpResult {
  return unary(v, NumberType, (x) => numberResult(num(x).negated()));
}

export function not(v: Value): OpResult {
  return unary(v, BoolType, (x) => (x.raw ? False : True));
}

/** `==`: no conversion; unknown when either side is unknown (unless the types already differ); null == null. */
export function equal(a: Value, b: Value): OpResult {
  return ok(valuesEqual(a, b));
}

export function notEqual(a: Value, b: Value): OpResult {
  const eq = valuesEqual(a, b);
  if (eq.raw === UNKNOWN) return ok(eq);
  return ok((eq.raw ? False : True).withMarks(eq.marks));
}

export type BinaryOperator = "||" | "&&" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "+" | "-" | "*" | "/" | "%";

/** The operator function for an AST operator token. */
export const binaryOps: Readonly<Record<BinaryOperator, (a: Value, b: Value) => OpResult>> = {
  "||": or,
  "&&": and,
  "==": equal,
  "!=": notEqual,
  ">": greaterThan,
  ">=": greaterThanOrEqual,
  "<": lessThan,
  "<=": lessThanOrEqual,
  "+": add,
  "-": subtract,
  "*": multiply,
  "/": divide,
  "%": modulo,
};

/** The result type of each operator, for the unknown value an erroneous operation evaluates to. */
export function binaryOpResultType(op: BinaryOperator): Type {
  return op === "+" || op === "-" || op === "*" || op === "/" || op === "%" ? NumberType : BoolType;
}
