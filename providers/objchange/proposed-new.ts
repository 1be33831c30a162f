// The proposed new state handed to planResourceChange (Terraform's objchange.ProposedNew): what the object
// would be if the provider changed nothing the configuration does not ask for.
// - a non-computed attribute takes the configuration's value (null included);
// - a computed attribute set in the configuration takes that value (unknown included);
// - a computed attribute left null in the configuration keeps the prior value;
// - with no prior object (a create), such an attribute is unknown.
// The last rule is Cairn's: Terraform proposes null there and leaves marking it unknown to the provider
// (the plugin SDK does it for every provider). Proposing unknown gives the same plan without asking each
// provider to repeat it; a provider may still plan a known value, e.g. a default.
// Nested blocks, and the objects of attributes with a nested type, are matched with their prior counterparts
// by index (list), key (map), non-computed attributes (set), or directly (single, group).

import type { Value } from "../../lang/values/value.js";
import { listVal, mapVal, nullVal, objectVal, objectValOwning, tupleVal, unknownVal } from "../../lang/values/value.js";
import { setVal } from "../../lang/values/set.js";
import { rawEquals } from "../../lang/values/value.js";
import { type AttributeSchema, type BlockSchema, type NestedBlockSchema, attributesOf, impliedType, nestedBlocksOf, nestedTypeAsBlock } from "../schema.js";
import { elementsOf, entriesOf, getAttr, present } from "./object-access.js";

export function proposedNewState(schema: BlockSchema, prior: Value, config: Value): Value {
  // A null configuration is a delete: nothing is proposed.
  if (config.isNull()) return nullVal(impliedType(schema));
  return proposeBlock(schema, present(prior), config);
}

/** `prior` undefined: there is no prior object to take computed values from. */
function proposeBlock(block: BlockSchema, prior: Value | undefined, config: Value): Value {
  if (!config.isKnown() || config.isNull()) return config;
  const out = new Map<string, Value>();
  // In the object's key order, so the result needs no sorting (proposing has no effects to keep in order).
  for (const member of membersInKeyOrder(block)) {
    const name = member.name;
    if (member.block !== undefined) {
      const pv = prior === undefined ? undefined : getAttr(prior, name);
      out.set(name, proposeNested(member.block, pv, getAttr(config, name)));
      continue;
    }
    const attr = member.attr;
    const cv = getAttr(config, name);
    if (attr.computed === true && cv.isNull()) out.set(name, prior === undefined ? unknownVal(attr.type) : getAttr(prior, name));
    // A nested attribute type's objects are proposed attribute by attribute, as nested blocks are.
    else if (attr.nestedType !== undefined) out.set(name, proposeNested(nestedTypeAsBlock(attr.nestedType), prior === undefined ? undefined : getAttr(prior, name), cv));
    else out.set(name, cv);
  }
  return objectValOwning(out);
}

type Member = { readonly name: string; readonly attr: AttributeSchema; readonly block?: undefined } | { readonly name: string; readonly block: NestedBlockSchema };
const memberOrders = new WeakMap<BlockSchema, readonly Member[]>();

/** A block's attributes and nested blocks together, sorted by name as an object's keys are. */
function membersInKeyOrder(block: BlockSchema): readonly Member[] {
  let members = memberOrders.get(block);
  if (members === undefined) {
    const all: Member[] = [...attributesOf(block).map(([name, attr]): Member => ({ name, attr })), ...nestedBlocksOf(block).map(([name, nb]): Member => ({ name, block: nb }))];
    all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    memberOrders.set(block, (members = all));
  }
  return members;
}

function proposeNested(nb: NestedBlockSchema, prior: Value | undefined, config: Value): Value {
  if (!config.isKnown() || config.isNull()) return config;
  switch (nb.nesting) {
    case "single":
    case "group":
      return proposeBlock(nb.block, present(prior), config);
    case "list": {
      const priorElems = prior === undefined ? [] : elementsOf(prior);
      const elems = elementsOf(config).map((ce, i) => proposeBlock(nb.block, present(priorElems[i]), ce));
      if (elems.length === 0) return config;
      return config.type.kind === "tuple" ? tupleVal(elems) : listVal(elems);
    }
    case "map": {
      const priorEntries = prior === undefined ? new Map<string, Value>() : entriesOf(prior);
      const out = new Map<string, Value>();
      for (const [k, ce] of entriesOf(config)) out.set(k, proposeBlock(nb.block, present(priorEntries.get(k)), ce));
      if (out.size === 0) return config;
      return config.type.kind === "object" ? objectVal(out) : mapVal(out);
    }
    case "set": {
      const unused = prior === undefined ? [] : [...elementsOf(prior)];
      const elems = elementsOf(config).map((ce) => {
        const i = unused.findIndex((pe) => sameConfiguredAttributes(nb.block, pe, ce));
        const match = i < 0 ? undefined : unused.splice(i, 1)[0];
        return proposeBlock(nb.block, present(match), ce);
      });
      return elems.length === 0 ? config : setVal(elems);
    }
  }
}

/**
 * Set elements have no identity but their value; a prior element is the "same" block as a configured one
 * when every attribute the configuration sets (non-computed ones) is equal.
 */
function sameConfiguredAttributes(block: BlockSchema, prior: Value, config: Value): boolean {
  for (const [name, attr] of attributesOf(block)) {
    if (attr.computed === true) continue;
    if (!rawEquals(getAttr(prior, name), getAttr(config, name))) return false;
  }
  return true;
}
