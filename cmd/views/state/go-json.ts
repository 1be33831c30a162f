// JSON text as Go's encoding/json writes Terraform's JSON views: struct fields in declaration order with
// omitempty fields left out (the caller lists fields in order, undefined meaning omitted), maps with sorted
// keys (canonicalJson), and <, >, & escaped as \u003c, \u003e, \u0026.

import { canonicalJson, indentLikeGo, type JsonValue } from "../../../lang/values/json-exact.js";

/** Already-encoded JSON text. */
export type JsonText = string & { readonly __json: true };

export function raw(text: string): JsonText {
  return text as JsonText;
}

export function jsonValue(v: JsonValue): JsonText {
  return raw(goEscape(canonicalJson(v)));
}

export function jsonString(s: string): JsonText {
  return raw(goEscape(JSON.stringify(s)));
}

export function jsonBool(b: boolean): JsonText {
  return raw(b ? "true" : "false");
}

export function jsonNumber(n: number): JsonText {
  return raw(String(n));
}

/** A struct: fields in order; undefined values are omitted (omitempty). */
export function struct(fields: readonly (readonly [string, JsonText | undefined])[]): JsonText {
  const parts = fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`);
  return raw(`{${parts.join(",")}}`);
}

/** A Go map: keys sorted as Go sorts them (byte order). */
export function map(entries: ReadonlyMap<string, JsonText>, compare: (a: string, b: string) => number): JsonText {
  const keys = [...entries.keys()].sort(compare);
  return raw(`{${keys.map((k) => `${jsonString(k)}:${entries.get(k)}`).join(",")}}`);
}

export function array(items: readonly JsonText[]): JsonText {
  return raw(`[${items.join(",")}]`);
}

/** json.MarshalIndent(v, "", "  "). */
export function indented(text: JsonText): string {
  return indentLikeGo(text);
}

/** <, >, & and the JavaScript line separators only occur inside strings in JSON text, so replace them all. */
function goEscape(text: string): string {
  return /[<>&\u2028\u2029]/.test(text)
    ? text.replace(/[<>&\u2028\u2029]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"))
    : text;
}
