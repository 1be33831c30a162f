// A fast path for yamldecode on the plain block YAML that configuration data files are mostly made of
// (terraform #26355: 1,050 users, each a key with a list of group names). The `yaml` library builds a CST and
// a document model before we convert it; on that file that cost 90 ms warm and close to 200 ms in a fresh
// process, plus 20-40 ms to load the library.
//
// The fast path accepts only a subset whose meaning is unambiguous under the YAML 1.1 rules yamldecode uses:
// block mappings and block sequences (compact `- key: value` included), keys and values that are plain
// identifier-like words or plain decimal integers, single- or double-quoted strings without escapes, full-line
// comments and blank lines. Anything else (flow collections, anchors, tags, block or multi-line scalars,
// document markers, inline comments, tabs, words YAML 1.1 reads as booleans or null, duplicate keys, ...)
// returns undefined and the caller uses the library, so its results and its diagnostics stay the reference.
// test/lang/funcs/yaml-fast.test.ts checks both paths give identical values on what the fast path accepts.

import { bigFloatFrom } from "../values/bigfloat.js";
import { NullDynamic, type Value, numberVal, objectValOwning, stringVal, tupleVal } from "../values/value.js";

/** The nesting depth at which the library path reports "nested too deeply"; beyond it we defer to it. */
const maxDepth = 1000;

// YAML 1.1 reads these plain words as booleans or null, and e5 or E-3 as floats; they never take the fast path.
const special = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split(" "),
);
const exponentOnly = /^[eE][-+]?[0-9]+$/;
const plainWord = /^[A-Za-z_][A-Za-z0-9_.\-/@]*(?: [A-Za-z0-9_.\-/@]+)*$/;
const plainInt = /^-?(?:0|[1-9][0-9]*)$/;
// No escapes, no quote of the same kind inside, no control characters (the library rejects some of them).
const doubleQuoted = /^"([^"\\\x00-\x1f\x7f]*)"$/;
const singleQuoted = /^'([^'\x00-\x1f\x7f]*)'$/;

type Scalar = { readonly value: Value; readonly text: string };

/** A scalar the fast path understands, with its text as a mapping key, or undefined. */
function scalar(src: string): Scalar | undefined {
  if (plainWord.test(src)) return special.has(src) || exponentOnly.test(src) ? undefined : { value: stringVal(src), text: src };
  if (plainInt.test(src)) {
    // Decimal integers (no leading zeros: YAML 1.1 reads 012 as octal) are numbers; as keys, their source.
    if (src.length > 1 && (src[0] === "0" || src.startsWith("-0"))) return undefined;
    return { value: numberVal(bigFloatFrom(src)), text: src };
  }
  const q = doubleQuoted.exec(src) ?? singleQuoted.exec(src);
  return q === null ? undefined : { value: stringVal(q[1]!), text: q[1]! };
}

interface MapFrame {
  readonly kind: "map";
  readonly col: number;
  readonly entries: Map<string, Value>;
  /** The key whose value is on the following lines (`key:` at the end of a line). */
  pending?: string;
}

interface SeqFrame {
  readonly kind: "seq";
  readonly col: number;
  readonly items: Value[];
  /** An item whose value is on the following lines (`-` at the end of a line). */
  pending: boolean;
}

type Frame = MapFrame | SeqFrame;

function close(frame: Frame): Value {
  if (frame.kind === "map") {
    if (frame.pending !== undefined) frame.entries.set(frame.pending, NullDynamic);
    return objectValOwning(frame.entries);
  }
  if (frame.pending) frame.items.push(NullDynamic);
  return tupleVal(frame.items);
}

/** Puts a finished nested value into the slot its parent left open. */
function fill(parent: Frame, v: Value): void {
  if (parent.kind === "map") {
    parent.entries.set(parent.pending!, v);
    parent.pending = undefined;
  } else {
    parent.items.push(v);
    parent.pending = false;
  }
}

function hasSlot(f: Frame): boolean {
  return f.kind === "map" ? f.pending !== undefined : f.pending;
}

/** The decoded document, or undefined when it is outside the fast path's subset. */
export function fastYAML(text: string): Value | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  const stack: Frame[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    let col = 0;
    while (col < line.length && line.charCodeAt(col) === 32) col++;
    if (col === line.length || line[col] === "#") continue;
    let rest = line.slice(col).trimEnd();
    // Compact nesting: each "- " opens a sequence item, the rest of the line is that item's content.
    for (;;) {
      const dash = rest === "-" || rest.startsWith("- ");
      if (!dash) break;
      if (!open(stack, col, "seq")) return undefined;
      const seq = stack[stack.length - 1] as SeqFrame;
      seq.pending = true;
      if (rest === "-") {
        rest = "";
        break;
      }
      let skip = 1;
      while (rest.charCodeAt(skip) === 32) skip++;
      col += skip;
      rest = rest.slice(skip);
    }
    if (rest === "") continue;
    const colon = keyEnd(rest);
    if (colon < 0) {
      // A bare scalar is only the value of a "- " on the same line.
      const top = stack[stack.length - 1];
      const s = scalar(rest);
      if (top === undefined || top.kind !== "seq" || top.col >= col || !top.pending || s === undefined) return undefined;
      fill(top, s.value);
      continue;
    }
    const key = scalar(rest.slice(0, colon));
    if (key === undefined) return undefined;
    if (!open(stack, col, "map")) return undefined;
    const map = stack[stack.length - 1] as MapFrame;
    if (map.entries.has(key.text)) return undefined;
    const valueText = rest.slice(colon + 1).trimStart();
    if (valueText === "") {
      map.entries.set(key.text, NullDynamic); // keeps the key's position; replaced when its value closes
      map.pending = key.text;
      continue;
    }
    const v = scalar(valueText);
    if (v === undefined) return undefined;
    map.entries.set(key.text, v.value);
  }
  if (stack.length === 0) return undefined; // empty, comments only, or a lone scalar: the library decides
  while (stack.length > 1) fill(stack[stack.length - 2]!, close(stack.pop()!));
  return close(stack[0]!);
}

/** The index of the ": " (or final ":") that ends a mapping key, or -1. */
function keyEnd(rest: string): number {
  if (rest[0] === '"' || rest[0] === "'") {
    const q = rest.indexOf(rest[0], 1);
    if (q < 0) return -1;
    const c = q + 1;
    return rest[c] === ":" && (c + 1 === rest.length || rest[c + 1] === " ") ? c : -1;
  }
  const i = rest.indexOf(": ");
  if (i >= 0) return i;
  return rest.endsWith(":") ? rest.length - 1 : -1;
}

/**
 * Makes the top frame a collection of `kind` at `col` that takes the next entry: closes deeper or finished
 * collections, or opens a new one in the slot the top frame left open. False when the line does not fit.
 */
function open(stack: Frame[], col: number, kind: Frame["kind"]): boolean {
  for (;;) {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      stack.push(kind === "map" ? { kind, col, entries: new Map() } : { kind, col, items: [], pending: false });
      return true;
    }
    if (hasSlot(top)) {
      // A nested collection: deeper than its parent, except that a mapping's value may be a sequence at
      // the key's own column.
      const nests = col > top.col || (kind === "seq" && top.kind === "map" && col === top.col);
      if (nests) {
        if (stack.length > maxDepth) return false;
        stack.push(kind === "map" ? { kind, col, entries: new Map() } : { kind, col, items: [], pending: false });
        return true;
      }
      fill(top, NullDynamic);
      continue;
    }
    if (top.col === col && top.kind === kind) return true;
    if (col > top.col) return false;
    if (stack.length === 1) return false; // the document's top collection ended but the text goes on
    stack.pop();
    fill(stack[stack.length - 1]!, close(top));
  }
}
