// What the API does with a decoded body before the registry sees it, as Kubernetes' decoder does: JSON nested
// deeper than Kubernetes allows is a 400 (never a stack overflow); a value of the wrong type is a 400 in Go's
// words; unknown fields are dropped, and reported per `fieldValidation`: Ignore (silently), Warn (a
// `Warning` header each; the default), Strict (a 400 naming them all).
import { decodeAgainst } from "../objects/decode.js";
import type { KindInfo } from "../objects/kinds.js";
import { kindSchema } from "../objects/schema.js";
import { Errors } from "./status.js";

/** Kubernetes' JSON decoder limit (sigs.k8s.io/json). */
export const MAX_JSON_DEPTH = 10_000;

export type FieldValidation = "Ignore" | "Warn" | "Strict";

export function parseFieldValidation(value: string | null): FieldValidation {
  if (value === null || value === "") return "Warn";
  if (value === "Ignore" || value === "Warn" || value === "Strict") return value;
  throw Errors.badRequest(`fieldValidation parameter unsupported: ${value}`);
}

/** Whether the JSON text nests objects/arrays deeper than `limit` (strings skipped; linear, no recursion). */
export function nestingExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * Checks `body` (an object or merge patch of `info`'s kind), removing unknown fields. Returns the warnings
 * to send; throws 400 for a type error, or for unknown fields under Strict.
 */
export function checkFields(info: KindInfo, body: unknown, policy: FieldValidation, patchDirectives = false): string[] {
  const schema = kindSchema(info.kind);
  if (!schema || typeof body !== "object" || body === null || Array.isArray(body)) return [];
  const r = decodeAgainst(schema, body as Record<string, unknown>, { patchDirectives });
  const prefix = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}`;
  if (r.typeError) throw Errors.badRequest(`${prefix}: ${r.typeError}`);
  if (r.unknown.length === 0 || policy === "Ignore") return [];
  if (policy === "Strict") throw Errors.badRequest(`${prefix}: strict decoding error: ${r.unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
  return r.unknown.map((f) => `unknown field "${f}"`);
}

/** A `Warning` header value (RFC 7234 warn-code 299, as the API server sends). */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}
