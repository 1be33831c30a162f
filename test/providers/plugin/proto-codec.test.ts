// The plugin protocol's message codec (providers/plugin/proto-codec.ts), working from the description of the
// .proto files the plugin path runs with (providers/plugin/proto-descriptors.ts), against protobufjs as the
// oracle, for every message type of every .proto file the plugin speaks: encoding an object gives the bytes
// `encode(fromObject(object))` gives, and decoding bytes gives the object `toObject(decode(bytes), ...)` gives
// with the options the protocol's objects were always made with. Bytes to decode are protobufjs's encodings of
// random objects, with unknown fields of every wire type mixed in, several encodings one after another (a later
// field replaces an earlier one, lists grow, oneofs have several members), and truncated anywhere: what
// protobufjs refuses is refused, and what the codec accepts protobufjs reads alike (the codec also refuses
// some malformed input protobufjs reads anyway: a string or a varint cut off by the end). Also: nesting past the limit is refused, 64-bit fields take
// what fromObject takes (numbers past the safe range, text, Long halves) as it does, and a field kind the
// codec lacks is refused when its type's codec is made, not mis-encoded later.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import protobuf from "protobufjs";
import { messageCodec, type MessageCodec } from "../../../providers/plugin/proto-codec.js";
import { protoFiles } from "../../../providers/plugin/proto-descriptors.js";
import { descriptorScript } from "./proto-descriptor-script.js";

const toObjectOptions: protobuf.IConversionOptions = { longs: Number, enums: Number, defaults: true, oneofs: true };
const load = (file: string): protobuf.Root => descriptorScript.loadProtoFile(file);
const describedFile = (file: string) => protoFiles[file as keyof typeof protoFiles];

function messageTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
  const out: protobuf.Type[] = [];
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) out.push(...messageTypes(nested));
  }
  return out;
}

/** Every message type, with its codec made from the description the plugin path uses. */
const types = descriptorScript.protoFileNames.flatMap((file) => messageTypes(load(file)).map((type) => ({ type, codec: (): MessageCodec => messageCodec(describedFile(file), type.fullName) })));

/** Random objects of a type, as Cairn's code and Terraform would make them (depth-bounded). */
function objectOf(type: protobuf.Type, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of type.fieldsArray) {
    const one = valueOf(f, depth);
    if (one === undefined) continue;
    parts[f.name] = f instanceof protobuf.MapField ? fc.dictionary(fc.string({ maxLength: 6 }), one, { maxKeys: 3 }) : f.repeated ? fc.array(one, { maxLength: 3 }) : one;
  }
  return fc.record(parts, { requiredKeys: [] });
}

function valueOf(f: protobuf.Field, depth: number): fc.Arbitrary<unknown> | undefined {
  const resolved = f.resolvedType;
  if (resolved instanceof protobuf.Type) return depth > 3 ? undefined : fc.constant(null).chain(() => objectOf(resolved, depth + 1));
  if (resolved instanceof protobuf.Enum) return fc.oneof(fc.constantFrom(...Object.values(resolved.values)), fc.constantFrom(...Object.keys(resolved.values)), fc.integer({ min: 0, max: 40 }));
  switch (f.type) {
    case "string":
      return fc.string({ unit: "binary", maxLength: 60 });
    case "bytes":
      return fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
    case "bool":
      return fc.boolean();
    case "int32":
      return fc.integer();
    case "uint32":
      return fc.nat();
    case "int64":
    case "uint64":
      return fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat());
    default:
      throw new Error(`no generator for ${f.type}`);
  }
}

/** A field with a number none of the protocol's messages uses, of any wire type (groups too). */
const unknownField: fc.Arbitrary<Buffer> = fc.oneof(
  fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([id, v]) => {
    const w = protobuf.Writer.create().uint32((id << 3) | 0);
    w.uint64((protobuf.util.Long as unknown as { fromString(s: string, unsigned: boolean): protobuf.Long }).fromString(v.toString(), true));
    return Buffer.from(w.finish());
  }),
  fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([id, b]) => Buffer.concat([Buffer.from(protobuf.Writer.create().uint32((id << 3) | 1).finish()), b])),
  fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.uint8Array({ maxLength: 300 })).map(([id, b]) => Buffer.from(protobuf.Writer.create().uint32((id << 3) | 2).bytes(b).finish())),
  fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([id, b]) => Buffer.concat([Buffer.from(protobuf.Writer.create().uint32((id << 3) | 5).finish()), b])),
  fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.string({ maxLength: 10 })).map(([id, s]) =>
    Buffer.from(protobuf.Writer.create().uint32((id << 3) | 3).uint32((7 << 3) | 2).string(s).uint32((id << 3) | 4).finish()),
  ),
);

function oracleEncode(type: protobuf.Type, value: object): Buffer {
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

function oracleDecode(type: protobuf.Type, bytes: Buffer): object {
  return type.toObject(type.decode(bytes), toObjectOptions);
}

/** The oracle's answer, or the fact that it refused. */
function attempt(fn: () => object): object | "refused" {
  try {
    return fn();
  } catch {
    return "refused";
  }
}

describe("plugin protocol message codec", () => {
  it("covers every message type of the protocol's .proto files", () => {
    assert.ok(types.length > 80, `found ${types.length} message types`);
    for (const { codec } of types) codec();
  });

  it("encodes as protobufjs does, for every message type", () => {
    for (const { type, codec: made } of types) {
      const codec = made();
      fc.assert(
        fc.property(objectOf(type, 0), (value) => {
          assert.deepEqual(codec.encode(value), oracleEncode(type, value), type.fullName);
        }),
        { numRuns: 60 },
      );
    }
  });

  it("decodes as protobufjs does: unknown fields, repeated encodings, empty messages", () => {
    for (const { type, codec: made } of types) {
      const codec = made();
      assert.deepStrictEqual(codec.decode(Buffer.alloc(0)), oracleDecode(type, Buffer.alloc(0)), type.fullName);
      const parts = fc.array(fc.oneof(objectOf(type, 0).map((v) => oracleEncode(type, v)), unknownField), { maxLength: 4 });
      fc.assert(
        fc.property(parts, (chunks) => {
          const bytes = Buffer.concat(chunks);
          assert.deepStrictEqual(codec.decode(bytes), oracleDecode(type, bytes), type.fullName);
        }),
        { numRuns: 60 },
      );
    }
  });

  it("refuses truncated messages protobufjs refuses, and reads the others as it does or refuses them", () => {
    for (const { type, codec: made } of types) {
      const codec = made();
      const cut = objectOf(type, 0).chain((v) => {
        const bytes = oracleEncode(type, v);
        return fc.nat({ max: bytes.length }).map((n) => bytes.subarray(0, n));
      });
      fc.assert(
        fc.property(cut, (bytes) => {
          const mine = attempt(() => codec.decode(bytes));
          const theirs = attempt(() => oracleDecode(type, bytes));
          if (theirs === "refused" || mine !== "refused") assert.deepStrictEqual(mine, theirs, type.fullName);
        }),
        { numRuns: 40 },
      );
    }
  });

  const tf6 = load("tfplugin6.proto");
  const tf6Codec = (type: protobuf.Type): MessageCodec => messageCodec(describedFile("tfplugin6.proto"), type.fullName);
  const schemaObject = tf6.lookupType("tfplugin6.Schema.Object");
  const nested = (depth: number): object => {
    let o: object = { nesting: 1 };
    for (let i = 0; i < depth; i++) o = { attributes: [{ name: `a${i}`, nested_type: o }], nesting: 2 };
    return o;
  };

  it("decodes nesting to protobufjs's limit and refuses deeper", () => {
    const codec = tf6Codec(schemaObject);
    const ok = oracleEncode(schemaObject, nested(45));
    assert.deepStrictEqual(codec.decode(ok), oracleDecode(schemaObject, ok));
    assert.throws(() => codec.decode(oracleEncode(schemaObject, nested(60))), /nesting depth/);
    assert.throws(() => codec.encode(nested(60)), /nesting depth/);
  });

  it("names a oneof's member and reads int64 element keys as numbers", () => {
    const path = tf6.lookupType("tfplugin6.AttributePath");
    const codec = tf6Codec(path);
    const value = { steps: [{ attribute_name: "spec" }, { element_key_int: -3 }, { element_key_int: 2 ** 40 }, { element_key_string: "" }] };
    const bytes = codec.encode(value);
    assert.deepEqual(bytes, oracleEncode(path, value));
    assert.deepStrictEqual(codec.decode(bytes), {
      steps: [
        { attribute_name: "spec", selector: "attribute_name" },
        { element_key_int: -3, selector: "element_key_int" },
        { element_key_int: 2 ** 40, selector: "element_key_int" },
        { element_key_string: "", selector: "element_key_string" },
      ],
    });
  });

  it("writes 64-bit fields from what fromObject takes, as it does: any number, text, bigints, Long halves", () => {
    const root = protobuf.parse('syntax = "proto3"; message M { int64 s = 1; uint64 u = 2; }', { keepCase: true }).root;
    root.resolveAll();
    const type = root.lookupType("M");
    const codec = messageCodec(descriptorScript.describeRoot(root), ".M");
    const long = fc.oneof(
      fc.double(),
      fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 64, 2 ** 63 - 1024, -(2 ** 53) - 2, 0.5, -0.5, -5, -(2 ** 40), -0, NaN),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.stringMatching(/^[-+]?[0-9a-f.xe -]{0,24}$/),
      fc.constantFrom("", "-", "NaN", "-NaN", "Infinity", "+Infinity", "-Infinity", "--5", "1-2"),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
      fc.record({ low: fc.integer(), high: fc.integer() }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.record({ s: long, u: long }, { requiredKeys: [] }), (value) => {
        assert.deepEqual(attempt(() => codec.encode(value)), attempt(() => oracleEncode(type, value)));
      }),
      { numRuns: 2000 },
    );
  });

  const table: readonly { name: string; proto: string; message: RegExp }[] = [
    { name: "a repeated scalar", proto: "message M { repeated int32 xs = 1; }", message: /repeated scalar/ },
    { name: "a double", proto: "message M { double x = 1; }", message: /field type double/ },
    { name: "a map with integer keys", proto: "message M { map<int32, string> m = 1; }", message: /map key of type int32/ },
  ];
  for (const t of table) {
    it(`refuses ${t.name} when the codec is made`, () => {
      const root = protobuf.parse(`syntax = "proto3"; ${t.proto}`, { keepCase: true }).root;
      root.resolveAll();
      assert.throws(() => messageCodec(descriptorScript.describeRoot(root), ".M"), t.message);
    });
  }
});
