// Constructors and unmarking: objects and maps iterate keys in code-unit order however they were built (in
// order, out of order, records with integer-like keys, which JavaScript enumerates first); stringVal
// normalises to NFC; unmarkDeep removes every mark, reports them, and returns the same value when there is
// nothing to remove (plans unmark every instance: copying unmarked values was measurable).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SENSITIVE, Value, mapVal, objectVal, objectValOwning, rawEquals, stringVal, tupleVal } from "../../../lang/values/value.js";
import { n, s } from "./helpers.js";

const keys = (v: Value): string[] => [...v.asEntries().keys()];

describe("object and map keys", () => {
  const cases: readonly (readonly [string, Map<string, Value> | Record<string, Value>, string[]])[] = [
    ["a Map in order", new Map([["a", n(1)], ["b", n(2)], ["c", n(3)]]), ["a", "b", "c"]],
    ["a Map out of order", new Map([["c", n(3)], ["a", n(1)], ["b", n(2)]]), ["a", "b", "c"]],
    ["a Map sorted but for the last key", new Map([["b", n(1)], ["c", n(2)], ["a", n(3)]]), ["a", "b", "c"]],
    ["code units, not locale", new Map([["a", n(1)], ["B", n(2)], ["é", n(3)], ["Z", n(4)]]), ["B", "Z", "a", "é"]],
    ["a record out of order", { z: n(1), m: n(2), a: n(3) }, ["a", "m", "z"]],
    ["integer-like record keys sort as strings", { "10": n(1), "9": n(2), "1": n(3), x: n(4) }, ["1", "10", "9", "x"]],
  ];
  for (const [name, entries, want] of cases) {
    it(`objectVal: ${name}`, () => assert.deepEqual(keys(objectVal(entries)), want));
    it(`mapVal: ${name}`, () => assert.deepEqual(keys(mapVal(entries)), want));
    if (entries instanceof Map) {
      it(`objectValOwning: ${name}`, () => {
        const owned = objectValOwning(new Map(entries));
        assert.deepEqual(keys(owned), want);
        assert.ok(rawEquals(owned, objectVal(entries)));
      });
    }
  }

  it("copies its input: later changes to the caller's Map do not show", () => {
    const m = new Map([["a", n(1)]]);
    const v = objectVal(m);
    m.set("b", n(2));
    assert.deepEqual(keys(v), ["a"]);
  });
});

describe("object types", () => {
  // Objects of one shape share their type (immutable, so sharing is invisible), and only of one shape.
  const cases: readonly (readonly [string, Record<string, Value>, Record<string, Value>, boolean])[] = [
    ["same attribute types", { a: s("x"), b: n(1) }, { a: s("y"), b: n(2) }, true],
    ["another attribute type", { a: s("x"), b: n(1) }, { a: s("x"), b: s("1") }, false],
    ["another attribute name", { a: s("x"), b: n(1) }, { a: s("x"), c: n(1) }, false],
    ["one attribute more", { a: s("x") }, { a: s("x"), b: n(1) }, false],
  ];
  for (const [name, x, y, shared] of cases) {
    it(`${name}: ${shared ? "one type" : "two types"}`, () => {
      const vx = objectVal(x);
      const vy = objectVal(y);
      assert.equal(vx.type === vy.type, shared);
      // Each type describes exactly its own value's attributes, in key order.
      for (const v of [vx, vy]) {
        assert.ok(v.type.kind === "object");
        assert.deepEqual([...v.type.attrs.keys()], keys(v));
        for (const [k, e] of v.asEntries()) assert.equal(v.type.attrs.get(k), e.type);
      }
    });
  }
});

describe("stringVal", () => {
  it("normalises to NFC, and keeps ASCII as it is", () => {
    assert.equal(stringVal("e\u0301").asString(), "\u00e9");
    assert.equal(stringVal("plain ascii ~").asString(), "plain ascii ~");
  });
});

describe("unmarkDeep", () => {
  it("returns the same value when nothing is marked", () => {
    const v = objectVal({ a: tupleVal([s("x"), s("y")]), b: objectVal({ c: n(1) }) });
    const [u, marks] = v.unmarkDeep();
    assert.equal(u, v);
    assert.equal(marks.size, 0);
  });

  const marked: readonly (readonly [string, Value])[] = [
    ["the value itself", objectVal({ a: s("x") }).mark(SENSITIVE)],
    ["the first attribute", objectVal({ a: s("x").mark(SENSITIVE), b: s("y"), c: s("z") })],
    ["the last attribute", objectVal({ a: s("x"), b: s("y"), c: s("z").mark(SENSITIVE) })],
    ["a middle element", tupleVal([s("x"), s("y").mark(SENSITIVE), s("z")])],
    ["deep inside", objectVal({ a: tupleVal([objectVal({ b: s("x") }), objectVal({ b: s("y").mark(SENSITIVE) })]), c: n(1) })],
  ];
  for (const [name, v] of marked) {
    it(`removes a mark on ${name}, keeping every other element`, () => {
      const [u, marks] = v.unmarkDeep();
      assert.deepEqual([...marks], [SENSITIVE]);
      assert.equal(u.containsMarked(), false);
      assert.notEqual(u, v);
      assert.equal(u.type, v.type);
      assert.ok(rawEquals(u, strip(v)));
    });
  }
});

/** The reference: a plain recursive copy without marks. */
function strip(v: Value): Value {
  const raw = v.raw;
  if (Array.isArray(raw)) return new Value(v.type, (raw as readonly Value[]).map(strip));
  if (raw instanceof Map) {
    const out = new Map<string, Value>();
    for (const [k, e] of raw as ReadonlyMap<string, Value>) out.set(k, strip(e));
    return new Value(v.type, out);
  }
  return new Value(v.type, raw);
}
