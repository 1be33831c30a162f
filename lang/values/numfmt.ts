// Textual forms of numbers as Go's math/big prints them; Terraform output is made of these.

import { Decimal } from "./decimal.js";

/** big.Float.Text('f', -1): plain decimal notation, no exponent, shortest exact digits; "+Inf"/"-Inf". */
export function formatNumber(d: Decimal): string {
  if (!d.isFinite()) return d.isNegative() ? "-Inf" : "+Inf";
  if (d.isZero()) return "0";
  return d.toFixed();
}

/**
 * big.Float.Text('g', 10), which is what big.Float.String() prints and what cty feeds into set hashes:
 * ten significant digits, exponent form when the exponent is < -4 or >= the digit count rules allow.
 */
export function formatNumberG10(d: Decimal): string {
  if (!d.isFinite()) return d.isNegative() ? "-Inf" : "+Inf";
  if (d.isZero()) return "0";
  const r = d.toSignificantDigits(10, Decimal.ROUND_HALF_EVEN);
  const neg = r.isNegative();
  // digits without trailing zeros, and the decimal exponent such that value = 0.mant * 10^exp
  const [coef, expStr] = r.abs().toExponential().split("e") as [string, string];
  const mant = coef.replace(".", "").replace(/0+$/, "") || "0";
  const exp = Number(expStr) + 1;
  const prec = 10;
  let eprec = prec;
  if (eprec > mant.length && mant.length >= exp) eprec = mant.length;
  const x = exp - 1;
  let out: string;
  if (x < -4 || x >= eprec) {
    const digits = Math.min(prec, mant.length);
    const m = mant.slice(0, digits);
    const frac = m.length > 1 ? "." + m.slice(1) : "";
    const ex = Math.abs(x);
    out = `${m[0]}${frac}e${x < 0 ? "-" : "+"}${ex < 10 ? "0" + ex : String(ex)}`;
  } else {
    out = r.abs().toFixed();
  }
  return neg ? "-" + out : out;
}
