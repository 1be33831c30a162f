// A 64-bit protobuf field's value from whatever an object holds, exactly as protobufjs's fromObject reads it
// (long.js's `Long.fromValue(value, unsigned)`), for the values proto-codec.ts does not convert itself
// (anything but a safe integer; Cairn sends only those). Here so that the codec needs nothing of protobufjs
// when it runs.

const two64 = 1n << 64n;
const two63 = 2 ** 63;

/** The value's 64 bits, as an unsigned bigint, for an int64 field or (`unsigned`) a uint64 one. */
export function longBits(x: unknown, unsigned: boolean): bigint {
  if (typeof x === "number") return unsigned ? fromNumberUnsigned(x) : fromNumber(x);
  if (typeof x === "string") return fromString(x);
  if (typeof x === "bigint") return BigInt.asUintN(64, x);
  // Anything else is read as a Long's halves; null and undefined throw, as they do there.
  const { low, high } = x as { low: unknown; high: unknown };
  return (BigInt((high as number) | 0) << 32n) | BigInt(((low as number) | 0) >>> 0);
}

/** NaN is 0, the rest truncates toward zero and saturates at the unsigned range's ends. */
function fromNumberUnsigned(x: number): bigint {
  if (Number.isNaN(x) || x < 0) return 0n;
  if (x >= 2 ** 64) return two64 - 1n;
  return BigInt(Math.trunc(x));
}

/** NaN is 0, the rest truncates toward zero and saturates at the signed range's ends. */
function fromNumber(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x <= -two63) return 1n << 63n;
  if (x + 1 >= two63) return (1n << 63n) - 1n;
  return BigInt.asUintN(64, BigInt(Math.trunc(x)));
}

/**
 * Decimal text, read as long.js reads it (the same bits signed or not): eight characters at a time by parseInt (which stops at the first
 * character that is not a digit, and reads a chunk without one as 0), wrapping around 64 bits; a leading
 * hyphen negates, another one is refused, as is the empty string.
 */
function fromString(s: string): bigint {
  if (s.length === 0) throw new Error("empty string");
  if (s === "NaN" || s === "Infinity" || s === "+Infinity" || s === "-Infinity") return 0n;
  const hyphen = s.indexOf("-");
  if (hyphen > 0) throw new Error("interior hyphen");
  if (hyphen === 0) return BigInt.asUintN(64, -fromString(s.substring(1)));
  let result = 0n;
  for (let i = 0; i < s.length; i += 8) {
    const size = Math.min(8, s.length - i);
    result = (result * 10n ** BigInt(size) + fromNumber(parseInt(s.substring(i, i + size), 10))) % two64;
  }
  return result;
}
