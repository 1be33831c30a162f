// Kubernetes resource quantities ("500m", "2Gi", "1.5", "100M", "1e3").
// Parsed to a double of base units (bytes, cores, pods): exact for every integer byte count below 2^53 (8 PiB).
// Cpu is compared in integer milli-cores (parseMilli) so that "100m" * 10 equals "1" exactly.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export class QuantityError extends Error {}

/** The value of a quantity in base units (cores, bytes, pods) as a double. Throws QuantityError if malformed. */
export function parseQuantity(input: string | number): number {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return input;
  }
  const s = input.trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const sign = m[1] === "-" ? -1 : 1;
  const num = Number(m[2]);
  let factor = 1;
  if (m[3] !== undefined) factor = BINARY[m[3]] ?? DECIMAL[m[3]] ?? 1;
  else if (m[4] !== undefined) factor = 10 ** Number(m[4]);
  return sign * num * factor;
}

/** Milli-units, rounded up as Kubernetes does for cpu ("0.0001" cpu counts as 1m). */
export function parseMilli(input: string | number): number {
  return Math.ceil(Math.round(parseQuantity(input) * 1e6) / 1e3);
}

export function isValidQuantity(input: unknown): boolean {
  if (typeof input !== "string" && typeof input !== "number") return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

/** Canonical cpu form: whole cores as "2", otherwise milli-cores "1500m". */
export function formatCpu(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  return `${Math.round(milli)}m`;
}

/** Canonical byte form with the largest binary suffix that divides exactly ("2Gi", "1536Mi"), else decimal. */
export function formatBytes(bytes: number): string {
  const b = Math.round(bytes);
  if (b === 0) return "0";
  for (const suf of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const f = BINARY[suf]!;
    if (b % f === 0) return `${b / f}${suf}`;
  }
  for (const suf of ["E", "P", "T", "G", "M", "k"]) {
    const f = DECIMAL[suf]!;
    if (b % f === 0) return `${b / f}${suf}`;
  }
  return String(b);
}

/** Human display with one decimal ("1.5Gi"), used by status views, not round-tripped. */
export function humanBytes(bytes: number): string {
  for (const suf of ["Ti", "Gi", "Mi", "Ki"]) {
    const f = BINARY[suf]!;
    if (Math.abs(bytes) >= f) {
      const v = bytes / f;
      return `${Number.isInteger(v) ? v : v.toFixed(1)}${suf}`;
    }
  }
  return String(Math.round(bytes));
}

const DECIMAL_SUFFIXES: readonly [number, string][] = [[18, "E"], [15, "P"], [12, "T"], [9, "G"], [6, "M"], [3, "k"], [0, ""], [-3, "m"]];

/**
 * A quantity in Kubernetes' canonical form (what `Quantity.String()` prints after arithmetic), in the format of
 * `like` (the quantity it was parsed from or summed with): binary ("1536Mi") when that one used a binary
 * suffix, otherwise decimal with the largest exact SI suffix ("500m", "2", "100M"), at milli precision.
 */
export function canonicalQuantity(value: number, like: string | number = ""): string {
  if (typeof like === "string" && /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(like.trim()) && Number.isInteger(value)) return formatBytes(value);
  const milli = Math.ceil(Math.round(value * 1e6) / 1e3);
  if (milli === 0) return "0";
  const abs = Math.abs(milli);
  for (const [exp, suffix] of DECIMAL_SUFFIXES) {
    const unit = 10 ** (exp + 3);
    if (abs % unit === 0) return `${milli / unit}${suffix}`;
  }
  return `${milli}m`;
}
