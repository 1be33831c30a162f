// Go's time.ParseDuration, the one duration parser in Cairn: -lock-timeout, provider `timeouts` blocks and
// the timeadd function all read durations the way Terraform (Go) does: a sequence of decimal numbers with
// units ("300ms", "1.5h", "2h45m", "500us", "1µs"), optionally signed; "0" alone needs no unit.

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n, // U+00B5
  "μs": 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_NANOS = 9223372036854775807n; // Go's Duration is an int64 of nanoseconds

export type DurationParse =
  | { readonly ok: true; readonly nanos: bigint }
  | { readonly ok: false; readonly problem: "invalid" | "missing-unit" } 
  | { readonly ok: false; readonly problem: "unknown-unit"; readonly unit: string };

/** Exact to the nanosecond, as Go parses it. */
export function parseGoDuration(text: string): DurationParse {
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, nanos: 0n };
  if (rest === "") return { ok: false, problem: "invalid" };
  let total = 0n;
  while (rest !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (m[0] === "" || m[0] === ".") return { ok: false, problem: "invalid" };
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]+/.exec(rest);
    if (!u) return { ok: false, problem: "missing-unit" };
    const unit = UNIT_NANOS[u[0]];
    if (unit === undefined) return { ok: false, problem: "unknown-unit", unit: u[0] };
    rest = rest.slice(u[0].length);
    const fracDigits = m[2] ?? "";
    const frac = fracDigits === "" ? 0n : (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    total += BigInt(m[1] || "0") * unit + frac;
    if (total > MAX_NANOS) return { ok: false, problem: "invalid" };
  }
  return { ok: true, nanos: negative ? -total : total };
}

/** A duration in (fractional) milliseconds, for timers; undefined when `text` is not a Go duration. */
export function durationMilliseconds(text: string): number | undefined {
  const r = parseGoDuration(text);
  return r.ok ? Number(r.nanos) / 1e6 : undefined;
}
