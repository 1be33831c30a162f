// Go's fmt rendering of numbers for format(): big.Float with %e %f %g (shortest digits when no precision
// is given) and big.Int with %b %d %o %x %X, including the flags + - space 0 # and width/precision.

import type { BigFloat } from "../values/bigfloat.js";
import { floatText } from "../values/numfmt.js";

export interface NumberVerb {
  readonly mode: string;
  readonly plus: boolean;
  readonly minus: boolean;
  readonly space: boolean;
  readonly zero: boolean;
  readonly sharp: boolean;
  /** -1 when absent. */
  readonly width: number;
  /** -1 when absent. */
  readonly prec: number;
}

function pad(sign: string, body: string, verb: NumberVerb, allowZero: boolean): string {
  const len = sign.length + body.length;
  if (verb.width < 0 || len >= verb.width) return sign + body;
  const n = verb.width - len;
  if (verb.minus) return sign + body + " ".repeat(n);
  if (verb.zero && allowZero) return sign + "0".repeat(n) + body;
  return " ".repeat(n) + sign + body;
}

function signOf(negative: boolean, verb: NumberVerb): string {
  return negative ? "-" : verb.plus ? "+" : verb.space ? " " : "";
}

/** big.Float.Format: %e %E %f %F %g %G (and %v as %g); -0 keeps its sign, +Inf its plus. */
export function formatFloat(d: BigFloat, verb: NumberVerb): string {
  const mode = verb.mode === "F" ? "f" : verb.mode === "v" ? "g" : verb.mode;
  const hasPrec = verb.prec >= 0;
  const prec = hasPrec ? verb.prec : mode === "g" || mode === "G" ? -1 : 6;
  let body = floatText(d, mode, prec);
  let sign = d.isNegative() ? "-" : verb.plus ? "+" : verb.space ? " " : "";
  if (body.startsWith("+")) {
    body = body.slice(1);
    sign = verb.space ? " " : "+";
  }
  return pad(sign, body, verb, d.isFinite());
}

/** %b %d %o %x %X of an integer (the caller has checked that d is whole). */
export function formatInteger(d: BigFloat, verb: NumberVerb): string {
  const n = d.truncToBigInt();
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const base = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode] ?? 10;
  let digits = abs.toString(base);
  if (verb.mode === "X") digits = digits.toUpperCase();
  if (verb.prec >= 0) {
    if (verb.prec === 0 && abs === 0n) digits = "";
    digits = digits.padStart(verb.prec, "0");
  }
  let prefix = "";
  if (verb.sharp) {
    if (verb.mode === "b") prefix = "0b";
    else if (verb.mode === "o" && !digits.startsWith("0")) prefix = "0";
    else if (verb.mode === "x") prefix = "0x";
    else if (verb.mode === "X") prefix = "0X";
  }
  // Go pads integers with zeros only when no precision is given.
  return pad(signOf(negative, verb) + prefix, digits, verb, verb.prec < 0);
}

/** big.Float.Text('g', -1), which %v uses for numbers. */
export function formatShortestG(d: BigFloat): string {
  return formatFloat(d, { mode: "g", plus: false, minus: false, space: false, zero: false, sharp: false, width: -1, prec: -1 });
}
