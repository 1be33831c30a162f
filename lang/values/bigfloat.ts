// The one place that decides how numbers are represented: Terraform's numbers are go-cty's, which are Go
// `*big.Float`s: a binary mantissa rounded to nearest-even at a per-value precision (512 bits for literals
// and parsed text, 64 for integers cty makes from Go ints, 53 for results that went through float64).
// This class reproduces math/big's arithmetic bit for bit (so `1/3 + 1/3 + 1/3 == 1` is true and `0.1 * 0.1`
// prints a long tail exactly as Terraform does) and hands out exact decimal digits for printing (numfmt.ts).

const enum Form {
  Zero,
  Finite,
  Inf,
}

/** Precision of literals and of numbers parsed from text (cty.ParseNumberVal). */
export const PARSE_PREC = 512;
/** Precision cty gives integers made from Go ints (cty.NumberIntVal). */
export const INT_PREC = 64;
/** Precision cty gives numbers made from float64 (cty.NumberFloatVal). */
export const FLOAT64_PREC = 53;

function bitLength(n: bigint): number {
  // toString(16) is fast in V8 and exact; the first digit contributes 1..4 bits.
  const hex = n.toString(16);
  const first = hex.charCodeAt(0);
  const lead = first <= 57 ? first - 48 : first - 87;
  return (hex.length - 1) * 4 + (lead >= 8 ? 4 : lead >= 4 ? 3 : lead >= 2 ? 2 : 1);
}

function trailingZeroBits(n: bigint): number {
  if ((n & 1n) === 1n) return 0;
  let count = 0;
  let m = n;
  while ((m & 0xffffffffn) === 0n) {
    m >>= 32n;
    count += 32;
  }
  while ((m & 1n) === 0n) {
    m >>= 1n;
    count++;
  }
  return count;
}

/** NaN from a math/big operation: cty panics with big.ErrNaN and HCL reports it; callers turn it into that. */
export class NotANumber extends Error {
  constructor(message: string) {
    super(message);
  }
}

export class BigFloat {
  private constructor(
    private readonly form: Form,
    private readonly negative: boolean,
    /** Odd (minimal) mantissa of a finite value; 0n otherwise. value = mant * 2^exp. */
    private readonly mant: bigint,
    private readonly exp: number,
    /** math/big precision in bits. */
    readonly prec: number,
  ) {}

  // ---- construction ----

  static zero(neg = false, prec = INT_PREC): BigFloat {
    return new BigFloat(Form.Zero, neg, 0n, 0, prec);
  }

  static infinity(neg: boolean): BigFloat {
    return new BigFloat(Form.Inf, neg, 0n, 0, PARSE_PREC);
  }

  /** m * 2^e rounded to nearest-even at `prec` bits (sticky: inexact bits below m were dropped). */
  static fromParts(neg: boolean, m: bigint, e: number, prec: number, sticky = false): BigFloat {
    if (m === 0n) return new BigFloat(Form.Zero, neg, 0n, 0, prec);
    let mant = m;
    let exp = e;
    const len = bitLength(mant);
    if (len > prec) {
      const shift = len - prec;
      const s = BigInt(shift);
      let q = mant >> s;
      const r = mant & ((1n << s) - 1n);
      const half = 1n << (s - 1n);
      if (r > half || (r === half && (sticky || (q & 1n) === 1n))) q += 1n;
      mant = q;
      exp += shift;
    }
    const tz = trailingZeroBits(mant);
    if (tz > 0) {
      mant >>= BigInt(tz);
      exp += tz;
    }
    return new BigFloat(Form.Finite, neg, mant, exp, prec);
  }

  /** An integer, as cty.NumberIntVal makes it (precision 64, or more for integers beyond int64). */
  static fromBigInt(n: bigint, prec?: number): BigFloat {
    const neg = n < 0n;
    const abs = neg ? -n : n;
    return BigFloat.fromParts(neg, abs, 0, prec ?? Math.max(INT_PREC, bitLength(abs)));
  }

  /** A float64, exactly, as cty.NumberFloatVal makes it (precision 53; integers that fit int64 get 64). */
  static fromNumber(x: number, prec?: number): BigFloat {
    if (Number.isNaN(x)) throw new NotANumber("NaN");
    if (!Number.isFinite(x)) return BigFloat.infinity(x < 0);
    if (x === 0) return BigFloat.zero(Object.is(x, -0), prec ?? FLOAT64_PREC);
    if (Number.isSafeInteger(x)) {
      const p = prec ?? FLOAT64_PREC;
      const neg = x < 0;
      return BigFloat.fromParts(neg, BigInt(neg ? -x : x), 0, p);
    }
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const neg = hi >>> 31 === 1;
    const biased = (hi >>> 20) & 0x7ff;
    let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let exp: number;
    if (biased === 0) exp = -1074;
    else {
      mant |= 1n << 52n;
      exp = biased - 1075;
    }
    return BigFloat.fromParts(neg, mant, exp, prec ?? FLOAT64_PREC);
  }

  /**
   * big.ParseFloat(s, 10, prec, ToNearestEven): optional sign, decimal mantissa with optional point, exponent
   * `e` (power of ten) or `p` (power of two), or "Inf"/"inf". Undefined when `s` is not such a number.
   * The power of five is computed as math/big computes it, so the last bit agrees even for huge exponents.
   */
  static parse(s: string, prec = PARSE_PREC): BigFloat | undefined {
    const m = /^([+-]?)(?:(\d*)(?:\.(\d*))?(?:([eEpP])([+-]?\d+))?|([iI]nf))$/.exec(s);
    if (m === null) return undefined;
    const neg = m[1] === "-";
    if (m[6] !== undefined) return BigFloat.infinity(neg);
    const intDigits = m[2] ?? "";
    const fracDigits = m[3] ?? "";
    if (intDigits.length + fracDigits.length === 0) return undefined;
    const digits = intDigits + fracDigits;
    const mant = BigInt(digits);
    if (mant === 0n) return BigFloat.zero(neg, prec);
    let exp2 = -fracDigits.length;
    let exp5 = -fracDigits.length;
    if (m[4] !== undefined) {
      const e = Number(m[5]);
      if (!Number.isSafeInteger(e)) return undefined;
      exp2 += e;
      if (m[4] === "e" || m[4] === "E") exp5 += e;
    }
    if (exp5 === 0) return BigFloat.fromParts(neg, mant, exp2, prec);
    const p = pow5(Math.abs(exp5), prec + 64);
    const x = BigFloat.fromParts(neg, mant, exp2, Number.MAX_SAFE_INTEGER);
    return exp5 > 0 ? x.mulAt(p, prec) : x.quoAt(p, prec);
  }

  // ---- predicates ----

  isZero(): boolean {
    return this.form === Form.Zero;
  }
  isFinite(): boolean {
    return this.form !== Form.Inf;
  }
  isInf(): boolean {
    return this.form === Form.Inf;
  }
  /** The sign bit, also of -0 and -Inf. */
  isNegative(): boolean {
    return this.negative;
  }
  /** An integer (no fractional bits); infinities are not. */
  isInteger(): boolean {
    return this.form === Form.Zero || (this.form === Form.Finite && this.exp >= 0);
  }
  /** Sign as -1, 0, +1 (zero of either sign is 0). */
  sign(): number {
    return this.form === Form.Zero ? 0 : this.negative ? -1 : 1;
  }
  /** Bits needed to hold the mantissa exactly (big.Float.MinPrec). */
  minPrec(): number {
    return this.form === Form.Finite ? bitLength(this.mant) : 0;
  }

  // ---- comparison ----

  /** big.Float.Cmp: -1, 0, +1; -0 equals +0. */
  cmp(o: BigFloat): number {
    const a = this.sign();
    const b = o.sign();
    if (a !== b || a === 0) return a < b ? -1 : a > b ? 1 : 0;
    // same nonzero sign
    const mag = this.cmpAbs(o);
    return a > 0 ? mag : -mag;
  }

  private cmpAbs(o: BigFloat): number {
    if (this.form === Form.Inf || o.form === Form.Inf) {
      if (this.form === o.form) return 0;
      return this.form === Form.Inf ? 1 : -1;
    }
    // compare top bit positions first
    const ta = bitLength(this.mant) + this.exp;
    const tb = bitLength(o.mant) + o.exp;
    if (ta !== tb) return ta < tb ? -1 : 1;
    const e = Math.min(this.exp, o.exp);
    const x = this.mant << BigInt(this.exp - e);
    const y = o.mant << BigInt(o.exp - e);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  eq(o: BigFloat | number): boolean {
    return this.cmp(bigFloatFrom(o)) === 0;
  }
  lt(o: BigFloat | number): boolean {
    return this.cmp(bigFloatFrom(o)) < 0;
  }
  lte(o: BigFloat | number): boolean {
    return this.cmp(bigFloatFrom(o)) <= 0;
  }
  gt(o: BigFloat | number): boolean {
    return this.cmp(bigFloatFrom(o)) > 0;
  }
  gte(o: BigFloat | number): boolean {
    return this.cmp(bigFloatFrom(o)) >= 0;
  }

  // ---- math/big operations with an explicit result precision ----

  withPrec(prec: number): BigFloat {
    if (prec === this.prec) return this;
    if (this.form !== Form.Finite) return new BigFloat(this.form, this.negative, 0n, 0, prec);
    return BigFloat.fromParts(this.negative, this.mant, this.exp, prec);
  }

  negAt(prec: number): BigFloat {
    if (this.form !== Form.Finite) return new BigFloat(this.form, !this.negative, 0n, 0, prec);
    return BigFloat.fromParts(!this.negative, this.mant, this.exp, prec);
  }

  absAt(prec: number): BigFloat {
    return this.negative ? this.negAt(prec) : this.withPrec(prec);
  }

  addAt(o: BigFloat, prec: number): BigFloat {
    if (this.form === Form.Inf || o.form === Form.Inf) {
      if (this.form === Form.Inf && o.form === Form.Inf && this.negative !== o.negative) throw new NotANumber("sum of opposing infinities");
      return BigFloat.infinity(this.form === Form.Inf ? this.negative : o.negative).withPrec(prec);
    }
    if (this.form === Form.Zero && o.form === Form.Zero) return BigFloat.zero(this.negative && o.negative, prec);
    if (this.form === Form.Zero) return o.withPrec(prec);
    if (o.form === Form.Zero) return this.withPrec(prec);
    const e = Math.min(this.exp, o.exp);
    const x = this.mant << BigInt(this.exp - e);
    const y = o.mant << BigInt(o.exp - e);
    const sx = this.negative ? -x : x;
    const sy = o.negative ? -y : y;
    const sum = sx + sy;
    if (sum === 0n) return BigFloat.zero(false, prec);
    return BigFloat.fromParts(sum < 0n, sum < 0n ? -sum : sum, e, prec);
  }

  mulAt(o: BigFloat, prec: number): BigFloat {
    const neg = this.negative !== o.negative;
    if (this.form === Form.Inf || o.form === Form.Inf) {
      if (this.form === Form.Zero || o.form === Form.Zero) throw new NotANumber("zero times infinity");
      return new BigFloat(Form.Inf, neg, 0n, 0, prec);
    }
    if (this.form === Form.Zero || o.form === Form.Zero) return BigFloat.zero(neg, prec);
    return BigFloat.fromParts(neg, this.mant * o.mant, this.exp + o.exp, prec);
  }

  quoAt(o: BigFloat, prec: number): BigFloat {
    const neg = this.negative !== o.negative;
    if (this.form === Form.Inf || o.form === Form.Inf) {
      if (this.form === o.form) throw new NotANumber("infinity divided by infinity");
      return this.form === Form.Inf ? new BigFloat(Form.Inf, neg, 0n, 0, prec) : BigFloat.zero(neg, prec);
    }
    if (o.form === Form.Zero) {
      if (this.form === Form.Zero) throw new NotANumber("zero divided by zero");
      return new BigFloat(Form.Inf, neg, 0n, 0, prec);
    }
    if (this.form === Form.Zero) return BigFloat.zero(neg, prec);
    // quotient with at least prec+2 bits, then a sticky bit for a nonzero remainder
    const shift = Math.max(0, prec + 2 - (bitLength(this.mant) - bitLength(o.mant)) + 1);
    const num = this.mant << BigInt(shift);
    const q = num / o.mant;
    const r = num - q * o.mant;
    const withSticky = (q << 1n) | (r === 0n ? 0n : 1n);
    return BigFloat.fromParts(neg, withSticky, this.exp - o.exp - shift - 1, prec);
  }

  // ---- cty's operations (precision rules of go-cty's Value methods) ----

  /** cty Add: result at the larger of the operands' precisions. */
  plus(o: BigFloat): BigFloat {
    return this.addAt(o, Math.max(this.prec, o.prec));
  }
  minus(o: BigFloat): BigFloat {
    return this.addAt(o.negAt(o.prec), Math.max(this.prec, o.prec));
  }
  /** cty Multiply: rounded at 512 bits, then kept at the larger of the operands' precisions or what it needs. */
  times(o: BigFloat): BigFloat {
    const r = this.mulAt(o, PARSE_PREC);
    return r.withPrec(Math.max(this.prec, o.prec, r.minPrec()));
  }
  /** cty Divide. */
  dividedBy(o: BigFloat): BigFloat {
    return this.quoAt(o, Math.max(this.prec, o.prec));
  }
  /** cty Negate: the sign flips, also of zero. */
  negated(): BigFloat {
    return this.negAt(this.prec);
  }
  abs(): BigFloat {
    return this.absAt(this.prec);
  }
  /** cty Modulo: the remainder of truncated division, at the dividend's precision; `x % 0` is x. */
  mod(other: BigFloat | number): BigFloat {
    const o = bigFloatFrom(other);
    if (this.form === Form.Inf || o.form === Form.Inf) return this.times(o);
    if (o.form === Form.Zero) return this;
    const ratio = this.dividedBy(o);
    const whole = BigFloat.fromBigInt(ratio.truncToBigInt(), this.prec);
    const product = o.mulAt(whole, this.prec);
    return this.addAt(product.negAt(this.prec), this.prec);
  }

  // ---- integers ----

  /** Truncation toward zero (big.Float.Int); infinities are a caller bug. */
  truncToBigInt(): bigint {
    if (this.form === Form.Zero) return 0n;
    if (this.form === Form.Inf) throw new Error("bug: integer part of an infinity");
    const v = this.exp >= 0 ? this.mant << BigInt(this.exp) : this.mant >> BigInt(-this.exp);
    return this.negative ? -v : v;
  }

  /** Floor as a big.Int (cty's floor goes through big.Int). */
  floorToBigInt(): bigint {
    const t = this.truncToBigInt();
    return this.negative && !this.isInteger() ? t - 1n : t;
  }

  ceilToBigInt(): bigint {
    const t = this.truncToBigInt();
    return !this.negative && !this.isInteger() ? t + 1n : t;
  }

  /** big.Float.Int64 when exact (or truncated) and in range; undefined otherwise. */
  toSafeInteger(): number | undefined {
    if (!this.isInteger()) return undefined;
    const n = this.truncToBigInt();
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    return Number(n);
  }

  /** big.Float.Float64: nearest float64 (ties to even), ±Inf beyond range, -0 kept. */
  toNumber(): number {
    if (this.form === Form.Zero) return this.negative ? -0 : 0;
    if (this.form === Form.Inf) return this.negative ? -Infinity : Infinity;
    const top = bitLength(this.mant) + this.exp; // value in [2^(top-1), 2^top)
    let bits = 53;
    if (top - 1 < -1022) bits = 53 - (-1022 - (top - 1)); // subnormal: fewer mantissa bits
    let r: number;
    if (bits <= 0) {
      // below half the smallest subnormal, or exactly between zero and it
      const half = top - 1 === -1075 && bits === 0;
      r = half && bitLength(this.mant) > 1 ? Number.MIN_VALUE : 0;
    } else {
      const rounded = BigFloat.fromParts(false, this.mant, this.exp, bits);
      r = Number(rounded.mant) * pow2(rounded.exp);
    }
    return this.negative ? -r : r;
  }

  /** big.Float.Text('f', -1): how Terraform prints a number ("-0", "+Inf", no exponent). */
  toString(): string {
    if (this.form === Form.Inf) return this.negative ? "-Inf" : "+Inf";
    const d = this.shortestDigits();
    let out: string;
    if (d.digits === "") out = "0";
    else if (d.exp >= d.digits.length) out = d.digits + "0".repeat(d.exp - d.digits.length);
    else if (d.exp > 0) out = d.digits.slice(0, d.exp) + "." + d.digits.slice(d.exp);
    else out = "0." + "0".repeat(-d.exp) + d.digits;
    return this.negative ? "-" + out : out;
  }

  // ---- decimal digits for printing ----

  /** The exact decimal expansion: |x| = 0.digits × 10^exp, digits without trailing zeros ("" for zero). */
  exactDigits(): Digits {
    if (this.form !== Form.Finite) return { digits: "", exp: 0 };
    if (this.exp >= 0) return trimDigits((this.mant << BigInt(this.exp)).toString(), 0);
    // mant / 2^k = mant * 5^k / 10^k
    const k = -this.exp;
    const scaled = (this.mant * 5n ** BigInt(k)).toString();
    return trimDigits(scaled, -k);
  }

  /** The shortest digits that read back to this value at its precision (big.Float's roundShortest). */
  shortestDigits(): Digits {
    const d = this.exactDigits();
    if (d.digits === "") return d;
    // mantissa with prec+1 bits whose lsb is half an ulp
    let mant = this.mant;
    let exp = this.exp;
    const s = bitLength(mant) - (this.prec + 1);
    if (s < 0) {
      mant <<= BigInt(-s);
      exp += s;
    } else if (s > 0) {
      mant >>= BigInt(s);
      exp += s;
    }
    const lower = BigFloat.fromParts(false, mant - 1n, exp, Number.MAX_SAFE_INTEGER).exactDigits();
    const upper = BigFloat.fromParts(false, mant + 1n, exp, Number.MAX_SAFE_INTEGER).exactDigits();
    const inclusive = (mant & 2n) === 0n;
    // math/big compares the bounds' digits position by position, without aligning decimal points
    const at = (x: Digits, i: number): number => (i < x.digits.length ? x.digits.charCodeAt(i) - 48 : 0);
    for (let i = 0; i < d.digits.length; i++) {
      const m = d.digits.charCodeAt(i) - 48;
      const l = at(lower, i);
      const u = at(upper, i);
      const okdown = l !== m || (inclusive && i + 1 === lower.digits.length);
      const okup = m !== u && (inclusive || m + 1 < u || i + 1 < upper.digits.length);
      if (okdown && okup) return roundDigits(d, i + 1);
      if (okdown) return roundDigitsDown(d, i + 1);
      if (okup) return roundDigitsUp(d, i + 1);
    }
    return d;
  }
}

/** Decimal digits: |x| = 0.digits × 10^exp; digits has no trailing zeros, "" means zero. */
export interface Digits {
  readonly digits: string;
  readonly exp: number;
}

function trimDigits(s: string, pointFromRight: number): Digits {
  // s is an integer's digits, the value is s × 10^pointFromRight
  const exp = s.length + pointFromRight;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? { digits: "", exp: 0 } : { digits: s.slice(0, end), exp };
}

/** Go's decimal.round(n): to n digits, half to even. */
export function roundDigits(d: Digits, n: number): Digits {
  if (n < 0 || n >= d.digits.length) return d;
  const c = d.digits.charCodeAt(n);
  const up = c === 53 && n + 1 === d.digits.length ? n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1 : c >= 53;
  return up ? roundDigitsUp(d, n) : roundDigitsDown(d, n);
}

export function roundDigitsDown(d: Digits, n: number): Digits {
  if (n < 0 || n >= d.digits.length) return d;
  return trimKeep(d.digits.slice(0, n), d.exp);
}

export function roundDigitsUp(d: Digits, n: number): Digits {
  if (n < 0 || n >= d.digits.length) return d;
  let i = n;
  while (i > 0 && d.digits.charCodeAt(i - 1) === 57) i--;
  if (i === 0) return { digits: "1", exp: d.exp + 1 };
  return { digits: d.digits.slice(0, i - 1) + String.fromCharCode(d.digits.charCodeAt(i - 1) + 1), exp: d.exp };
}

function trimKeep(s: string, exp: number): Digits {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? { digits: "", exp: 0 } : { digits: s.slice(0, end), exp };
}

function pow2(e: number): number {
  // exact for the range a float64 mantissa times a power of two can reach
  if (e > 1023) return 2 ** 1023 * 2 ** (e - 1023);
  if (e < -1022) return 2 ** -1022 * 2 ** (e + 1022);
  return 2 ** e;
}

const pow5Cache = new Map<string, BigFloat>();

/** 5^n at `prec` bits as big.Float.pow5 computes it: exact to 5^27, then squaring at prec+64 bits. */
function pow5(n: number, prec: number): BigFloat {
  const key = `${n}/${prec}`;
  const hit = pow5Cache.get(key);
  if (hit !== undefined) return hit;
  let z: BigFloat;
  if (n <= 27) z = BigFloat.fromParts(false, 5n ** BigInt(n), 0, prec);
  else {
    z = BigFloat.fromParts(false, 5n ** 27n, 0, prec);
    let rest = n - 27;
    let f = BigFloat.fromParts(false, 5n, 0, prec + 64);
    while (rest > 0) {
      if (rest % 2 === 1) z = z.mulAt(f, prec);
      f = f.mulAt(f, prec + 64);
      rest = Math.floor(rest / 2);
    }
  }
  if (pow5Cache.size < 256) pow5Cache.set(key, z);
  return z;
}

const smallInts: BigFloat[] = [];
for (let i = -16; i <= 256; i++) smallInts.push(BigFloat.fromBigInt(BigInt(i)));

/**
 * go-cty's equality of two numbers (rawNumberEqual, used by both Equals and RawEquals): integers compare
 * exactly; other numbers are equal when they print the same (Text('f', -1), -0 as 0), because a number that
 * went through its decimal form (a state file, a plan) at another precision must still equal itself.
 */
export function numbersEqual(a: BigFloat, b: BigFloat): boolean {
  if (a.sign() !== b.sign()) return false;
  const ai = a.isInteger();
  if (ai !== b.isInteger()) return false;
  if (ai || !a.isFinite() || !b.isFinite()) return a.eq(b);
  return a.toString() === b.toString();
}

/** A number from a JS number (integers at cty.NumberIntVal's precision), text (parsed as cty parses) or itself. */
export function bigFloatFrom(n: number | string | BigFloat): BigFloat {
  if (n instanceof BigFloat) return n;
  if (typeof n === "number") {
    if (Number.isInteger(n) && n >= -16 && n <= 256 && !Object.is(n, -0)) return smallInts[n + 16]!;
    if (Number.isSafeInteger(n)) return BigFloat.fromBigInt(BigInt(n));
    return BigFloat.fromNumber(n);
  }
  const parsed = BigFloat.parse(n);
  if (parsed === undefined) throw new Error(`bug: not a number: ${JSON.stringify(n)}`);
  return parsed;
}
