// Planner values to the renderer's JSON-shaped values, as Terraform's JSON plan encodes a change: the value
// with unknowns left out (null in sequences, omitted in mappings), a tree saying which parts are unknown,
// and a tree saying which parts are sensitive (value marks plus attributes the schema declares sensitive).

import { formatNumber } from "../../../lang/values/numfmt.js";
import type { BigFloat } from "../../../lang/values/bigfloat.js";
import { NULL, UNKNOWN, type Value } from "../../../lang/values/value.js";
import type { BlockSpec } from "../../../config/schema.js";
import { type Generic, JsonNumber } from "./generic.js";

/** The known parts of a value (jsonplan's omitUnknowns then JSON encoding); undefined when it is unknown. */
export function knownPart(v: Value): Generic | undefined {
  const raw = v.raw;
  if (raw === NULL) return null;
  if (raw === UNKNOWN) return undefined;
  switch (v.type.kind) {
    case "string":
      return raw as string;
    case "bool":
      return raw as boolean;
    case "number":
      return new JsonNumber(formatNumber(raw as BigFloat));
    case "list":
    case "set":
    case "tuple":
      return v.asElements().map((e) => knownPart(e) ?? null);
    case "map":
    case "object": {
      const out = new Map<string, Generic>();
      for (const [k, e] of v.asEntries()) {
        const g = knownPart(e);
        if (g !== undefined) out.set(k, g);
      }
      return out;
    }
    default:
      return null;
  }
}

/** jsonplan's unknownAsBool: `true` where unknown, arrays/objects locating unknowns inside known values. */
export function unknownAsBool(v: Value): Generic {
  if (v.raw === NULL) return false;
  if (v.raw === UNKNOWN) return true;
  switch (v.type.kind) {
    case "list":
    case "set":
    case "tuple":
      return v.asElements().map(unknownAsBool);
    case "map":
    case "object": {
      const out = new Map<string, Generic>();
      for (const [k, e] of v.asEntries()) {
        const u = unknownAsBool(e);
        if (u !== false) out.set(k, u);
      }
      return out;
    }
    default:
      return false;
  }
}

/**
 * jsonstate's SensitiveAsBool over the value with the schema's sensitive attributes marked
 * (configschema's SensitivePaths): `true` where sensitive, arrays/objects locating sensitive parts.
 */
export function sensitiveAsBool(v: Value, block?: BlockSpec): Generic {
  if (v.isSensitive()) return true;
  if (v.raw === NULL) return false;
  const kind = v.type.kind;
  if (kind === "string" || kind === "number" || kind === "bool" || kind === "dynamic") return false;
  if (v.raw === UNKNOWN) return kind === "map" || kind === "object" ? new Map() : [];
  if (kind === "list" || kind === "set" || kind === "tuple") return v.asElements().map((e) => sensitiveAsBool(e));
  if (block !== undefined && kind === "object") return blockSensitivity(v, block);
  const out = new Map<string, Generic>();
  for (const [k, e] of v.asEntries()) {
    const s = sensitiveAsBool(e);
    if (s !== false) out.set(k, s);
  }
  return out;
}

function blockSensitivity(v: Value, block: BlockSpec): Generic {
  const entries = v.asEntries();
  const out = new Map<string, Generic>();
  for (const [name, e] of entries) {
    const attr = block.attributes?.[name];
    const nested = block.blocks?.[name];
    let s: Generic;
    if (attr?.sensitive === true) s = true;
    else if (nested !== undefined) s = nestedBlockSensitivity(e, nested.nesting, nested.block);
    else s = sensitiveAsBool(e);
    if (s !== false) out.set(name, s);
  }
  return out;
}

function nestedBlockSensitivity(v: Value, nesting: string, block: BlockSpec): Generic {
  if (v.isSensitive()) return true;
  if (v.raw === NULL || v.raw === UNKNOWN) return sensitiveAsBool(v);
  switch (nesting) {
    case "single":
    case "group":
      return sensitiveAsBool(v, block);
    case "list":
      return v.asElements().map((e) => sensitiveAsBool(e, block));
    case "map": {
      const out = new Map<string, Generic>();
      for (const [k, e] of v.asEntries()) {
        const s = sensitiveAsBool(e, block);
        if (s !== false) out.set(k, s);
      }
      return out;
    }
    default: {
      // cty cannot hold marked set elements: marking inside one marks the whole set.
      const elems = v.asElements().map((e) => sensitiveAsBool(e, block));
      return elems.some(containsTrue) ? true : elems;
    }
  }
}

function containsTrue(g: Generic): boolean {
  if (g === true) return true;
  if (Array.isArray(g)) return g.some(containsTrue);
  if (g instanceof Map) {
    for (const e of g.values()) if (containsTrue(e)) return true;
  }
  return false;
}
