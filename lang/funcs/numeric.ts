// Numeric functions: abs ceil floor log max min parseint pow signum. Numbers stay decimals except where
// Terraform itself goes through float64 (log, pow), so results match Terraform digit for digit.

import { Decimal } from "../values/decimal.js";
import { DynamicPseudoType, NumberType, friendlyTypeName } from "../values/types.js";
import { numberVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, goQuote, param, staticSpec, wholeNumber } from "./helpers.js";

const num = param("num", NumberType);

function unary(fn: (d: Decimal) => Decimal): FunctionSpec {
  return staticSpec([num], NumberType, (args) => numberVal(fn(args[0]!.asNumber())));
}

function viaFloat(secondName: string, fn: (a: number, b: number) => number): FunctionSpec {
  return staticSpec([num, param(secondName, NumberType)], NumberType, (args) => {
    const result = fn(args[0]!.asNumber().toNumber(), args[1]!.asNumber().toNumber());
    if (Number.isNaN(result)) callError("result is not a number");
    return numberVal(new Decimal(result));
  });
}

function extreme(pick: (a: Decimal, b: Decimal) => boolean): FunctionSpec {
  return {
    params: [],
    varParam: param("numbers", NumberType, { allowDynamicType: true }),
    returnType: () => NumberType,
    impl: (args) => {
      if (args.length === 0) callError("must pass at least one number");
      let best = args[0]!.asNumber();
      for (const a of args.slice(1)) if (pick(a.asNumber(), best)) best = a.asNumber();
      return numberVal(best);
    },
  };
}

/** Digits of big.Int.SetString: 0-9, then a-z, then (bases above 36) A-Z; case-insensitive up to 36. */
function digitValue(ch: string, base: number): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  return 99;
}

function parseInteger(text: string, base: number): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith("+") || s.startsWith("-")) {
    negative = s.startsWith("-");
    s = s.slice(1);
  }
  if (s.length === 0) return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    const d = digitValue(ch, base);
    if (d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  return negative ? -n : n;
}

const parseint: FunctionSpec = {
  params: [param("number", DynamicPseudoType), param("base", NumberType)],
  returnType: (args) => {
    if (args[0]!.type.kind !== "string") {
      argError(0, `first argument must be a string, not ${friendlyTypeName(args[0]!.type)}`);
    }
    return NumberType;
  },
  impl: (args) => {
    const text = args[0]!.asString();
    const base = wholeNumber(args[1]!, 1);
    if (base < 2 || base > 62) argError(1, "base must be a whole number between 2 and 62 inclusive");
    const n = parseInteger(text, base);
    if (n === undefined) argError(0, `cannot parse ${goQuote(text)} as a base ${base} integer`);
    return numberVal(new Decimal(n.toString()));
  },
};

export const numericFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["abs", unary((d) => d.abs())],
  ["ceil", unary((d) => (d.isFinite() ? d.ceil() : d))],
  ["floor", unary((d) => (d.isFinite() ? d.floor() : d))],
  ["signum", unary((d) => new Decimal(d.isZero() ? 0 : d.isNegative() ? -1 : 1))],
  ["log", viaFloat("base", (n, b) => Math.log(n) / Math.log(b))],
  ["pow", viaFloat("power", (n, p) => Math.pow(n, p))],
  ["max", extreme((a, b) => a.gt(b))],
  ["min", extreme((a, b) => a.lt(b))],
  ["parseint", parseint],
]);
