// cty's set semantics: elements are unique by Equals (two unknowns are never the same element), carry no
// marks of their own (marks move to the set), and iterate in a canonical order: known values first (strings
// in byte order, numbers ascending, false before true, other types by their hash text), then unknowns, then
// null; ties keep their insertion order.

import { compareStrings } from "./compare.js";
import { BigFloat } from "./bigfloat.js";
import { valuesEqual } from "./equals.js";
import { formatNumberG10 } from "./numfmt.js";
import { DynamicPseudoType, setOf, typeEquals, type Type } from "./types.js";
import { NULL, UNKNOWN, Value, setValEmpty, type Marks } from "./value.js";

export { setValEmpty };

/** A set of these elements (which must share one type, dynamic-typed unknowns aside). Needs >= 1 element. */
export function setVal(elems: readonly Value[]): Value {
  if (elems.length === 0) throw new Error("bug: setVal needs at least one element; use setValEmpty");
  let ety: Type = DynamicPseudoType;
  const marks = new Set<string>();
  const plain: Value[] = [];
  for (const e of elems) {
    const [u, m] = e.unmarkDeep();
    for (const x of m) marks.add(x);
    if (ety.kind === "dynamic") ety = u.type;
    else if (u.type.kind !== "dynamic" && !typeEquals(ety, u.type)) {
      throw new Error("bug: inconsistent set element types");
    }
    plain.push(u);
  }
  const set = new Value(setOf(ety), canonicalSetElements(plain, ety));
  return marks.size > 0 ? set.withMarks(marks as Marks) : set;
}

/** Deduplicate and order unmarked elements of one type as a cty set would hold them. */
export function canonicalSetElements(elems: readonly Value[], ety: Type): Value[] {
  const buckets = new Map<string, Value[]>();
  const hashes = new Map<Value, string>();
  const unique: Value[] = [];
  for (const e of elems) {
    const h = setHash(e);
    const bucket = buckets.get(h);
    if (bucket === undefined) {
      buckets.set(h, [e]);
    } else {
      if (bucket.some((o) => valuesEqual(o, e).raw === true)) continue;
      bucket.push(e);
    }
    hashes.set(e, h);
    unique.push(e);
  }
  const order = (a: Value, b: Value): number => setLess(a, b, ety, hashes) ? -1 : setLess(b, a, ety, hashes) ? 1 : 0;
  // Array.prototype.sort is stable, so ties keep insertion order as cty's bucket lists do.
  return unique.sort(order);
}

function setLess(a: Value, b: Value, ety: Type, hashes: Map<Value, string>): boolean {
  if (b.raw === NULL && a.raw !== NULL) return true;
  if (a.raw === NULL) return false;
  if (a.raw !== UNKNOWN && b.raw === UNKNOWN) return true;
  if (a.raw === UNKNOWN) return false;
  switch (ety.kind) {
    case "string":
      return compareStrings(a.raw as string, b.raw as string) < 0;
    case "number":
      return (a.raw as BigFloat).lt(b.raw as BigFloat);
    case "bool":
      return a.raw !== b.raw && b.raw === true;
    default:
      return compareStrings(hashes.get(a) ?? setHash(a), hashes.get(b) ?? setHash(b)) < 0;
  }
}

/** The text cty hashes a set element by (makeSetHashBytes); equal values always share it. */
export function setHash(v: Value): string {
  const parts: string[] = [];
  appendHash(v, parts);
  return parts.join("");
}

function appendHash(v: Value, out: string[]): void {
  const raw = v.raw;
  if (raw === UNKNOWN) {
    out.push("?");
    return;
  }
  if (raw === NULL) {
    out.push("~");
    return;
  }
  switch (v.type.kind) {
    case "number":
      out.push(formatNumberG10(raw as BigFloat));
      return;
    case "bool":
      out.push(raw ? "T" : "F");
      return;
    case "string":
      out.push(goQuote(raw as string));
      return;
    case "map":
      out.push("{");
      for (const [k, e] of raw as ReadonlyMap<string, Value>) {
        out.push(goQuote(k), ":");
        appendHash(e, out);
        out.push(";");
      }
      out.push("}");
      return;
    case "list":
    case "set":
      out.push("[");
      for (const e of raw as readonly Value[]) {
        appendHash(e, out);
        out.push(";");
      }
      out.push("]");
      return;
    case "object":
      out.push("<");
      for (const e of (raw as ReadonlyMap<string, Value>).values()) {
        appendHash(e, out);
        out.push(";");
      }
      out.push(">");
      return;
    case "tuple":
      out.push("<");
      for (const e of raw as readonly Value[]) {
        appendHash(e, out);
        out.push(";");
      }
      out.push(">");
      return;
    default:
      out.push("?");
  }
}

/**
 * Go's strconv.Quote (what `%q` prints): backslash escapes for quotes, backslashes and the C escapes,
 * \xNN for other ASCII controls, \uNNNN / \UNNNNNNNN for other characters Go does not consider
 * printable; everything printable (including non-ASCII letters) is kept as is.
 */
export function goQuote(s: string): string {
  // Printable ASCII without quotes or backslashes (nearly every string a plan prints) needs no escaping.
  if (plainAscii.test(s)) return '"' + s + '"';
  let r = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const simple = goSimpleEscapes[ch];
    if (simple !== undefined) r += simple;
    else if (c < 0x20 || c === 0x7f) r += "\\x" + c.toString(16).padStart(2, "0");
    else if (c === 0x20 || goPrintable.test(ch)) r += ch;
    else if (c < 0x10000) r += "\\u" + c.toString(16).padStart(4, "0");
    else r += "\\U" + c.toString(16).padStart(8, "0");
  }
  return r + '"';
}

const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const goSimpleEscapes: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation and symbols (spaces other than U+0020 are not).
const goPrintable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
