// Attributes of nested object types in the schema model: their implied and configuration types, the wire
// form in protocols 6 and 5, the proposed new state and the plan check descending into their objects.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { convert } from "../../lang/values/convert.js";
import { NumberType, StringType, typeString } from "../../lang/values/types.js";
import { listVal, mapVal, nullVal, numberVal, objectVal, stringVal, unknownVal, type Value } from "../../lang/values/value.js";
import { setVal } from "../../lang/values/set.js";
import { assertPlanValid, getAttr, proposedNewState } from "../../providers/index.js";
import { type AttributeSchema, type BlockSchema, type NestedAttributeType, attributeConfigType, impliedType, nestedAttributeType } from "../../providers/schema.js";
import { schemaFromWire, schemaToWire } from "../../providers/plugin/wire-schema.js";

const objectAttrs = {
  port: { type: NumberType, required: true },
  proto: { type: StringType, optional: true, computed: true },
  uid: { type: StringType, computed: true },
} as const;

function nested(nesting: NestedAttributeType["nesting"], flags: Partial<AttributeSchema> = { optional: true }): AttributeSchema {
  const nestedType: NestedAttributeType = { nesting, attributes: objectAttrs };
  return { type: nestedAttributeType(nestedType), nestedType, ...flags };
}

const schema: BlockSchema = {
  attributes: { name: { type: StringType, required: true }, one: nested("single"), many: nested("list"), bag: nested("set"), named: nested("map") },
};

const obj = (port: number, proto?: string): Value => objectVal({ port: numberVal(port), proto: proto === undefined ? nullVal(StringType) : stringVal(proto), uid: nullVal(StringType) });

describe("nested attribute types", () => {
  it("imply object, list, set and map of objects", () => {
    const t = impliedType(schema);
    const inner = "object({port=number, proto=string, uid=string})";
    assert.equal(typeString(t.attrs.get("one")!), inner);
    assert.equal(typeString(t.attrs.get("many")!), `list(${inner})`);
    assert.equal(typeString(t.attrs.get("bag")!), `set(${inner})`);
    assert.equal(typeString(t.attrs.get("named")!), `map(${inner})`);
  });

  it("take configuration values that leave out what is not required, filling it with null", () => {
    const given = objectVal({ port: numberVal(80) });
    const conv = convert(listVal([given]), attributeConfigType(schema.attributes!.many!));
    assert.ok(conv.ok);
    assert.equal(typeString(conv.value.type), typeString(schema.attributes!.many!.type));
    assert.ok(getAttr((conv.value.raw as Value[])[0]!, "proto").isNull());
    const missing = convert(objectVal({ proto: stringVal("tcp") }), attributeConfigType(schema.attributes!.one!));
    assert.ok(!missing.ok);
    assert.match(missing.message, /attribute "port" is required/);
  });

  const wireCases: { name: string; protocol: 5 | 6; nestedOnWire: boolean }[] = [
    { name: "travel as nested_type in protocol 6 and come back the same", protocol: 6, nestedOnWire: true },
    { name: "travel as their implied type in protocol 5, which has no nested types", protocol: 5, nestedOnWire: false },
  ];
  for (const c of wireCases) {
    it(c.name, () => {
      const wire = schemaToWire({ version: 1, block: schema }, c.protocol);
      const one = wire.block!.attributes!.find((a) => a.name === "one")!;
      assert.equal(one.nested_type !== undefined, c.nestedOnWire);
      assert.equal(one.type === undefined, c.nestedOnWire);
      const back = schemaFromWire(wire, "test");
      assert.deepEqual(back.diags, []);
      for (const name of ["one", "many", "bag", "named"]) {
        const a = back.schema!.block.attributes![name]!;
        assert.equal(typeString(a.type), typeString(schema.attributes![name]!.type), name);
        assert.equal(a.nestedType?.nesting, c.nestedOnWire ? schema.attributes![name]!.nestedType!.nesting : undefined);
        if (c.nestedOnWire) assert.deepEqual(Object.keys(a.nestedType!.attributes).sort(), ["port", "proto", "uid"]);
      }
    });
  }

  it("a wire attribute with both a type and a nested type is refused", () => {
    const wire = schemaToWire({ version: 0, block: { attributes: { one: nested("single") } } }, 6);
    const bad = { ...wire, block: { ...wire.block, attributes: wire.block!.attributes!.map((a) => ({ ...a, type: Buffer.from('"string"') })) } };
    const back = schemaFromWire(bad, "resource type x");
    assert.equal(back.schema, undefined);
    assert.match(back.diags[0]!.detail ?? "", /both a type and a nested type/);
  });

  it("propose each object's computed attributes as unknown on create and keep prior ones on update", () => {
    const config = objectVal({ name: stringVal("n"), one: obj(1), many: listVal([obj(2, "udp")]), bag: setVal([obj(3)]), named: mapVal({ k: obj(4) }) });
    const created = proposedNewState(schema, nullVal(impliedType(schema)), config);
    const first = getAttr(created, "one");
    assert.ok(!getAttr(first, "uid").isKnown());
    assert.ok(!getAttr(first, "proto").isKnown(), "optional+computed left out: unknown");
    assert.equal(getAttr((getAttr(created, "many").raw as Value[])[0]!, "proto").asString(), "udp");
    assert.ok(!getAttr((getAttr(created, "named").raw as Map<string, Value>).get("k")!, "uid").isKnown());

    const settled = (v: Value): Value => objectVal({ port: getAttr(v, "port"), proto: stringVal("tcp"), uid: stringVal(`u${getAttr(v, "port").asNumber().toNumber()}`) });
    const prior = objectVal({ name: stringVal("n"), one: settled(obj(1)), many: listVal([settled(obj(2))]), bag: setVal([settled(obj(3))]), named: mapVal({ k: settled(obj(4)) }) });
    const updated = proposedNewState(schema, prior, config);
    assert.equal(getAttr(getAttr(updated, "one"), "uid").asString(), "u1");
    assert.equal(getAttr((getAttr(updated, "bag").raw as Value[])[0]!, "uid").asString(), "u3");
    assert.deepEqual(assertPlanValid({ schema, prior, config, planned: updated, provider: "p", address: "x.y" }), []);
  });

  it("the plan check names a changed non-computed attribute inside an object", () => {
    const config = objectVal({ name: stringVal("n"), one: obj(1), many: nullVal(schema.attributes!.many!.type), bag: nullVal(schema.attributes!.bag!.type), named: nullVal(schema.attributes!.named!.type) });
    const planned = objectVal({ ...Object.fromEntries(config.asEntries()), one: objectVal({ port: numberVal(2), proto: unknownVal(StringType), uid: unknownVal(StringType) }) });
    const diags = assertPlanValid({ schema, prior: nullVal(impliedType(schema)), config, planned, provider: "p", address: "x.y" });
    assert.equal(diags.length, 1);
    assert.match(diags[0]!.detail ?? "", /x\.y\.one\.port: planned value cty\.NumberIntVal\(2\) does not match config value cty\.NumberIntVal\(1\)/);
  });
});
