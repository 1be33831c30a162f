// Schemas between Cairn's model (providers/schema.ts) and the protocol's Schema message. Attribute types
// travel as cty's type JSON. Cairn's `forcesReplacement` has no wire form: a provider served over the
// protocol reports those paths from PlanResourceChange instead (see server.ts), as Terraform's providers do.
// Attributes with a nested object type (protocol 6 `nested_type`) are refused by the client for now.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { typeFromJSON, typeToJSONText } from "../../lang/values/json.js";
import type { AttributeSchema, BlockSchema, NestedBlockSchema, NestingMode, Schema } from "../schema.js";
import { type WireAttribute, type WireBlock, type WireNestedBlock, WireNesting, type WireSchema } from "./wire.js";

const nestingToWire: Record<NestingMode, WireNesting> = {
  single: WireNesting.Single,
  list: WireNesting.List,
  set: WireNesting.Set,
  map: WireNesting.Map,
  group: WireNesting.Group,
};
const nestingFromWire = new Map<number, NestingMode>(Object.entries(nestingToWire).map(([k, v]) => [v, k as NestingMode]));

export function schemaToWire(s: Schema): WireSchema {
  return { version: s.version, block: blockToWire(s.block, s.version) };
}

function blockToWire(b: BlockSchema, version: number): WireBlock {
  const attributes: WireAttribute[] = Object.entries(b.attributes ?? {}).map(([name, a]) => ({
    name,
    type: Buffer.from(typeToJSONText(a.type)),
    description: a.description ?? "",
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
  }));
  const block_types: WireNestedBlock[] = Object.entries(b.blocks ?? {}).map(([type_name, nb]) => ({
    type_name,
    block: blockToWire(nb.block, 0),
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
  const attributes: Record<string, AttributeSchema> = {};
  for (const a of w.attributes ?? []) {
    if (a.nested_type !== null && a.nested_type !== undefined) {
      diags.push(errorDiag("Unsupported provider schema", `The attribute "${a.name}" of ${where} has a nested object type, which Cairn does not support yet.`));
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
    attributes[a.name] = {
      type: t.type,
      ...(a.description ? { description: a.description } : {}),
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
      ...(a.sensitive ? { sensitive: true } : {}),
    };
  }
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
