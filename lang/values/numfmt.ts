// Textual forms of numbers as Go's math/big prints them (big.Float.Text / Append); Terraform output is made
// of these: console and JSON use Text('f', -1), set hashes Text('g', 10), format() the %e %f %g verbs.

import { BigFloat, roundDigits, type Digits } from "./bigfloat.js";

/** big.Float.Text('f', -1): plain decimal notation, shortest digits at the value's precision; "+Inf"/"-Inf". */
export function formatNumber(d: BigFloat): string {
  return d.toString();
}

/** big.Float.Text('g', 10), which is what big.Float.String() prints and what cty feeds into set hashes. */
export function formatNumberG10(d: BigFloat): string {
  return (d.isNegative() ? "-" : "") + floatText(d, "g", 10);
}

/**
 * The unsigned body of big.Float.Append(buf, fmt, prec) for fmt e, f, g (upper-case E/G too): prec < 0 means
 * the shortest digits that identify the value. Infinities are "Inf" (the caller adds the sign).
 */
export function floatText(x: BigFloat, fmt: string, precIn: number): string {
  if (x.isInf()) return x.isNegative() ? "Inf" : "+Inf";
  let prec = precIn;
  const shortest = prec < 0;
  let d: Digits;
  if (shortest) {
    d = x.shortestDigits();
    if (fmt === "e" || fmt === "E") prec = d.digits.length - 1;
    else if (fmt === "f") prec = Math.max(d.digits.length - d.exp, 0);
    else prec = d.digits.length;
  } else {
    d = x.exactDigits();
    if (fmt === "e" || fmt === "E") d = roundDigits(d, 1 + prec);
    else if (fmt === "f") d = roundDigits(d, d.exp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDigits(d, prec);
    }
  }
  if (fmt === "e" || fmt === "E") return fmtE(d, prec, fmt);
  if (fmt === "f") return fmtF(d, prec);
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > d.digits.length) prec = d.digits.length;
    return fmtE(d, prec - 1, fmt === "G" ? "E" : "e");
  }
  if (prec > d.exp) prec = d.digits.length;
  return fmtF(d, Math.max(prec - d.exp, 0));
}

function fmtE(d: Digits, prec: number, letter: string): string {
  let out = d.digits[0] ?? "0";
  if (prec > 0) out += "." + d.digits.slice(1, prec + 1).padEnd(prec, "0");
  const exp = d.digits.length > 0 ? d.exp - 1 : 0;
  const abs = Math.abs(exp);
  return `${out}${letter}${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
}

function fmtF(d: Digits, prec: number): string {
  let out: string;
  if (d.exp > 0) out = d.digits.slice(0, d.exp).padEnd(d.exp, "0");
  else out = "0";
  if (prec > 0) {
    let frac = "";
    for (let i = 0; i < prec; i++) {
      const j = d.exp + i;
      frac += j >= 0 && j < d.digits.length ? d.digits[j] : "0";
    }
    out += "." + frac;
  }
  return out;
}
