// JSON encoding of values and types as go-cty's json package does it (Terraform's jsonencode/jsondecode,
// the state file, `console -json`, plan JSON). Numbers keep their full decimal precision: the encoder
// writes JSON text itself, and the decoder reads numbers from their source text.

import { compareStrings } from "./compare.js";
import { ConvertFailure, convert, parseNumberString, type ConvertResult } from "./convert.js";
import { BigFloat, bigFloatFrom } from "./bigfloat.js";
import { parseJSONText, type JSONNode } from "./json-node.js";
import { formatNumber } from "./numfmt.js";
import { setVal } from "./set.js";
import {
  BoolType,
  DynamicPseudoType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  setOf,
  type ObjectType,
  type Type,
} from "./types.js";
import {
  EmptyObjectVal,
  EmptyTupleVal,
  NULL,
  UNKNOWN,
  Value,
  boolVal,
  nullVal,
  objectVal,
  objectValOwning,
  sortedMap,
  stringVal,
  tupleVal,
} from "./value.js";

export type JSONTextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };
export type JSONValueResult = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly message: string };
export type TypeResult = { readonly ok: true; readonly type: Type } | { readonly ok: false; readonly message: string };

// ---- encoding ----

/**
 * cty's json.Marshal: the value as JSON text. With `t` the dynamic pseudo-type the value is wrapped as
 * {"value":...,"type":...} (how state stores dynamically-typed attributes). Unknown or marked values and
 * infinities cannot be encoded.
 */
export function valueToJSONText(v: Value, t: Type = v.type): JSONTextResult {
  const out: string[] = [];
  const err = marshal(v, t, out);
  return err === undefined ? { ok: true, text: out.join("") } : { ok: false, message: err };
}

/**
 * The value as a plain JavaScript structure (JSON.parse of valueToJSONText). Numbers become JS numbers and
 * may lose precision: use valueToJSONText when digits matter.
 */
export function valueToJSON(v: Value, t: Type = v.type): JSONValueResult {
  const r = valueToJSONText(v, t);
  return r.ok ? { ok: true, json: JSON.parse(r.text) as unknown } : r;
}

function marshal(v: Value, t: Type, out: string[]): string | undefined {
  if (v.marks.size > 0) return "value has marks, so it cannot be serialized as JSON";
  if (t.kind === "dynamic" && v.type.kind !== "dynamic") {
    out.push('{"value":');
    const e = marshal(v, v.type, out);
    if (e !== undefined) return e;
    out.push(',"type":', typeToJSONText(v.type), "}");
    return undefined;
  }
  if (v.raw === NULL) {
    out.push("null");
    return undefined;
  }
  if (v.raw === UNKNOWN) return "value is not known";
  switch (t.kind) {
    case "string":
      out.push(jsonQuote(v.raw as string));
      return undefined;
    case "number": {
      const d = v.raw as BigFloat;
      if (!d.isFinite()) return "cannot serialize infinity as JSON";
      out.push(formatNumber(d));
      return undefined;
    }
    case "bool":
      out.push(v.raw ? "true" : "false");
      return undefined;
    case "list":
    case "set":
    case "tuple": {
      out.push("[");
      const elems = v.raw as readonly Value[];
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) out.push(",");
        const et = t.kind === "tuple" ? t.elems[i]! : t.elem;
        const e = marshal(elems[i]!, et, out);
        if (e !== undefined) return e;
      }
      out.push("]");
      return undefined;
    }
    case "map":
    case "object": {
      out.push("{");
      let first = true;
      for (const [k, e] of v.raw as ReadonlyMap<string, Value>) {
        if (!first) out.push(",");
        first = false;
        out.push(jsonQuote(k), ":");
        const et = t.kind === "object" ? (t.attrs.get(k) ?? e.type) : t.elem;
        const err = marshal(e, et, out);
        if (err !== undefined) return err;
      }
      out.push("}");
      return undefined;
    }
    default:
      return "cannot JSON-serialize dynamic";
  }
}

/**
 * A JSON string literal as Go's encoding/json writes it: HTML-sensitive characters (<, >, &) and U+2028/9
 * escaped as \u003c etc. (Terraform's jsonencode documents this), other control characters escaped.
 */
export function jsonQuote(s: string): string {
  let r = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = "\\\\";
    else if (c < 0x20) {
      esc = c === 0x0a ? "\\n" : c === 0x0d ? "\\r" : c === 0x09 ? "\\t" : c === 0x08 ? "\\b" : c === 0x0c ? "\\f" : "\\u00" + c.toString(16).padStart(2, "0");
    } else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      esc = "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // a lone surrogate is invalid UTF-8 to Go; it becomes U+FFFD
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    }
    if (esc !== undefined) {
      r += s.slice(run, i) + esc;
      run = i + 1;
    }
  }
  return r + s.slice(run) + '"';
}

// ---- types ----

/** cty's type JSON: "string", ["list","string"], ["object",{"a":"number"}], ["tuple",[...]], "dynamic". */
export function typeToJSON(t: Type): unknown {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return t.kind;
    case "list":
    case "set":
    case "map":
      return [t.kind, typeToJSON(t.elem)];
    case "tuple":
      return ["tuple", t.elems.map(typeToJSON)];
    case "object": {
      const attrs: Record<string, unknown> = {};
      for (const k of [...t.attrs.keys()].sort(compareStrings)) attrs[k] = typeToJSON(t.attrs.get(k)!);
      const opt = t.optional !== undefined && t.optional.size > 0 ? [...t.optional].sort(compareStrings) : undefined;
      return opt ? ["object", attrs, opt] : ["object", attrs];
    }
  }
}

/** typeToJSON as text, with object attributes in cty's (byte-wise sorted) order. */
export function typeToJSONText(t: Type): string {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return `["${t.kind}",${typeToJSONText(t.elem)}]`;
    case "tuple":
      return `["tuple",[${t.elems.map(typeToJSONText).join(",")}]]`;
    case "object": {
      const keys = [...t.attrs.keys()].sort(compareStrings);
      const attrs = keys.map((k) => `${jsonQuote(k)}:${typeToJSONText(t.attrs.get(k)!)}`).join(",");
      const opt = t.optional !== undefined && t.optional.size > 0 ? [...t.optional].sort(compareStrings) : undefined;
      return opt ? `["object",{${attrs}},[${opt.map(jsonQuote).join(",")}]]` : `["object",{${attrs}}]`;
    }
    default:
      return `"${t.kind}"`;
  }
}

/** Read a type from its cty JSON form (already parsed). */
export function typeFromJSON(j: unknown, depth = 0): TypeResult {
  if (depth > 500) return { ok: false, message: "type description nested too deeply" };
  if (typeof j === "string") {
    switch (j) {
      case "string":
        return { ok: true, type: StringType };
      case "number":
        return { ok: true, type: NumberType };
      case "bool":
        return { ok: true, type: BoolType };
      case "dynamic":
        return { ok: true, type: DynamicPseudoType };
      default:
        return { ok: false, message: `invalid primitive type name "${j}"` };
    }
  }
  if (!Array.isArray(j)) return { ok: false, message: "invalid complex type description" };
  const [kind, arg, opt] = j as unknown[];
  if (typeof kind !== "string") return { ok: false, message: "invalid complex type kind name" };
  switch (kind) {
    case "list":
    case "set":
    case "map": {
      if (j.length !== 2) return { ok: false, message: "extraneous data after type description" };
      const e = typeFromJSON(arg, depth + 1);
      if (!e.ok) return e;
      return { ok: true, type: kind === "list" ? listOf(e.type) : kind === "set" ? setOf(e.type) : mapOf(e.type) };
    }
    case "tuple": {
      if (!Array.isArray(arg) || j.length !== 2) return { ok: false, message: "invalid tuple type description" };
      const elems: Type[] = [];
      for (const a of arg as unknown[]) {
        const e = typeFromJSON(a, depth + 1);
        if (!e.ok) return e;
        elems.push(e.type);
      }
      return { ok: true, type: { kind: "tuple", elems } };
    }
    case "object": {
      if (arg === null || typeof arg !== "object" || Array.isArray(arg) || j.length > 3) {
        return { ok: false, message: "invalid object type description" };
      }
      const attrs = new Map<string, Type>();
      for (const [k, a] of Object.entries(arg as Record<string, unknown>)) {
        const e = typeFromJSON(a, depth + 1);
        if (!e.ok) return e;
        attrs.set(k, e.type);
      }
      if (opt === undefined) return { ok: true, type: { kind: "object", attrs } };
      if (!Array.isArray(opt) || !opt.every((o) => typeof o === "string" && attrs.has(o))) {
        return { ok: false, message: "invalid optional attribute list" };
      }
      return { ok: true, type: { kind: "object", attrs, optional: new Set(opt as string[]) } };
    }
    default:
      return { ok: false, message: `invalid complex type kind name "${kind}"` };
  }
}

/** Read a type from its cty JSON text. */
export function typeFromJSONText(text: string): TypeResult {
  const p = parseJSONText(text);
  if (!p.ok) return p;
  return typeFromJSON(nodeToPlain(p.node));
}

// ---- decoding ----

/** cty's json.ImpliedType: objects become object types, arrays tuple types, null the dynamic type. */
export function impliedTypeOfJSON(text: string): TypeResult {
  const p = parseJSONText(text);
  if (!p.ok) return p;
  return { ok: true, type: impliedType(p.node) };
}

function impliedType(node: JSONNode): Type {
  switch (node.k) {
    case "null":
      return DynamicPseudoType;
    case "bool":
      return BoolType;
    case "number":
      return NumberType;
    case "string":
      return StringType;
    case "array":
      return { kind: "tuple", elems: node.items.map(impliedType) };
    case "object": {
      const attrs = new Map<string, Type>();
      for (const [k, v] of node.entries) attrs.set(k, impliedType(v));
      return { kind: "object", attrs: new Map([...attrs].sort((a, b) => compareStrings(a[0], b[0]))) };
    }
  }
}

/** jsondecode: JSON text to a value of the given type, or of the type the JSON implies. */
export function jsonTextToValue(text: string, t?: Type): ConvertResult {
  const p = parseJSONText(text);
  if (!p.ok) return { ok: false, message: p.message };
  return unmarshalResult(p.node, t ?? impliedType(p.node));
}

/**
 * A parsed JavaScript JSON structure to a value of type t (cty's json.Unmarshal). JS numbers are taken
 * as the shortest decimal that prints them, so precision lost by JSON.parse cannot be recovered: prefer
 * jsonTextToValue for text.
 */
export function jsonToValue(json: unknown, t: Type): ConvertResult {
  // Straight from the JavaScript structure (a no-op plan decodes every instance in state this way); on any
  // failure, the node path below gives the message.
  const v = unmarshalPlain(json, t, 0);
  return v !== undefined ? { ok: true, value: v } : jsonToValueViaNodes(json, t);
}

/** The reference for jsonToValue: the structure as JSON nodes first, then cty's unmarshal. */
export function jsonToValueViaNodes(json: unknown, t: Type): ConvertResult {
  const node = plainToNode(json, 0);
  if (typeof node === "string") return { ok: false, message: node };
  return unmarshalResult(node, t);
}

/** The text plainToNode gives a number, or undefined for what is not a number. */
function plainNumberText(j: unknown): string | undefined {
  if (typeof j === "number") return Number.isFinite(j) ? bigFloatFrom(j).toString() : undefined;
  if (typeof j === "bigint") return j.toString();
  if (j instanceof BigFloat) return j.toString();
  return undefined;
}

/** What plainToNode reads as a JSON object. */
function isPlainObjectLike(j: unknown): j is Record<string, unknown> {
  return typeof j === "object" && j !== null && !Array.isArray(j) && !(j instanceof BigFloat);
}

/**
 * unmarshal(plainToNode(j), t) without building the nodes, for what succeeds; undefined whenever either
 * step would fail (test/lang/values/json-plain.test.ts compares the two).
 */
function unmarshalPlain(j: unknown, t: Type, depth: number): Value | undefined {
  if (depth > 1000) return undefined;
  if (j === null) return nullVal(t);
  if (j === undefined || typeof j === "function" || typeof j === "symbol") return undefined;
  switch (t.kind) {
    case "dynamic": {
      if (!isPlainObjectLike(j) || !Object.hasOwn(j, "type") || !Object.hasOwn(j, "value") || Object.keys(j).length !== 2) return undefined;
      const typeJ = j["type"];
      if (typeJ === undefined || j["value"] === undefined) return undefined;
      // Type descriptions are mostly primitive names; anything else takes the node path's reading of it.
      const ty = typeof typeJ === "string" ? typeFromJSON(typeJ) : typeFromPlain(typeJ, depth + 1);
      if (ty === undefined || !ty.ok) return undefined;
      return unmarshalPlain(j["value"], ty.type, depth + 1);
    }
    case "bool":
      if (typeof j === "boolean") return boolVal(j);
      if (typeof j === "string") {
        const r = convert(stringVal(j), BoolType);
        return r.ok ? r.value : undefined;
      }
      return undefined;
    case "number": {
      const text = typeof j === "string" ? j : plainNumberText(j);
      const d = text === undefined ? undefined : parseNumberString(text);
      return d === undefined ? undefined : new Value(NumberType, d);
    }
    case "string": {
      if (typeof j === "string") return stringVal(j);
      if (typeof j === "boolean") return stringVal(j ? "true" : "false");
      const text = plainNumberText(j);
      return text === undefined ? undefined : stringVal(text);
    }
    case "list":
    case "set":
    case "tuple": {
      if (!Array.isArray(j)) return undefined;
      if (t.kind === "tuple" && j.length !== t.elems.length) return undefined;
      const vals: Value[] = [];
      for (let i = 0; i < j.length; i++) {
        const v = unmarshalPlain(j[i], t.kind === "tuple" ? t.elems[i]! : t.elem, depth + 1);
        if (v === undefined) return undefined;
        vals.push(v);
      }
      if (t.kind === "tuple") return vals.length === 0 ? EmptyTupleVal : tupleVal(vals);
      if (vals.length === 0) return new Value(t.kind === "list" ? listOf(t.elem) : setOf(t.elem), []);
      return t.kind === "set" ? setVal(vals) : new Value(listOf(t.elem), vals);
    }
    case "map":
    case "object": {
      if (!isPlainObjectLike(j)) return undefined;
      // Indexed loops, not entries() and destructuring: this runs for every instance in state, mostly before
      // the JIT has compiled it, where iterator objects cost more than the work.
      const vals = new Map<string, Value>();
      const keys = Object.keys(j);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const ety = t.kind === "map" ? t.elem : t.attrs.get(k);
        if (ety === undefined) return undefined;
        const v = unmarshalPlain(j[k], ety, depth + 1);
        if (v === undefined) return undefined;
        vals.set(k, v);
      }
      if (t.kind === "map") return new Value(mapOf(t.elem), sortedMap(vals));
      // Every key named an attribute, so equal sizes mean none is missing.
      if (vals.size !== t.attrs.size) for (const [k, aty] of t.attrs) if (!vals.has(k)) vals.set(k, nullVal(aty));
      return vals.size === 0 ? EmptyObjectVal : objectValOwning(vals);
    }
  }
}

/**
 * typeFromJSON of the description as the node path reads it. For what JSON.parse makes (strings, numbers,
 * booleans, null, arrays, plain objects) the nodes change nothing typeFromJSON can accept, so it reads the
 * structure itself; the depth bound keeps plainToNode's nesting limit out of reach (typeFromJSON stops at 500).
 */
function typeFromPlain(j: unknown, depth: number): TypeResult | undefined {
  if (depth < 400 && isJsonParseOutput(j)) return typeFromJSON(j);
  const node = plainToNode(j, depth);
  return typeof node === "string" ? undefined : typeFromJSON(nodeToPlain(node));
}

function isJsonParseOutput(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const j = stack.pop();
    if (j === null || typeof j === "string" || typeof j === "boolean" || typeof j === "number") continue;
    // Element by element: spreading a 200,000-element array into push() exceeds V8's argument limit.
    if (Array.isArray(j)) for (const x of j as unknown[]) stack.push(x);
    else if (typeof j === "object" && Object.getPrototypeOf(j) === Object.prototype) for (const x of Object.values(j)) stack.push(x);
    else return false;
  }
  return true;
}

function unmarshalResult(node: JSONNode, t: Type): ConvertResult {
  const r = unmarshal(node, t);
  return r instanceof ConvertFailure ? { ok: false, message: r.message } : { ok: true, value: r };
}

function fail(message: string): ConvertFailure {
  return new ConvertFailure(message, []);
}

function unmarshal(node: JSONNode, t: Type): Value | ConvertFailure {
  if (node.k === "null") return nullVal(t);
  switch (t.kind) {
    case "dynamic":
      return unmarshalDynamic(node);
    case "bool":
      if (node.k === "bool") return boolVal(node.v);
      if (node.k === "string") {
        const r = convert(stringVal(node.v), BoolType);
        return r.ok ? r.value : fail(r.message);
      }
      return fail("bool is required");
    case "number": {
      const text = node.k === "number" ? node.text : node.k === "string" ? node.v : undefined;
      if (text === undefined) return fail("number is required");
      const d = parseNumberString(text);
      return d === undefined ? fail("a number is required") : new Value(NumberType, d);
    }
    case "string":
      if (node.k === "string") return stringVal(node.v);
      if (node.k === "number") return stringVal(node.text);
      if (node.k === "bool") return stringVal(node.v ? "true" : "false");
      return fail("string is required");
    case "list":
    case "set": {
      if (node.k !== "array") return fail("missing expected [");
      const vals: Value[] = [];
      for (const item of node.items) {
        const v = unmarshal(item, t.elem);
        if (v instanceof ConvertFailure) return v;
        vals.push(v);
      }
      if (vals.length === 0) return new Value(t.kind === "list" ? listOf(t.elem) : setOf(t.elem), []);
      return t.kind === "set" ? setVal(vals) : new Value(listOf(t.elem), vals);
    }
    case "map": {
      if (node.k !== "object") return fail("missing expected {");
      const vals = new Map<string, Value>();
      for (const [k, item] of node.entries) {
        const v = unmarshal(item, t.elem);
        if (v instanceof ConvertFailure) return v;
        vals.set(k, v);
      }
      return new Value(mapOf(t.elem), sortedMap(vals));
    }
    case "tuple": {
      if (node.k !== "array") return fail("missing expected [");
      if (node.items.length > t.elems.length) return fail(`too many tuple elements (need ${t.elems.length})`);
      if (node.items.length < t.elems.length) return fail(`not enough tuple elements (need ${t.elems.length})`);
      const vals: Value[] = [];
      for (let i = 0; i < node.items.length; i++) {
        const v = unmarshal(node.items[i]!, t.elems[i]!);
        if (v instanceof ConvertFailure) return v;
        vals.push(v);
      }
      return vals.length === 0 ? EmptyTupleVal : tupleVal(vals);
    }
    case "object":
      return unmarshalObject(node, t);
  }
}

function unmarshalObject(node: JSONNode, t: ObjectType): Value | ConvertFailure {
  if (node.k !== "object") return fail("missing expected {");
  const vals = new Map<string, Value>();
  for (const [k, item] of node.entries) {
    const aty = t.attrs.get(k);
    if (aty === undefined) return fail(`unsupported attribute "${k}"`);
    const v = unmarshal(item, aty);
    if (v instanceof ConvertFailure) return v;
    vals.set(k, v);
  }
  for (const [k, aty] of t.attrs) if (!vals.has(k)) vals.set(k, nullVal(aty));
  return vals.size === 0 ? EmptyObjectVal : objectVal(vals);
}

function unmarshalDynamic(node: JSONNode): Value | ConvertFailure {
  if (node.k !== "object") return fail("missing expected {");
  let typeNode: JSONNode | undefined;
  let valueNode: JSONNode | undefined;
  for (const [k, item] of node.entries) {
    if (k === "type") typeNode = item;
    else if (k === "value") valueNode = item;
    else return fail(`invalid key "${k}" in dynamically-typed value`);
  }
  if (typeNode === undefined) return fail("missing type in dynamically-typed value");
  if (valueNode === undefined) return fail("missing value in dynamically-typed value");
  const t = typeFromJSON(nodeToPlain(typeNode));
  if (!t.ok) return fail(`failed to decode type for dynamic value: ${t.message}`);
  return unmarshal(valueNode, t.type);
}

function nodeToPlain(node: JSONNode): unknown {
  switch (node.k) {
    case "null":
      return null;
    case "bool":
    case "string":
      return node.v;
    case "number":
      return Number(node.text);
    case "array":
      return node.items.map(nodeToPlain);
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of node.entries) o[k] = nodeToPlain(v);
      return o;
    }
  }
}

function plainToNode(j: unknown, depth: number): JSONNode | string {
  if (depth > 1000) return "JSON value nested too deeply";
  if (j === null || j === undefined) return { k: "null" };
  if (typeof j === "boolean") return { k: "bool", v: j };
  if (typeof j === "string") return { k: "string", v: j };
  if (typeof j === "number") {
    if (!Number.isFinite(j)) return "cannot decode a non-finite number";
    return { k: "number", text: bigFloatFrom(j).toString() };
  }
  if (typeof j === "bigint") return { k: "number", text: j.toString() };
  if (j instanceof BigFloat) return { k: "number", text: j.toString() };
  if (Array.isArray(j)) {
    const items: JSONNode[] = [];
    for (const e of j) {
      const n = plainToNode(e, depth + 1);
      if (typeof n === "string") return n;
      items.push(n);
    }
    return { k: "array", items };
  }
  if (typeof j === "object") {
    const entries: [string, JSONNode][] = [];
    for (const [k, e] of Object.entries(j as Record<string, unknown>)) {
      const n = plainToNode(e, depth + 1);
      if (typeof n === "string") return n;
      entries.push([k, n]);
    }
    return { k: "object", entries };
  }
  return `cannot decode a JavaScript ${typeof j} as JSON`;
}
