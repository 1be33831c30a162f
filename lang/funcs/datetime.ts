// Date and time functions: formatdate, timeadd, timecmp, timestamp (impure), plantimestamp. Timestamps
// are RFC 3339 strings; a parsed time keeps its own UTC offset because formatdate and timeadd print in it.

import { NumberType, StringType } from "../values/types.js";
import { numberVal, stringVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, goQuote, param, staticSpec } from "./helpers.js";
import { parseGoDuration } from "../duration.js";

interface Time {
  /** Nanoseconds since the Unix epoch (UTC). */
  readonly nanos: bigint;
  /** Offset from UTC in minutes. */
  readonly offset: number;
}

class TimeError extends Error {}

const rfc3339Elements: readonly [string, string, RegExp][] = [
  ["2006", "year", /^\d{4}/],
  ["-", "", /^-/],
  ["01", "month", /^\d{2}/],
  ["-", "", /^-/],
  ["02", "day of month", /^\d{2}/],
  ["T", "", /^T/],
  ["15", "hour", /^\d{2}/],
  [":", "", /^:/],
  ["04", "minute", /^\d{2}/],
  [":", "", /^:/],
  ["05", "second", /^\d{2}(\.\d+)?/],
  ["Z07:00", "UTC offset", /^(Z|[+-]\d{2}:\d{2})/],
];

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** time.Parse(time.RFC3339, s) with go-cty's wording of each failure. */
export function parseTimestamp(s: string): Time {
  let rest = s;
  const parts: string[] = [];
  for (const [layout, what, re] of rfc3339Elements) {
    const m = re.exec(rest);
    if (!m) {
      if (layout === "T") throw new TimeError("not a valid RFC3339 timestamp: missing required time introducer 'T'");
      if (layout === ":" || layout === "-") {
        if (rest === "") throw new TimeError(`not a valid RFC3339 timestamp: end of string where ${goQuote(layout)} is expected`);
        throw new TimeError(`not a valid RFC3339 timestamp: found ${goQuote(rest)} where ${goQuote(layout)} is expected`);
      }
      if (rest === "") throw new TimeError(`not a valid RFC3339 timestamp: end of string before ${what}`);
      throw new TimeError(`not a valid RFC3339 timestamp: cannot use ${goQuote(rest)} as ${what}`);
    }
    parts.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  if (rest !== "") throw new TimeError(`not a valid RFC3339 timestamp: extra text: ${goQuote(rest)}`);
  const year = Number(parts[0]);
  const month = Number(parts[2]);
  const day = Number(parts[4]);
  const hour = Number(parts[6]);
  const minute = Number(parts[8]);
  const [secText, fracText = ""] = parts[10]!.split(".");
  const second = Number(secText);
  if (month < 1 || month > 12) throw new TimeError("not a valid RFC3339 timestamp: month out of range");
  if (day < 1 || day > daysInMonth(year, month)) throw new TimeError("not a valid RFC3339 timestamp: day out of range");
  if (hour > 23) throw new TimeError("not a valid RFC3339 timestamp: hour out of range");
  if (minute > 59) throw new TimeError("not a valid RFC3339 timestamp: minute out of range");
  if (second > 59) throw new TimeError("not a valid RFC3339 timestamp: second out of range");
  const zone = parts[11]!;
  const offset = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offset) >= 24 * 60) throw new TimeError("not a valid RFC3339 timestamp: time zone offset hour out of range");
  const localMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const dateForYear = new Date(localMs);
  dateForYear.setUTCFullYear(year);
  const fracNanos = BigInt((fracText + "000000000").slice(0, 9));
  const nanos = BigInt(dateForYear.getTime() - offset * 60_000) * 1_000_000n + fracNanos;
  return { nanos, offset };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsOf(t: Time): Fields {
  const localMs = Number((t.nanos - (((t.nanos % 1_000_000n) + 1_000_000n) % 1_000_000n)) / 1_000_000n) + t.offset * 60_000;
  const d = new Date(localMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

function zoneText(offset: number, colon: boolean, zForUTC: boolean): string {
  if (offset === 0 && zForUTC) return "Z";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  return `${sign}${pad2(Math.floor(a / 60))}${colon ? ":" : ""}${pad2(a % 60)}`;
}

/** Go's time.Format(time.RFC3339): seconds precision, "Z" for UTC. */
export function formatRFC3339(t: Time): string {
  const f = fieldsOf(t);
  const y = String(f.year).padStart(4, "0");
  return `${y}-${pad2(f.month)}-${pad2(f.day)}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${zoneText(t.offset, true, true)}`;
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function tokenize(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  const isVerb = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === "'") {
      if (spec[i + 1] === "'") {
        out.push("''");
        i += 2;
        continue;
      }
      let j = i + 1;
      for (; j < spec.length; j++) {
        if (spec[j] === "'") {
          if (spec[j + 1] === "'") {
            j++;
            continue;
          }
          break;
        }
      }
      out.push(spec.slice(i, Math.min(j + 1, spec.length)));
      i = j + 1;
    } else if (isVerb(c)) {
      let j = i + 1;
      while (spec[j] === c) j++;
      out.push(spec.slice(i, j));
      i = j;
    } else {
      let j = i + 1;
      while (j < spec.length && spec[j] !== "'" && !isVerb(spec[j])) j++;
      out.push(spec.slice(i, j));
      i = j;
    }
  }
  return out;
}

function formatDate(spec: string, t: Time): string {
  const f = fieldsOf(t);
  let out = "";
  const bad = (tok: string, why: string): never => argError(0, `invalid date format verb ${goQuote(tok)}: ${why}`);
  for (const tok of tokenize(spec)) {
    const c = tok[0]!;
    if (c === "'") {
      if (tok.length === 1 || !tok.endsWith("'")) argError(0, "unterminated literal '");
      out += tok.length === 2 ? "'" : tok.slice(1, -1).replace(/''/g, "'");
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += tok;
      continue;
    }
    const n = tok.length;
    switch (c) {
      case "Y":
        if (n === 2) out += pad2(f.year % 100);
        else if (n === 4) out += String(f.year).padStart(4, "0");
        else bad(tok, 'year must either be "YY" or "YYYY"');
        break;
      case "M":
        if (n === 1) out += String(f.month);
        else if (n === 2) out += pad2(f.month);
        else if (n === 3) out += monthNames[f.month - 1]!.slice(0, 3);
        else if (n === 4) out += monthNames[f.month - 1]!;
        else bad(tok, 'month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case "D":
        if (n === 1) out += String(f.day);
        else if (n === 2) out += pad2(f.day);
        else bad(tok, 'day of month must either be "D" or "DD"');
        break;
      case "E":
        if (n === 3) out += dayNames[f.weekday]!.slice(0, 3);
        else if (n === 4) out += dayNames[f.weekday]!;
        else bad(tok, 'day of week must either be "EEE" or "EEEE"');
        break;
      case "h":
        if (n === 1) out += String(f.hour);
        else if (n === 2) out += pad2(f.hour);
        else bad(tok, '24-hour must either be "h" or "hh"');
        break;
      case "H": {
        const h = f.hour % 12 === 0 ? 12 : f.hour % 12;
        if (n === 1) out += String(h);
        else if (n === 2) out += pad2(h);
        else bad(tok, '12-hour must either be "H" or "HH"');
        break;
      }
      case "A":
      case "a": {
        if (n !== 2) bad(tok, `must be "${c}${c}"`);
        const pm = f.hour >= 12;
        out += c === "A" ? (pm ? "PM" : "AM") : pm ? "pm" : "am";
        break;
      }
      case "m":
        if (n === 1) out += String(f.minute);
        else if (n === 2) out += pad2(f.minute);
        else bad(tok, 'minute must either be "m" or "mm"');
        break;
      case "s":
        if (n === 1) out += String(f.second);
        else if (n === 2) out += pad2(f.second);
        else bad(tok, 'second must either be "s" or "ss"');
        break;
      case "Z":
        if (n === 1) out += zoneText(t.offset, true, true);
        else if (n === 3) out += t.offset === 0 ? "UTC" : zoneText(t.offset, false, false);
        else if (n === 4) out += zoneText(t.offset, false, false);
        else if (n === 5) out += zoneText(t.offset, true, false);
        else bad(tok, "timezone must be Z, ZZZZ, or ZZZZZ");
        break;
      default:
        argError(0, `invalid date format verb ${goQuote(tok)}`);
    }
  }
  return out;
}

/** Go's time.ParseDuration with Go's error messages. */
export function parseDuration(s: string): bigint {
  const r = parseGoDuration(s);
  if (r.ok) return r.nanos;
  const quoted = goQuote(s);
  if (r.problem === "missing-unit") throw new TimeError(`time: missing unit in duration ${quoted}`);
  if (r.problem === "unknown-unit") throw new TimeError(`time: unknown unit ${goQuote(r.unit)} in duration ${quoted}`);
  throw new TimeError(`time: invalid duration ${quoted}`);
}

function parseOr(s: string, argIndex: number | undefined): Time {
  try {
    return parseTimestamp(s);
  } catch (e) {
    if (e instanceof TimeError) return argIndex === undefined ? callError(e.message) : argError(argIndex, e.message);
    throw e;
  }
}

const formatdate = staticSpec([param("format", StringType), param("time", StringType)], StringType, (a) =>
  stringVal(formatDate(a[0]!.asString(), parseOr(a[1]!.asString(), 1))),
);

const timeadd = staticSpec([param("timestamp", StringType), param("duration", StringType)], StringType, (a) => {
  const t = parseOr(a[0]!.asString(), undefined);
  let d: bigint;
  try {
    d = parseDuration(a[1]!.asString());
  } catch (e) {
    return callError((e as Error).message);
  }
  return stringVal(formatRFC3339({ nanos: t.nanos + d, offset: t.offset }));
});

const timecmp = staticSpec([param("timestamp_a", StringType), param("timestamp_b", StringType)], NumberType, (a) => {
  const x = parseOr(a[0]!.asString(), 0);
  const y = parseOr(a[1]!.asString(), 1);
  return numberVal(x.nanos === y.nanos ? 0 : x.nanos < y.nanos ? -1 : 1);
});

function fromDate(d: Date): Time {
  return { nanos: BigInt(d.getTime()) * 1_000_000n, offset: 0 };
}

export function datetimeFunctions(planTimestamp: Date | undefined): ReadonlyMap<string, FunctionSpec> {
  return new Map<string, FunctionSpec>([
    ["formatdate", formatdate],
    ["timeadd", timeadd],
    ["timecmp", timecmp],
    ["timestamp", { params: [], impure: true, returnType: () => StringType, impl: () => stringVal(formatRFC3339(fromDate(new Date()))) }],
    [
      "plantimestamp",
      {
        params: [],
        returnType: () => StringType,
        // Without a plan time (validation) the result is unknown, as Terraform's is.
        impl: () => (planTimestamp ? stringVal(formatRFC3339(fromDate(planTimestamp))) : unknownVal(StringType)),
      },
    ],
  ]);
}
