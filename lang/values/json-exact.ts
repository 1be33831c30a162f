// The one lossless JSON reader, and Go-style JSON writers: the state file, plans and views must keep every
// digit of a number (Terraform's numbers are arbitrary-precision; 12345678901234567890 must not come back as
// 12345678901234567000):
// - parseJsonExact / parseJsonExactBytes: JSON.parse when every number would print back as written (the
//   common, fast case), otherwise the one JSON reader (json-reader.ts), with such numbers kept as
//   LosslessNumber (source text); a malformed document is always described in Go's wording, by that reader;
// - canonicalJson: compact text with object keys in Go's (byte) order, as cty and Terraform write them;
// - indentLikeGo: Go's json.MarshalIndent layout with two spaces, HTML characters escaped as \u003c etc.,
//   so Cairn's files look like Terraform's.
// All three are iterative: nesting depth never grows the call stack.

import { readJson, type JsonSink } from "./json-reader.js";
// Go's string order (UTF-8 bytes, i.e. code points): the one ordering of lang/values/compare.ts.
import { compareStrings as compareGoStrings } from "./compare.js";

export { compareGoStrings };

/** A number that a JavaScript double cannot hold exactly; `text` is its JSON source text. */
export class LosslessNumber {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

export type JsonValue = null | boolean | number | string | LosslessNumber | JsonValue[] | { [key: string]: JsonValue };

export type JsonParseResult = { ok: true; value: JsonValue } | { ok: false; message: string };

/** Go's encoding/json nesting limit, which is also Terraform's for a state file. */
export const MAX_JSON_DEPTH = 10_000;

type JsonObjectValue = { [key: string]: JsonValue };

const exactSink: JsonSink<JsonValue, JsonObjectValue, JsonValue[]> = {
  null: null,
  true: true,
  false: false,
  string: (s) => s,
  number: (text) => (isLossy(text) ? new LosslessNumber(text) : Number(text)),
  openObject: () => ({}),
  member: setOwn,
  closeObject: (o) => o,
  openArray: () => [],
  element: (a, v) => void a.push(v),
  closeArray: (a) => a,
};

export function parseJsonExact(text: string): JsonParseResult {
  if (!hasLossyNumber(text)) {
    try {
      return { ok: true, value: JSON.parse(text) as JsonValue };
    } catch {
      // The reader below says what is wrong, in the one wording.
    }
  }
  return parseJsonExactBytes(Buffer.from(text, "utf8"));
}

/**
 * parseJsonExact for bytes that need not fit one JavaScript string: a Buffer, followed by whatever `next`
 * returns until it returns undefined (a file read in pieces).
 */
export function parseJsonExactBytes(first: Buffer, next?: () => Buffer | undefined): JsonParseResult {
  const r = readJson(first, exactSink, { maxDepth: MAX_JSON_DEPTH, next });
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

/** Where a string or a number token may start; whatever lies between (punctuation, space) is skipped natively. */
const TOKEN_START = /["\-0-9]/g;
const NUMBER_TOKEN = /[-+.eE0-9]+/y;

/**
 * Text that may hold a lossy number token: a number (after the start, `:`, `,` or `[`, and any space) with a
 * fraction, an exponent or 16 digits or more, or a negative zero. One native pass; most states have none
 * (a UUID's "50e0" follows a letter or a dash, so it does not count), and then no token is read at all.
 * In JSON every number follows one of those (JSON.parse rejects anything else, and the reader then decides),
 * so the pass tries a match only at that punctuation, not at every space of an indented file's layout
 * (about a quarter faster on a state file written with indentation).
 */
const MAYBE_LOSSY = /(?:^|[:,[])\s*(?:-?\d+(?:[.eE]|\d{15})|-0(?![.\deE]))/;

/** True when the text holds a number token that JSON.parse would round (checked outside strings only). */
/** Whether the text has a number (outside strings) that `lossy` picks out, isLossy by default. */
export function hasLossyNumber(text: string, lossy: (token: string) => boolean = isLossy): boolean {
  if (!MAYBE_LOSSY.test(text)) return false;
  TOKEN_START.lastIndex = 0;
  for (let m = TOKEN_START.exec(text); m !== null; m = TOKEN_START.exec(text)) {
    const i = m.index;
    if (text.charCodeAt(i) === 0x22) {
      // Skip a string: jump from quote to quote (most of a state file's text is strings), and past a quote
      // preceded by an odd number of backslashes.
      let q = i;
      for (;;) {
        q = text.indexOf('"', q + 1);
        if (q < 0) return false;
        let b = q - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((q - 1 - b) % 2 === 0) break;
      }
      TOKEN_START.lastIndex = q + 1;
    } else {
      NUMBER_TOKEN.lastIndex = i;
      const token = NUMBER_TOKEN.exec(text)![0];
      if (lossy(token)) return true;
      TOKEN_START.lastIndex = i + token.length;
    }
  }
  return false;
}

/** An integer of up to 15 digits as JSON writes it: a double holds it, and every reader makes the same number. */
export function isSmallInteger(token: string): boolean {
  return /^-?[1-9]\d{0,14}$|^0$/.test(token);
}

// "Lossy" here means JSON.parse + JSON.stringify would not give the same text back: a rounded big number,
// but also 1.0, 1e5 or 123456789012345678901234 (printed 1.2345678901234568e+23). Keeping those as their
// source text makes the file round-trip byte for byte, as Terraform's exact numbers do.
export function isLossy(token: string): boolean {
  if (isSmallInteger(token)) return false;
  return String(Number(token)) !== token;
}

/** Compact JSON with object keys sorted in Go's order; LosslessNumbers are written as their text;
 * undefined object properties are omitted. */
export function canonicalJson(value: JsonValue): string {
  return canonicalText(value, 0);
}

/**
 * Nesting written by recursion; a value nested deeper than this is written by the work-stack loop
 * (canonicalJsonDeep), which no nesting can overflow. Recursion with string concatenation makes a few
 * objects per value where the loop makes a work item per value and per piece of punctuation: an apply's
 * journal and history write every planned and new object through here.
 */
const RECURSION_LIMIT = 200;

function canonicalText(v: JsonValue, depth: number): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "";
  if (v instanceof LosslessNumber) return v.text;
  if (depth >= RECURSION_LIMIT) return canonicalJsonDeep(v);
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) s += (i === 0 ? "" : ",") + canonicalText(v[i]!, depth + 1);
    return s + "]";
  }
  const keys = keysInGoOrder(v);
  let s = "{";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    s += (i === 0 ? "" : ",") + JSON.stringify(k) + ":" + canonicalText(v[k]!, depth + 1);
  }
  return s + "}";
}

/**
 * An object's defined keys in Go's order. Records and attribute objects have a handful of keys, often in
 * order already: those are put in order in place (Array.prototype.sort copies the array to sort it).
 */
function keysInGoOrder(o: { readonly [k: string]: JsonValue | undefined }): string[] {
  let keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    if (o[keys[i]!] === undefined) {
      keys = keys.filter((k) => o[k] !== undefined);
      break;
    }
  }
  if (keys.length > 16) return keys.sort(compareGoStrings);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && compareGoStrings(keys[j]!, k) > 0) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** canonicalJson with a work stack instead of recursion, for values nested deeper than RECURSION_LIMIT. */
function canonicalJsonDeep(value: JsonValue): string {
  const out: string[] = [];
  // A work item is either a value to write or a literal piece of punctuation.
  const work: (JsonValue | Punct)[] = [value];
  while (work.length > 0) {
    const v = work.pop()!;
    if (v === null || typeof v !== "object") {
      out.push(JSON.stringify(v));
    } else if (v instanceof LosslessNumber) {
      out.push(v.text);
    } else if (v instanceof Punct) {
      out.push(v.text);
    } else if (Array.isArray(v)) {
      out.push("[");
      work.push(new Punct("]"));
      for (let k = v.length - 1; k >= 0; k--) {
        work.push(v[k]);
        if (k > 0) work.push(new Punct(","));
      }
    } else {
      out.push("{");
      work.push(new Punct("}"));
      // Like JSON.stringify, an undefined property is left out (optional fields of typed records).
      const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(compareGoStrings);
      for (let k = keys.length - 1; k >= 0; k--) {
        work.push(v[keys[k]]);
        work.push(new Punct((k > 0 ? "," : "") + JSON.stringify(keys[k]) + ":"));
      }
    }
  }
  return out.join("");
}

/** Punctuation queued between values on canonicalJson's work stack. */
class Punct {
  constructor(readonly text: string) {}
}

/** Re-lays out compact (or any valid) JSON text as Go's json.MarshalIndent(v, "", "  ") does. */
export function indentLikeGo(compact: string): string {
  const ind = new GoIndenter();
  return ind.push(compact) + ind.end();
}

/**
 * indentLikeGo as a stream: push() compact JSON in pieces and get each piece's indented text back, so a state
 * of any size is laid out without ever holding it as one string. A piece may end anywhere except inside a
 * string token; the concatenated output equals indentLikeGo of the concatenated input.
 */
export class GoIndenter {
  /** The nesting depth reached so far (a complete value pushed in between leaves it unchanged). */
  depth = 0;
  /** The previous piece ended with "{" or "[": whether the container is empty is decided by the next piece. */
  private pendingOpen = false;

  push(compact: string): string {
    const out: string[] = [];
    const n = compact.length;
    let i = 0;
    if (this.pendingOpen) {
      while (i < n && isSpace(compact.charCodeAt(i))) i++;
      if (i === n) return "";
      this.pendingOpen = false;
      const c = compact[i];
      if (c === "}" || c === "]") {
        out.push(c);
        i++;
      } else {
        this.depth++;
        out.push(newline(this.depth));
      }
    }
    let run = i; // start of the pending run of characters copied verbatim
    while (i < n) {
      const c = compact[i];
      if (c === '"') {
        // Copy the string, escaping what Go's encoder escapes for HTML safety.
        out.push(compact.slice(run, i));
        const j = stringEnd(compact, i);
        out.push(escapeHtml(compact.slice(i, j + 1)));
        i = j + 1;
        run = i;
        continue;
      }
      if (c === " " || c === "\n" || c === "\t" || c === "\r") {
        out.push(compact.slice(run, i));
        i++;
        run = i;
        continue;
      }
      if (c === "{" || c === "[") {
        out.push(compact.slice(run, i + 1));
        // Empty containers stay on one line.
        let j = i + 1;
        while (j < n && isSpace(compact.charCodeAt(j))) j++;
        if (j === n) {
          this.pendingOpen = true;
          i = n;
        } else if (compact[j] === "}" || compact[j] === "]") {
          out.push(compact[j]);
          i = j + 1;
        } else {
          this.depth++;
          out.push(newline(this.depth));
          i++;
        }
        run = i;
        continue;
      }
      if (c === "}" || c === "]") {
        out.push(compact.slice(run, i));
        this.depth--;
        out.push(newline(this.depth), c);
        i++;
        run = i;
        continue;
      }
      if (c === ",") {
        out.push(compact.slice(run, i), ",", newline(this.depth));
        i++;
        run = i;
        continue;
      }
      if (c === ":") {
        out.push(compact.slice(run, i), ": ");
        i++;
        run = i;
        continue;
      }
      i++;
    }
    out.push(compact.slice(run));
    return out.join("");
  }

  /** What is still owed at the end of the input (only for a document that ends in an open bracket). */
  end(): string {
    if (!this.pendingOpen) return "";
    this.pendingOpen = false;
    this.depth++;
    return newline(this.depth);
  }
}

const newline = (d: number): string => "\n" + "  ".repeat(d);

/**
 * indentLikeGo(canonicalJson(value)) written directly, for a value placed at nesting `depth`: no compact
 * intermediate text and no second scan, which matters for attribute strings of hundreds of KiB. `memo`
 * remembers the escaped text of the last few large strings (terraform_data holds its input twice, and many
 * instances often hold the same payload).
 */
export function goIndentedJson(value: JsonValue, depth: number, memo?: StringMemo): string {
  const out: string[] = [];
  const work: (JsonValue | Punct)[] = [value];
  const depths: number[] = [depth];
  while (work.length > 0) {
    const v = work.pop()!;
    const d = depths.pop()!;
    if (typeof v === "string") {
      out.push(memo && v.length >= StringMemo.MIN ? memo.escaped(v) : escapeHtml(JSON.stringify(v)));
    } else if (v === null || typeof v !== "object") {
      out.push(JSON.stringify(v));
    } else if (v instanceof LosslessNumber) {
      out.push(v.text);
    } else if (v instanceof Punct) {
      out.push(v.text);
    } else if (Array.isArray(v)) {
      if (v.length === 0) {
        out.push("[]");
        continue;
      }
      out.push("[" + newline(d + 1));
      work.push(new Punct(newline(d) + "]"));
      depths.push(d);
      for (let k = v.length - 1; k >= 0; k--) {
        work.push(v[k]);
        depths.push(d + 1);
        if (k > 0) {
          work.push(new Punct("," + newline(d + 1)));
          depths.push(d);
        }
      }
    } else {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(compareGoStrings);
      if (keys.length === 0) {
        out.push("{}");
        continue;
      }
      out.push("{" + newline(d + 1));
      work.push(new Punct(newline(d) + "}"));
      depths.push(d);
      for (let k = keys.length - 1; k >= 0; k--) {
        work.push(v[keys[k]]);
        depths.push(d + 1);
        work.push(new Punct((k > 0 ? "," + newline(d + 1) : "") + escapeHtml(JSON.stringify(keys[k])) + ": "));
        depths.push(d);
      }
    }
  }
  return out.join("");
}

/** The JSON text (HTML-escaped as Go writes it) of the last few large strings seen. */
export class StringMemo {
  static readonly MIN = 4096;
  private readonly recent: { s: string; text: string }[] = [];

  escaped(s: string): string {
    for (const e of this.recent) if (e.s === s) return e.text;
    const text = escapeHtml(JSON.stringify(s));
    this.recent.unshift({ s, text });
    if (this.recent.length > 4) this.recent.pop();
    return text;
  }
}
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** The index of the quote closing the string that opens at `i` (or past the end when unterminated). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0) return text.length;
    let b = j - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((j - 1 - b) % 2 === 0) return j;
    j++;
  }
}

function escapeHtml(s: string): string {
  return /[<>&\u2028\u2029]/.test(s)
    ? s.replace(/[<>&\u2028\u2029]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"))
    : s;
}

/** A deep copy (iterative); LosslessNumbers are immutable and shared. */
export function cloneJson(value: JsonValue): JsonValue {
  if (value === null || typeof value !== "object" || value instanceof LosslessNumber) return value;
  const root: JsonValue = Array.isArray(value) ? [] : {};
  const work: [JsonValue, JsonValue][] = [[value, root]];
  while (work.length > 0) {
    const [from, to] = work.pop()! as [{ [k: string]: JsonValue }, { [k: string]: JsonValue }];
    for (const key of Object.keys(from)) {
      const v = from[key];
      if (v === null || typeof v !== "object" || v instanceof LosslessNumber) {
        setOwn(to, key, v);
      } else {
        const child: JsonValue = Array.isArray(v) ? [] : {};
        setOwn(to, key, child);
        work.push([v, child]);
      }
    }
  }
  return root;
}

/** obj[key] = v, except that a key "__proto__" (valid JSON) becomes an own property instead of a prototype. */
export function setOwn<T>(obj: { [key: string]: T }, key: string, v: T): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}
