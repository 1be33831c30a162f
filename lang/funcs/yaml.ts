// yamlencode and yamldecode (go-cty-yaml: mappings -> objects, sequences -> tuples, strings always
// double-quoted). yamldecode tries yaml-fast.ts first; the `yaml` library, the reference for everything
// else and for every error message, is loaded only when a document needs it (it costs 20-40 ms to load).

import { createRequire } from "node:module";
import type { Node } from "yaml";
import { BigFloat, bigFloatFrom } from "../values/bigfloat.js";
import { formatNumber } from "../values/numfmt.js";
import { DynamicPseudoType, StringType } from "../values/types.js";
import { NULL, NullDynamic, UNKNOWN, Value, boolVal, numberVal, objectVal, stringVal, tupleVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { callError, param } from "./helpers.js";
import { fastYAML } from "./yaml-fast.js";

type YamlLibrary = typeof import("yaml");
let library: YamlLibrary | undefined;
/** The library, loaded synchronously on first use (functions are synchronous; its Node build is CommonJS). */
function yamlLibrary(): YamlLibrary {
  library ??= createRequire(import.meta.url)("yaml") as YamlLibrary;
  return library;
}

const yamlMaxDepth = 1000;

function yamlNodeToValue(node: Node | null | undefined, depth: number): Value {
  const { isAlias, isMap, isScalar, isSeq } = yamlLibrary();
  if (depth > yamlMaxDepth) callError("YAML value is nested too deeply");
  if (node === null || node === undefined) return NullDynamic;
  if (isAlias(node)) callError("YAML aliases are not supported");
  if (isMap(node)) {
    const entries = new Map<string, Value>();
    for (const item of node.items) {
      const key = item.key as Node | null;
      const k = isScalar(key) ? scalarKeyText(key.value, key.source) : String(key);
      entries.set(k, yamlNodeToValue(item.value as Node | null, depth + 1));
    }
    return objectVal(entries);
  }
  if (isSeq(node)) return tupleVal(node.items.map((n) => yamlNodeToValue(n as Node, depth + 1)));
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return NullDynamic;
    if (typeof v === "boolean") return boolVal(v);
    if (typeof v === "number" || typeof v === "bigint") {
      const src = node.source ?? String(v);
      if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(src)) return numberVal(bigFloatFrom(src.replace(/^\+/, "")));
      if (typeof v === "number" && !Number.isFinite(v)) return numberVal(bigFloatFrom(v));
      return numberVal(bigFloatFrom(v.toString()));
    }
    if (v instanceof Date) return stringVal(node.source ?? v.toISOString());
    if (typeof v === "string") return stringVal(v);
    if (v instanceof Uint8Array) return stringVal(Buffer.from(v).toString("utf8"));
    return stringVal(String(v));
  }
  return callError("unsupported YAML node");
}

function scalarKeyText(v: unknown, source: string | undefined): string {
  if (v === null) return "null";
  if (typeof v === "string") return v;
  return source ?? String(v);
}

/** The library's reading of a document: the reference the fast path is tested against. */
export function decodeYAMLWithLibrary(text: string): Value {
  const docs = yamlLibrary().parseAllDocuments(text, { version: "1.1", intAsBigInt: true, uniqueKeys: false });
  // an empty stream has no document: go-yaml's parser says so, and Terraform reports it
  if (!Array.isArray(docs) || docs.length === 0) callError("on line 1, column 1: missing start of document.");
  for (const d of docs) {
    const err = d.errors[0];
    if (err) callError(`on line ${err.linePos?.[0].line ?? 1}, column ${err.linePos?.[0].col ?? 1}: ${err.message.split("\n")[0]}`);
  }
  if (docs.length > 1) callError("unexpected extra content after value");
  return yamlNodeToValue(docs[0]!.contents as Node | null, 0);
}

const yamlPlainNumber = (d: BigFloat): string => formatNumber(d);

/** go-yaml's double-quoted style: characters outside the Basic Multilingual Plane are escaped. */
function yamlQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => "\\U" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(8, "0"));
}

/** go-yaml writes a multi-line string as a literal block when every line can be written as it is. */
function literalBlock(s: string, indent: string): string[] | undefined {
  if (!s.includes("\n") || /^[ \n]/.test(s) || /[ \t]\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]|[ \t]$/.test(s)) return undefined;
  if (/[\u{10000}-\u{10FFFF}]/u.test(s)) return undefined;
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = s.slice(0, s.length - trailing);
  const lines = body.split("\n").map((l) => (l === "" ? "" : `${indent}  ${l}`));
  for (let i = 1; i < trailing; i++) lines.push("");
  return [`|${chomp}`, ...lines];
}

function yamlScalar(v: Value): string {
  if (v.raw === NULL) return "null";
  switch (v.type.kind) {
    case "string":
      return yamlQuoted(v.asString());
    case "number":
      return yamlPlainNumber(v.asNumber());
    case "bool":
      return v.asBool() ? "true" : "false";
    default:
      return "null";
  }
}

function yamlLines(v: Value, indent: string, out: string[], depth: number): void {
  if (depth > yamlMaxDepth) callError("value is nested too deeply");
  const k = v.type.kind;
  if (v.raw !== NULL && (k === "list" || k === "set" || k === "tuple")) {
    if (v.length() === 0) {
      out.push(indent + "[]");
      return;
    }
    for (const e of v.asElements()) {
      const ek = e.type.kind;
      const nested = e.raw !== NULL && e.length !== undefined && (ek === "list" || ek === "set" || ek === "tuple" || ek === "map" || ek === "object");
      if (nested && e.length() > 0) {
        const sub: string[] = [];
        yamlLines(e, "", sub, depth + 1);
        out.push(`${indent}- ${sub[0]}`);
        for (const l of sub.slice(1)) out.push(`${indent}  ${l}`);
      } else out.push(`${indent}- ${yamlInline(e)}`);
    }
    return;
  }
  if (v.raw !== NULL && (k === "map" || k === "object")) {
    if (v.length() === 0) {
      out.push(indent + "{}");
      return;
    }
    for (const [key, e] of v.asEntries()) {
      const ek = e.type.kind;
      const isSeqV = ek === "list" || ek === "set" || ek === "tuple";
      const nested = e.raw !== NULL && (isSeqV || ek === "map" || ek === "object");
      const block = e.raw !== NULL && ek === "string" ? literalBlock(e.asString(), indent) : undefined;
      if (nested && e.length() > 0) {
        out.push(`${indent}${yamlQuoted(key)}:`);
        yamlLines(e, isSeqV ? indent : indent + "  ", out, depth + 1);
      } else if (block !== undefined) {
        out.push(`${indent}${yamlQuoted(key)}: ${block[0]}`, ...block.slice(1));
      } else out.push(`${indent}${yamlQuoted(key)}: ${yamlInline(e)}`);
    }
    return;
  }
  out.push(indent + yamlInline(v));
}

function yamlInline(v: Value): string {
  const k = v.type.kind;
  if (v.raw !== NULL && (k === "list" || k === "set" || k === "tuple")) return "[]";
  if (v.raw !== NULL && (k === "map" || k === "object")) return "{}";
  return yamlScalar(v);
}

export const yamlencode: FunctionSpec = {
  params: [param("value", DynamicPseudoType, { allowNull: true, allowDynamicType: true })],
  returnType: () => StringType,
  impl: (args) => {
    const v = args[0]!;
    if (!v.isWhollyKnown() || v.raw === UNKNOWN) return unknownVal(StringType);
    const k = v.type.kind;
    if (v.raw !== NULL && k === "string") {
      const block = literalBlock(v.asString(), "");
      if (block !== undefined) return stringVal(block.join("\n") + "\n");
    }
    const lines: string[] = [];
    yamlLines(v, "", lines, 0);
    // a document that is a plain scalar (number, bool, null) ends with go-yaml's document end marker
    const plainScalar = v.raw === NULL || k === "number" || k === "bool";
    return stringVal(lines.join("\n") + (plainScalar ? "\n...\n" : "\n"));
  },
};

// returnType and impl both need the decoded document: remember the last one so a large file (1,050 users in
// terraform #26355) is parsed once per call, not twice. Values are immutable, so sharing is safe.
let lastYAML: { text: string; value: Value } | undefined;
function decodeYAMLOnce(text: string): Value {
  if (lastYAML?.text === text) return lastYAML.value;
  const value = fastYAML(text) ?? decodeYAMLWithLibrary(text);
  lastYAML = { text, value };
  return value;
}

export const yamldecode: FunctionSpec = {
  params: [param("src", StringType)],
  returnType: (args) => (args[0]!.isKnown() ? decodeYAMLOnce(args[0]!.asString()).type : DynamicPseudoType),
  impl: (args) => decodeYAMLOnce(args[0]!.asString()),
};
