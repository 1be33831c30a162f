// The schema of the test-only provider `example.com/test/test` and its `test_thing` resource and data
// source: one attribute of every kind the planner must handle, and a nested block.

import { blockValue, type Schema } from "../../../providers/schema.js";
import { NumberType, StringType, mapOf } from "../../../lang/values/types.js";
import { type Value, listVal, mapVal, numberVal, stringVal } from "../../../lang/values/value.js";

export const testThingType = "test_thing";

export const testProviderConfigSchema: Schema = {
  version: 0,
  block: { attributes: { region: { type: StringType, optional: true } } },
};

export const ruleBlock = {
  attributes: {
    port: { type: NumberType, required: true },
    /** Defaults to "tcp": the provider plans a known value for a computed attribute left unset. */
    protocol: { type: StringType, optional: true, computed: true },
  },
} as const;

export const testThingSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      /** Renaming a thing replaces it. */
      name: { type: StringType, required: true, forcesReplacement: true },
      size: { type: NumberType, optional: true },
      tags: { type: mapOf(StringType), optional: true },
      password: { type: StringType, optional: true, sensitive: true },
      /** Chosen by the provider at create ("zone-a") unless configured. */
      zone: { type: StringType, optional: true, computed: true },
      id: { type: StringType, computed: true },
    },
    blocks: {
      rule: { nesting: "list", block: ruleBlock, maxItems: 10 },
    },
  },
};

/** The data source test_thing: looks a thing up by name. */
export const testThingDataSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: { type: StringType, required: true },
      id: { type: StringType, computed: true },
      size: { type: NumberType, computed: true },
      zone: { type: StringType, computed: true },
    },
  },
};

export interface ThingConfig {
  readonly name: string;
  readonly size?: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly password?: string;
  readonly zone?: string;
  readonly rules?: readonly { readonly port: number; readonly protocol?: string }[];
}

/** A test_thing configuration value as the planner would hand it to the provider. */
export function thingConfig(c: ThingConfig): Value {
  const given: Record<string, Value> = { name: stringVal(c.name) };
  if (c.size !== undefined) given.size = numberVal(c.size);
  if (c.tags !== undefined && Object.keys(c.tags).length > 0) {
    given.tags = mapVal(Object.fromEntries(Object.entries(c.tags).map(([k, v]) => [k, stringVal(v)])));
  }
  if (c.password !== undefined) given.password = stringVal(c.password);
  if (c.zone !== undefined) given.zone = stringVal(c.zone);
  if (c.rules !== undefined && c.rules.length > 0) {
    given.rule = listVal(
      c.rules.map((r) => blockValue(ruleBlock, { port: numberVal(r.port), ...(r.protocol !== undefined ? { protocol: stringVal(r.protocol) } : {}) })),
    );
  }
  return blockValue(testThingSchema.block, given);
}

