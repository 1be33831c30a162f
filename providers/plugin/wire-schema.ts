// Schemas between Cairn's model (providers/schema.ts) and the protocol's Schema message. Attribute types
// travel as cty's type JSON. Cairn's `forcesReplacement` has no wire form: a provider served over the
// protocol reports those paths from PlanResourceChange instead (see server.ts), as Terraform's providers do.
// Attributes with a nested object type travel as protocol 6's `nested_type` (and no `type`, as Terraform
// requires); protocol 5 has no such field, so there they travel as their implied type.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { typeFromJSON, typeToJSONText } from "../../lang/values/json.js";
import { nestedAttributeType, type NestedAttributeType } from "../../config/schema.js";
import type { AttributeSchema, BlockSchema, NestedBlockSchema, NestingMode, Schema } from "../schema.js";
import { type WireAttribute, type WireBlock, type WireNestedBlock, WireNesting, type WireObject, type WireSchema } from "./wire.js";

const nestingToWire: Record<NestingMode, WireNesting> = {
  single: WireNesting.Single,
  list: WireNesting.List,
  set: WireNesting.Set,
  map: WireNesting.Map,
  group: WireNesting.Group,
};
const nestingFromWire = new Map<number, NestingMode>(Object.entries(nestingToWire).map(([k, v]) => [v, k as NestingMode]));

const objectNestingToWire: Record<NestedAttributeType["nesting"], WireNesting> = {
  single: WireNesting.Single,
  list: WireNesting.List,
  set: WireNesting.Set,
  map: WireNesting.Map,
};

/** `protocol` is the provider protocol version the schema travels in (5 has no nested attribute types). */
export function schemaToWire(s: Schema, protocol: 5 | 6 = 6): WireSchema {
  return { version: s.version, block: blockToWire(s.block, s.version, protocol) };
}

function attributesToWire(attrs: Readonly<Record<string, AttributeSchema>>, protocol: 5 | 6): WireAttribute[] {
  return Object.entries(attrs).map(([name, a]) => ({
    name,
    ...(a.nestedType !== undefined && protocol === 6 ? { nested_type: objectToWire(a.nestedType, protocol) } : { type: Buffer.from(typeToJSONText(a.type)) }),
    description: a.description ?? "",
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
  }));
}

function objectToWire(o: NestedAttributeType, protocol: 5 | 6): WireObject {
  return { attributes: attributesToWire(o.attributes, protocol), nesting: objectNestingToWire[o.nesting], min_items: o.minItems ?? 0, max_items: o.maxItems ?? 0 };
}

function blockToWire(b: BlockSchema, version: number, protocol: 5 | 6): WireBlock {
  const attributes = attributesToWire(b.attributes ?? {}, protocol);
  const block_types: WireNestedBlock[] = Object.entries(b.blocks ?? {}).map(([type_name, nb]) => ({
    type_name,
    block: blockToWire(nb.block, 0, protocol),
    nesting: nestingToWire[nb.nesting],
    min_items: nb.minItems ?? 0,
    max_items: nb.maxItems ?? 0,
  }));
  return { version, attributes, block_types };
}

/** A schema the peer sent, or diagnostics saying why Cairn cannot use it. `where` names it in messages. */
export function schemaFromWire(w: WireSchema | null | undefined, where: string): { schema?: Schema; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const block = blockFromWire(w?.block ?? {}, where, diags, 0);
  return diags.length > 0 ? { diags } : { schema: { version: Number(w?.version ?? 0), block }, diags };
}

function blockFromWire(w: WireBlock, where: string, diags: Diagnostic[], depth: number): BlockSchema {
  if (depth > 32) {
    diags.push(errorDiag("Invalid provider schema", `The schema of ${where} nests blocks more than 32 deep.`));
    return {};
  }
  const attributes = attributesFromWire(w.attributes ?? [], where, diags, depth);
  const blocks: Record<string, NestedBlockSchema> = {};
  for (const nb of w.block_types ?? []) {
    const nesting = nestingFromWire.get(nb.nesting ?? 0);
    if (nesting === undefined) {
      diags.push(errorDiag("Invalid provider schema", `The block type "${nb.type_name}" of ${where} has no nesting mode.`));
      continue;
    }
    const minItems = Number(nb.min_items ?? 0);
    const maxItems = Number(nb.max_items ?? 0);
    blocks[nb.type_name] = {
      nesting,
      block: blockFromWire(nb.block ?? {}, `${where} block "${nb.type_name}"`, diags, depth + 1),
      ...(minItems > 0 ? { minItems } : {}),
      ...(maxItems > 0 ? { maxItems } : {}),
    };
  }
  return { attributes, blocks };
}

function attributesFromWire(ws: readonly WireAttribute[], where: string, diags: Diagnostic[], depth: number): Record<string, AttributeSchema> {
  const attributes: Record<string, AttributeSchema> = {};
  for (const a of ws) {
    const flags = {
      ...(a.description ? { description: a.description } : {}),
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
      ...(a.sensitive ? { sensitive: true } : {}),
    };
    if (a.nested_type !== null && a.nested_type !== undefined) {
      if ((a.type?.length ?? 0) > 0) {
        diags.push(errorDiag("Invalid provider schema", `The attribute "${a.name}" of ${where} has both a type and a nested type.`));
        continue;
      }
      const nestedType = objectFromWire(a.nested_type, `${where} attribute "${a.name}"`, diags, depth + 1);
      if (nestedType !== undefined) attributes[a.name] = { type: nestedAttributeType(nestedType), nestedType, ...flags };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(a.type ?? []).toString("utf8"));
    } catch {
      parsed = undefined;
    }
    const t = typeFromJSON(parsed);
    if (!t.ok) {
      diags.push(errorDiag("Invalid provider schema", `The attribute "${a.name}" of ${where} has an invalid type: ${t.message}.`));
      continue;
    }
    attributes[a.name] = { type: t.type, ...flags };
  }
  return attributes;
}

const objectNestingFromWire = new Map<number, NestedAttributeType["nesting"]>(Object.entries(objectNestingToWire).map(([k, v]) => [v, k as NestedAttributeType["nesting"]]));

function objectFromWire(w: WireObject, where: string, diags: Diagnostic[], depth: number): NestedAttributeType | undefined {
  if (depth > 32) {
    diags.push(errorDiag("Invalid provider schema", `The schema of ${where} nests attributes more than 32 deep.`));
    return undefined;
  }
  const nesting = objectNestingFromWire.get(w.nesting ?? 0);
  if (nesting === undefined) {
    diags.push(errorDiag("Invalid provider schema", `The nested type of ${where} has no valid nesting mode.`));
    return undefined;
  }
  const minItems = Number(w.min_items ?? 0);
  const maxItems = Number(w.max_items ?? 0);
  return {
    nesting,
    attributes: attributesFromWire(w.attributes ?? [], where, diags, depth),
    ...(minItems > 0 ? { minItems } : {}),
    ...(maxItems > 0 ? { maxItems } : {}),
  };
}
