// Go's math.Pow, step for step, so pow() agrees with Terraform to the last bit (V8's Math.pow rounds
// differently for integer exponents, which Go computes by repeated squaring of the mantissa).

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x) || Number.isNaN(x)) return [x, 0];
  let e = 0;
  let f = Math.abs(x);
  if (f < 2.2250738585072014e-308) {
    f *= 2 ** 52;
    e = -52;
  }
  const exp = Math.floor(Math.log2(f));
  let m = f / 2 ** exp;
  let ex = exp;
  // normalise into [0.5, 1), guarding against log2 rounding at the edges
  while (m >= 2) {
    m /= 2;
    ex++;
  }
  while (m < 1) {
    m *= 2;
    ex--;
  }
  return [Math.sign(x) * (m / 2), e + ex + 1];
}

function ldexp(frac: number, exp: number): number {
  // apply the power of two in steps that stay exact (and round once, at the end, like Go for subnormals)
  let x = frac;
  let e = exp;
  while (e > 1023) {
    x *= 2 ** 1023;
    e -= 1023;
  }
  while (e < -1022) {
    if (e - -1022 < -60) {
      x *= 2 ** -60;
      e += 60;
    } else {
      x *= 2 ** (e + 1022);
      e = -1022;
    }
  }
  return x * 2 ** e;
}

function isOddInt(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
}

export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return Object.is(x, -0) && isOddInt(y) ? -Infinity : Infinity;
    return Object.is(x, -0) && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  const ay = Math.abs(y);
  let yi = Math.trunc(ay);
  let yf = ay - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1.0;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}
