// Short constructors for the cluster provider's schemas, so each resource's schema reads as a table.
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from "../schema.js";
import { BoolType, NumberType, StringType, listOf, mapOf, type Type } from "../../lang/values/types.js";

type Flags = Omit<AttributeSchema, "type">;

export const STRING = StringType;
export const NUMBER = NumberType;
export const BOOL = BoolType;
export const STRING_MAP = mapOf(StringType);
export const STRING_LIST = listOf(StringType);
export const NUMBER_LIST = listOf(NumberType);

export const required = (type: Type, description: string, more: Flags = {}): AttributeSchema => ({ type, description, required: true, ...more });
export const optional = (type: Type, description: string, more: Flags = {}): AttributeSchema => ({ type, description, optional: true, ...more });
/** Optional, with a default the provider fills in (shown in the plan, read back from the cluster). */
export const defaulted = (type: Type, description: string, more: Flags = {}): AttributeSchema => ({ type, description, optional: true, computed: true, ...more });
export const computed = (type: Type, description: string, more: Flags = {}): AttributeSchema => ({ type, description, computed: true, ...more });

export const listBlock = (block: BlockSchema, more: Omit<NestedBlockSchema, "nesting" | "block"> = {}): NestedBlockSchema => ({ nesting: "list", block, ...more });
export const singleBlock = (block: BlockSchema): NestedBlockSchema => ({ nesting: "single", block });

/** `timeouts { create = "5m" update = "5m" }`, as Terraform providers spell it. */
export const timeoutsBlock: NestedBlockSchema = singleBlock({
  attributes: {
    create: optional(StringType, 'How long apply waits for every replica to be placed and Running after a create ("5m").'),
    update: optional(StringType, "The same wait after an update."),
  },
});
