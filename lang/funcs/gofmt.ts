// Go's fmt rendering of numbers for format(): big.Float with %e %f %g (shortest digits when no precision
// is given) and big.Int with %b %d %o %x %X, including the flags + - space 0 # and width/precision.

import { Decimal } from "../values/decimal.js";

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

/** Decimal digits (no trailing zeros) and exponent such that |d| = 0.digits x 10^exp. */
function digitsOf(d: Decimal): { mant: string; exp: number } {
  if (d.isZero()) return { mant: "", exp: 0 };
  const [coef, e] = d.abs().toExponential().split("e") as [string, string];
  const mant = coef.replace(".", "").replace(/0+$/, "");
  return { mant, exp: Number(e) + 1 };
}

function fmtE(mant: string, exp: number, prec: number, upper: boolean): string {
  const first = mant[0] ?? "0";
  let frac = mant.slice(1);
  if (prec >= 0) frac = frac.padEnd(prec, "0").slice(0, prec);
  const x = mant === "" ? 0 : exp - 1;
  const ex = Math.abs(x);
  return `${first}${frac.length > 0 ? "." + frac : ""}${upper ? "E" : "e"}${x < 0 ? "-" : "+"}${ex < 10 ? "0" + ex : ex}`;
}

function fmtF(mant: string, exp: number, prec: number): string {
  let intPart: string;
  let fracDigits: string;
  if (exp > 0) {
    intPart = mant.slice(0, exp).padEnd(exp, "0");
    fracDigits = mant.slice(exp);
  } else {
    intPart = "0";
    fracDigits = "0".repeat(-exp) + mant;
  }
  if (prec >= 0) fracDigits = fracDigits.padEnd(prec, "0").slice(0, prec);
  return fracDigits.length > 0 ? `${intPart}.${fracDigits}` : intPart;
}

/** The unsigned body of a float verb, as big.Float.Append would write it. */
function floatBody(abs: Decimal, mode: string, precIn: number): string {
  const upper = mode === "E" || mode === "G";
  const m = mode.toLowerCase();
  if (!abs.isFinite()) return "Inf";
  let prec = precIn;
  if (m === "e" || m === "f") {
    if (prec < 0) prec = 6;
    const rounded =
      m === "e"
        ? abs.toSignificantDigits(prec + 1, Decimal.ROUND_HALF_EVEN)
        : abs.toDecimalPlaces(prec, Decimal.ROUND_HALF_EVEN);
    const { mant, exp } = digitsOf(rounded);
    return m === "e" ? fmtE(mant, exp, prec, upper) : fmtF(mant, exp, prec);
  }
  // %g / %G
  const shortest = prec < 0;
  let d = abs;
  if (!shortest) {
    if (prec === 0) prec = 1;
    d = abs.toSignificantDigits(prec, Decimal.ROUND_HALF_EVEN);
  }
  const { mant, exp } = digitsOf(d);
  if (shortest) prec = mant.length;
  let eprec = prec;
  if (eprec > mant.length && mant.length >= exp) eprec = mant.length;
  if (shortest) eprec = 6;
  const x = exp - 1;
  if (mant !== "" && (x < -4 || x >= eprec)) {
    return fmtE(mant, exp, Math.min(prec, mant.length) - 1, upper);
  }
  return fmtF(mant, exp, Math.max(mant.length - exp, 0));
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

export function formatFloat(d: Decimal, verb: NumberVerb): string {
  const body = floatBody(d.abs(), verb.mode, verb.prec);
  return pad(signOf(d.isNegative() && !d.isZero(), verb), body, verb, d.isFinite());
}

/** %b %d %o %x %X of an integer (the caller has checked that d is whole). */
export function formatInteger(d: Decimal, verb: NumberVerb): string {
  const n = BigInt(d.toFixed(0));
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
export function formatShortestG(d: Decimal): string {
  return formatFloat(d, { mode: "g", plus: false, minus: false, space: false, zero: false, sharp: false, width: -1, prec: -1 });
}
