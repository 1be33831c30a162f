// Encoding functions: base64, gzip, text encodings, URL, CSV, JSON and YAML.

import { constants as zlibConstants, crc32, deflateRawSync } from "node:zlib";
import { DynamicPseudoType, StringType, listOf, objectOf, type Type } from "../values/types.js";
import { Value, listValEmpty, objectVal, stringVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, goQuote, param, staticSpec } from "./helpers.js";
import { jsonTextToValue, valueToJSONText } from "../values/json.js";
import { yamldecode, yamlencode } from "./yaml.js";

const strParam = param("str", StringType);

function redacted(s: string, sensitive: boolean): string {
  return sensitive ? "(sensitive value)" : goQuote(s);
}

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's base64.StdEncoding.DecodeString (strict padding; CR/LF ignored as Go does). */
export function decodeBase64Strict(s: string): Buffer | undefined {
  const clean = s.replace(/[\r\n]/g, "");
  return strictBase64.test(clean) ? Buffer.from(clean, "base64") : undefined;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

export function decodeUTF8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

const base64decode: FunctionSpec = {
  params: [param("str", StringType, { allowMarked: true, allowUnknown: true })],
  returnType: () => StringType,
  impl: (args) => {
    const marks = args[0]!.marks;
    const v = args[0]!.unmark();
    if (!v.isKnown()) return unknownVal(StringType).withMarks(marks);
    const bytes = decodeBase64Strict(v.asString());
    if (!bytes) callError(`failed to decode base64 data ${redacted(v.asString(), args[0]!.isSensitive())}`);
    const text = decodeUTF8(bytes);
    if (text === undefined) callError("the result of decoding the provided string is not valid UTF-8");
    return stringVal(text).withMarks(marks);
  },
};

/** Go's url.QueryEscape: unreserved characters stay, space becomes "+", everything else %XX (upper hex). */
function queryEscape(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/**
 * gzip as Terraform's base64gzip writes it: Go's gzip header (no name, zero mtime, OS byte 255), the data
 * flushed (a non-final block and an empty sync block, from Flush), then Close's final empty stored block.
 * Literal-only inputs give Go's bytes exactly; where zlib's string matching differs from Go's, the bytes
 * differ but decompress to the same text.
 */
function goGzip(s: string): Buffer {
  const data = Buffer.from(s, "utf8");
  const body = deflateRawSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]), body, Buffer.from([1, 0, 0, 0xff, 0xff]), trailer]);
}

// ---- text encodings (IANA names, as golang.org/x/text/encoding/ianaindex resolves them) ----

interface TextEncoding {
  readonly name: string;
  readonly decoderLabel: string;
  readonly encode: (s: string) => Uint8Array | undefined;
  /** When the platform's decoder cannot be trusted for this encoding (undefined for undefined bytes). */
  readonly decode?: (b: Uint8Array) => string | undefined;
}

// windows-1252 is latin1 but for 0x80-0x9F; Node builds with small ICU decode those bytes as C1 controls.
const cp1252High = "\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178";
const windows1252: TextEncoding = {
  name: "windows-1252",
  decoderLabel: "latin1",
  encode: (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      const high = cp1252High.indexOf(ch);
      if (high >= 0 && ch !== "\u0000") out.push(0x80 + high);
      else if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
      else return undefined;
    }
    return Uint8Array.from(out);
  },
  decode: (b) => {
    let out = "";
    for (const x of b) {
      if (x >= 0x80 && x <= 0x9f) {
        const ch = cp1252High[x - 0x80]!;
        if (ch === "\u0000") return undefined;
        out += ch;
      } else out += String.fromCharCode(x);
    }
    return out;
  },
};

function utf16(s: string, littleEndian: boolean): Uint8Array {
  const out = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    if (littleEndian) out.writeUInt16LE(s.charCodeAt(i), i * 2);
    else out.writeUInt16BE(s.charCodeAt(i), i * 2);
  }
  return out;
}

/** An encoder for a single-byte encoding, built by inverting the platform decoder's 256-entry table. */
function singleByteEncoder(label: string): (s: string) => Uint8Array | undefined {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== "\uFFFD") table.set(ch, b);
  }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const b = table.get(ch);
      if (b === undefined) return undefined;
      out.push(b);
    }
    return Uint8Array.from(out);
  };
}

const singleByteLabels: Record<string, [string, string]> = {
  "iso-8859-1": ["ISO-8859-1", "latin1"],
  latin1: ["ISO-8859-1", "latin1"],
  "iso-8859-2": ["ISO-8859-2", "iso-8859-2"],
  "iso-8859-15": ["ISO-8859-15", "iso-8859-15"],
  "windows-1251": ["windows-1251", "windows-1251"],
  "koi8-r": ["KOI8-R", "koi8-r"],
};

function lookupEncoding(label: string): TextEncoding | undefined {
  const l = label.toLowerCase();
  switch (l) {
    case "utf-8":
    case "utf8":
      return { name: "UTF-8", decoderLabel: "utf-8", encode: (s) => Buffer.from(s, "utf8") };
    case "utf-16le":
      return { name: "UTF-16LE", decoderLabel: "utf-16le", encode: (s) => utf16(s, true) };
    case "utf-16":
      // x/text's UTF-16 for the IANA name: big-endian with a byte order mark
      return { name: "UTF-16", decoderLabel: "utf-16be", encode: (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(s, false)]) };
    case "utf-16be":
      return { name: "UTF-16BE", decoderLabel: "utf-16be", encode: (s) => utf16(s, false) };
    case "us-ascii":
    case "ascii":
      return {
        name: "US-ASCII",
        decoderLabel: "ascii",
        encode: (s) => (/^[\x00-\x7f]*$/.test(s) ? Buffer.from(s, "latin1") : undefined),
      };
  }
  if (l === "windows-1252" || l === "cp1252") return windows1252;
  const sb = singleByteLabels[l];
  if (sb) return { name: sb[0], decoderLabel: sb[1], encode: singleByteEncoder(sb[1]) };
  // Other encodings the platform can decode (Shift_JIS, GBK, ...): decoding works, encoding does not.
  try {
    const d = new TextDecoder(l);
    return { name: d.encoding, decoderLabel: l, encode: () => undefined };
  } catch {
    return undefined;
  }
}

const textencodebase64 = staticSpec([param("string", StringType), param("encoding", StringType)], StringType, (args) => {
  const enc = lookupEncoding(args[1]!.asString());
  if (!enc) argError(1, `${goQuote(args[1]!.asString())} is not a supported IANA encoding name or alias in this Terraform version`);
  const bytes = enc.encode(args[0]!.asString());
  if (!bytes) argError(0, `the given string contains characters that cannot be represented in ${enc.name}`);
  return stringVal(Buffer.from(bytes).toString("base64"));
});

const textdecodebase64 = staticSpec([param("source", StringType), param("encoding", StringType)], StringType, (args) => {
  const enc = lookupEncoding(args[1]!.asString());
  if (!enc) argError(1, `${goQuote(args[1]!.asString())} is not a supported IANA encoding name or alias in this Terraform version`);
  const src = args[0]!.asString();
  const bytes = decodeBase64Strict(src);
  if (!bytes) {
    const bad = src.search(/[^A-Za-z0-9+/=\r\n]/);
    argError(0, `the given value has an invalid base64 symbol at offset ${bad >= 0 ? bad : src.length}`);
  }
  try {
    const text = enc.decode !== undefined ? enc.decode(bytes) : new TextDecoder(enc.decoderLabel, { fatal: true }).decode(bytes);
    if (text === undefined) throw new Error("undefined bytes");
    return stringVal(text);
  } catch {
    return argError(0, `the given string contains symbols that are not defined for ${enc.name}`);
  }
});

// ---- CSV (RFC 4180 as Go's encoding/csv reads it) ----

function parseCSV(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const record: string[] = [];
    const recordLine = line;
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(`record on line ${recordLine}; parse error on line ${line}, column ${1}: extraneous or missing " in quoted-field`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === "\n") line++;
          field += text[i];
          i++;
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"') throw new Error(`parse error on line ${line}, column ${i + 1}: bare " in non-quoted-field`);
          field += text[i];
          i++;
        }
      }
      record.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        i++;
        line++;
      }
      break;
    }
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    if (records.length > 0 && records[0]!.length !== record.length && !(record.length === 1 && record[0] === "")) {
      throw new Error(`CSV parse error on line ${recordLine}: wrong number of fields`);
    }
  }
  return records;
}

const csvdecode: FunctionSpec = {
  params: [strParam],
  returnType: (args) => {
    if (!args[0]!.isKnown()) return DynamicPseudoType;
    const rows = csvRows(args[0]!.asString());
    const header = rows[0];
    if (!header) callError("missing header line");
    const seen = new Set<string>();
    for (const n of header) {
      if (seen.has(n)) callError(`duplicate column name ${goQuote(n)}`);
      seen.add(n);
    }
    return listOf(objectOf(new Map(header.map((n) => [n, StringType] as [string, Type]))));
  },
  impl: (args, ret) => {
    const rows = csvRows(args[0]!.asString());
    const header = rows[0]!;
    const objs = rows.slice(1).map((r) => objectVal(new Map(header.map((n, i) => [n, stringVal(r[i]!)]))));
    return objs.length === 0 ? listValEmpty((ret as { elem: Type }).elem) : new Value(ret, objs);
  },
};

function csvRows(text: string): string[][] {
  try {
    return parseCSV(text);
  } catch (e) {
    const msg = (e as Error).message;
    return callError(msg.startsWith("CSV parse error") ? msg : `CSV parse error: ${msg}`);
  }
}

// ---- JSON ----

const jsonencode: FunctionSpec = {
  params: [param("val", DynamicPseudoType, { allowDynamicType: true, allowNull: true })],
  returnType: () => StringType,
  impl: (args) => {
    const v = args[0]!;
    if (!v.isWhollyKnown()) return unknownVal(StringType);
    if (v.isNull()) return stringVal("null");
    const r = valueToJSONText(v);
    return r.ok ? stringVal(r.text) : callError(r.message);
  },
};

function decodeJSON(text: string): Value {
  const r = jsonTextToValue(text);
  return r.ok ? r.value : callError(r.message);
}

const jsondecode: FunctionSpec = {
  params: [strParam],
  returnType: (args) => (args[0]!.isKnown() ? decodeJSON(args[0]!.asString()).type : DynamicPseudoType),
  impl: (args) => decodeJSON(args[0]!.asString()),
};

export const encodingFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["base64decode", base64decode],
  ["base64encode", staticSpec([strParam], StringType, (a) => stringVal(Buffer.from(a[0]!.asString(), "utf8").toString("base64")))],
  ["base64gzip", staticSpec([strParam], StringType, (a) => stringVal(goGzip(a[0]!.asString()).toString("base64")))],
  ["textencodebase64", textencodebase64],
  ["textdecodebase64", textdecodebase64],
  ["urlencode", staticSpec([strParam], StringType, (a) => stringVal(queryEscape(a[0]!.asString())))],
  ["csvdecode", csvdecode],
  ["jsonencode", jsonencode],
  ["jsondecode", jsondecode],
  ["yamlencode", yamlencode],
  ["yamldecode", yamldecode],
]);
