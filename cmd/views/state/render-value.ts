// Renders attribute values of a state object as Terraform's `state show` and `show` do (jsonformat renderers
// with hidden diff symbols and every child shown): four-space indentation, objects and maps as `{ key = v }`
// with aligned keys in sorted order, lists as one element per line with trailing commas, multi-line strings
// as `<<-EOT` heredocs, JSON strings as `jsonencode(...)`, sensitive values as `(sensitive value)`.
//
// State carries no schema, so values are rendered as Terraform renders values of dynamic type: JSON objects
// as objects (keys quoted only when they are not identifiers), arrays as lists.

import { LosslessNumber, compareGoStrings, parseJsonExact, type JsonValue } from "../../../lang/values/json-exact.js";
import { isValidIdentifier } from "../../../lang/hcl-quote.js";
import { goQuote } from "../../../lang/values/set.js";
import { pathKey, type Step } from "../../../state/sensitive-paths.js";

export const SENSITIVE = "(sensitive value)";

export function indentOf(level: number): string {
  return "    ".repeat(level);
}

/** An attribute or object key as Terraform prints it (hclsyntax.ValidIdentifier, else Go's %q). */
export function attributeName(name: string): string {
  return isValidIdentifier(name) ? name : goQuote(name);
}

/** Go's fmt "%-*s": pads to width counted in runes; Terraform measures the width in bytes. */
export function padKey(key: string, width: number): string {
  return key + " ".repeat(Math.max(0, width - [...key].length));
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

export interface RenderContext {
  /** pathKey()s of sensitive values. */
  readonly sensitive: ReadonlySet<string>;
}

/**
 * The value at `path`, rendered at nesting level `indent` (the level of the line it starts on). With a cty
 * type in its JSON form (outputs have one), map keys are always quoted as Terraform does for maps; without
 * one (or "dynamic") the value is rendered as a dynamic JSON value.
 */
export function renderValue(v: JsonValue, indent: number, path: Step[], rc: RenderContext, type?: JsonValue): string {
  if (rc.sensitive.has(pathKey(path))) return SENSITIVE;
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return JSON.stringify(v);
  if (v instanceof LosslessNumber) return v.text;
  if (typeof v === "string") return renderString(v, indent);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const lines = v.map((e, i) => `${indentOf(indent + 1)}${renderValue(e, indent + 1, [...path, i], rc, elementType(type, i))},\n`);
    return `[\n${lines.join("")}${indentOf(indent)}]`;
  }
  const keys = Object.keys(v).sort(compareGoStrings);
  if (keys.length === 0) return "{}";
  const isMap = Array.isArray(type) && type[0] === "map";
  const keyText = (k: string) => (isMap ? goQuote(k) : attributeName(k));
  const width = Math.max(...keys.map((k) => byteLength(keyText(k))));
  const lines = keys.map(
    (k) => `${indentOf(indent + 1)}${padKey(keyText(k), width)} = ${renderValue(v[k]!, indent + 1, [...path, k], rc, attributeType(type, k))}\n`,
  );
  return `{\n${lines.join("")}${indentOf(indent)}}`;
}

function renderString(s: string, indent: number): string {
  if (s.startsWith("{") || s.startsWith("[")) {
    const parsed = parseJsonExact(s);
    if (parsed.ok) {
      const inner = renderValue(parsed.value, indent + 1, [], { sensitive: new Set() });
      return inner.includes("\n") ? `jsonencode(\n${indentOf(indent + 1)}${inner}\n${indentOf(indent)})` : `jsonencode(${inner})`;
    }
  }
  if (!s.includes("\n")) return goQuote(s);
  const body = s.trim().split("\n").map((line) => indentOf(indent + 1) + line);
  return `<<-EOT\n${body.join("\n")}\n${indentOf(indent)}EOT`;
}

/** The element type of a list, set, map or tuple type at position i. */
function elementType(type: JsonValue | undefined, i: number): JsonValue | undefined {
  if (!Array.isArray(type)) return undefined;
  if (type[0] === "tuple" && Array.isArray(type[1])) return type[1][i];
  return type[0] === "list" || type[0] === "set" || type[0] === "map" ? type[1] : undefined;
}

function attributeType(type: JsonValue | undefined, key: string): JsonValue | undefined {
  if (!Array.isArray(type)) return undefined;
  if (type[0] === "map") return type[1];
  const attrs = type[0] === "object" ? type[1] : undefined;
  if (attrs !== null && typeof attrs === "object" && !Array.isArray(attrs) && Object.prototype.hasOwnProperty.call(attrs, key)) {
    return (attrs as { [k: string]: JsonValue })[key];
  }
  return undefined;
}
