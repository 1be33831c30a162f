// Decoding a request body against a kind's structural schema as Kubernetes' strict JSON decoder does: a value
// of the wrong JSON type is an error in Go's words ("cannot unmarshal string into Go struct field
// DeploymentSpec.spec.replicas of type int32"), unknown fields are collected (and removed) for the caller's
// fieldValidation policy. Iterative, so a deep body cannot overflow the stack.
import type { FieldSchema } from "./schema.js";

export interface DecodeResult {
  /** The first type error in Go's words, if any. */
  typeError?: string;
  /** Paths of unknown fields (`spec.foo`, `spec.containers[0].bar`), in document order. */
  unknown: string[];
}

const GO_TYPES: Record<string, string> = { string: "string", boolean: "bool", number: "float64" };

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  if (typeof v === "number") return "number";
  return typeof v;
}

function goType(s: FieldSchema): string {
  switch (s.type) {
    case "integer": return s.format;
    case "int-or-string": return s.quantity ? "resource.Quantity" : "intstr.IntOrString";
    case "array": return `[]${goType(s.items)}`;
    case "map": return `map[string]${goType(s.values)}`;
    case "object": return `v1.${s.go}`;
    default: return GO_TYPES[s.type] ?? s.type;
  }
}

function fits(s: FieldSchema, v: unknown): boolean {
  switch (s.type) {
    case "string": return typeof v === "string";
    case "boolean": return typeof v === "boolean";
    case "number": return typeof v === "number";
    case "integer": return typeof v === "number" && Number.isInteger(v) && (s.format === "int64" || (v >= -2147483648 && v <= 2147483647));
    case "int-or-string": return typeof v === "string" || (typeof v === "number" && (s.quantity || Number.isInteger(v)));
    case "array": return Array.isArray(v);
    case "map":
    case "object": return typeof v === "object" && !Array.isArray(v);
  }
}

/**
 * Checks `value` (mutating it: unknown fields are removed) against `schema`. `goPath` names fields as Go's
 * decoder does (no list indices); `path` as Kubernetes reports unknown fields (with indices).
 */
export function decodeAgainst(schema: FieldSchema & { type: "object" }, value: Record<string, unknown>, options: { patchDirectives?: boolean } = {}): DecodeResult {
  const out: DecodeResult = { unknown: [] };
  type Frame = { s: FieldSchema; v: unknown; path: string; goPath: string; parentGo: string };
  const stack: Frame[] = [{ s: schema, v: value, path: "", goPath: "", parentGo: schema.type === "object" ? schema.go : "" }];
  while (stack.length > 0) {
    const { s, v, path, goPath, parentGo } = stack.pop()!;
    if (v === null || v === undefined) continue;
    if (!fits(s, v)) {
      if (out.typeError === undefined) {
        const what = typeof v === "number" && (s.type === "integer" || s.type === "int-or-string") ? `number ${String(v)}` : jsonType(v);
        out.typeError = goPath === "" ? `json: cannot unmarshal ${what} into Go value of type ${goType(s)}` : `json: cannot unmarshal ${what} into Go struct field ${parentGo}.${goPath} of type ${goType(s)}`;
      }
      continue;
    }
    const frames: Frame[] = [];
    if (s.type === "array") {
      (v as unknown[]).forEach((item, i) => options.patchDirectives && typeof item === "object" && item !== null && "$patch" in item && Object.keys(item).length <= 2 ? undefined : frames.push({ s: s.items, v: item, path: `${path}[${i}]`, goPath, parentGo }));
    } else if (s.type === "map") {
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) frames.push({ s: s.values, v: item, path: join(path, k), goPath, parentGo });
    } else if (s.type === "object") {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const child = s.properties[k];
        // Strategic-merge directives ($patch, $setElementOrder/..., $retainKeys) are not fields.
        if (options.patchDirectives && k.startsWith("$")) continue;
        if (child) frames.push({ s: child, v: o[k], path: join(path, k), goPath: join(goPath, k), parentGo: s.go });
        else if (!s.open) {
          out.unknown.push(join(path, k));
          delete o[k];
        }
      }
    }
    // Reversed so fields are visited (and reported) in document order.
    for (let i = frames.length - 1; i >= 0; i--) stack.push(frames[i]!);
  }
  return out;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
