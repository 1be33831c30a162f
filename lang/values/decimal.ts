// The one place that decides how numbers are represented: arbitrary-precision decimals, as Terraform's
// numbers are (go-cty uses 512-bit big.Float; we use decimal digits so 0.1 + 0.2 is exactly 0.3).
import { Decimal as DecimalLib } from "decimal.js";

export const Decimal = DecimalLib.clone({
  precision: 160,
  rounding: DecimalLib.ROUND_HALF_EVEN,
  // Never switch to exponent notation when printing: Terraform prints 1e20 as 100000000000000000000.
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Decimal = InstanceType<typeof Decimal>;

const smallInts: Decimal[] = [];
for (let i = -16; i <= 256; i++) smallInts.push(new Decimal(i));

export function decimalFrom(n: number | string | Decimal): Decimal {
  if (typeof n === "number" && Number.isInteger(n) && n >= -16 && n <= 256) return smallInts[n + 16]!;
  return n instanceof Decimal ? n : new Decimal(n);
}
