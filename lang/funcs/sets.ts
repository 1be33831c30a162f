// Set algebra: setunion, setintersection, setsubtract and setproduct. Membership uses cty equality and
// results are canonical cty sets (deduplicated, canonical order).

import { convert } from "../values/convert.js";
import { valuesEqual } from "../values/equals.js";
import { canonicalSetElements } from "../values/set.js";
import { DynamicPseudoType, listOf, setOf, type Type } from "../values/types.js";
import { Value, setValEmpty, tupleVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, param } from "./helpers.js";
import { unifyTypes } from "../values/unify.js";

const anySet = setOf(DynamicPseudoType);

function setResultType(args: readonly Value[]): Type {
  const u = unifyTypes(args.map((a) => a.type));
  if (!u) callError("given sets must all have compatible element types");
  return u;
}

function elementsOf(args: readonly Value[], ret: Type): Value[][] {
  return args.map((a, i) => {
    const r = convert(a, ret);
    if (!r.ok) argError(i, r.message);
    return [...r.value.asElements()];
  });
}

function makeSet(ret: Type, elems: readonly Value[]): Value {
  const ety = ret.kind === "set" ? ret.elem : DynamicPseudoType;
  if (elems.length === 0) return setValEmpty(ety);
  return new Value(ret, canonicalSetElements(elems, ety));
}

const has = (list: readonly Value[], v: Value): boolean => list.some((x) => valuesEqual(x, v).raw === true);

function setOperation(
  firstName: string,
  op: (sets: Value[][]) => Value[],
  secondName?: string,
): FunctionSpec {
  return {
    params: secondName
      ? [param(firstName, anySet, { allowDynamicType: true }), param(secondName, anySet, { allowDynamicType: true })]
      : [param(firstName, anySet, { allowDynamicType: true })],
    varParam: secondName ? undefined : param("other_sets", anySet, { allowDynamicType: true }),
    returnType: setResultType,
    impl: (args, ret) => {
      if (!args.every((a) => a.isWhollyKnown())) return unknownVal(ret);
      return makeSet(ret, op(elementsOf(args, ret)));
    },
  };
}

const setproduct: FunctionSpec = {
  params: [],
  varParam: param("sets", DynamicPseudoType),
  returnType: (args) => {
    if (args.length < 2) callError("at least two arguments are required");
    let lists = 0;
    const etys = args.map((a, i) => {
      const t = a.type;
      if (t.kind === "set") return t.elem;
      if (t.kind === "list") {
        lists++;
        return t.elem;
      }
      if (t.kind === "tuple") {
        lists++;
        if (t.elems.length === 0) return DynamicPseudoType;
        const u = unifyTypes(t.elems);
        if (!u) argError(i, "all elements must be of the same type");
        return u;
      }
      return argError(i, "a set or a list is required");
    });
    const tuple: Type = { kind: "tuple", elems: etys };
    return lists === args.length ? listOf(tuple) : setOf(tuple);
  },
  impl: (args, ret) => {
    if (!args.every((a) => a.isKnown())) return unknownVal(ret);
    const ety = (ret as { elem: Type }).elem as { kind: "tuple"; elems: readonly Type[] };
    const columns = args.map((a, i) => {
      const elems = a.asElements();
      return elems.map((e) => {
        const r = convert(e, ety.elems[i]!);
        if (!r.ok) argError(i, r.message);
        return r.value;
      });
    });
    let rows: Value[][] = [[]];
    for (const col of columns) {
      const next: Value[][] = [];
      for (const row of rows) for (const e of col) next.push([...row, e]);
      rows = next;
    }
    const tuples = rows.map((r) => new Value(ety, tupleVal(r).raw));
    if (ret.kind === "list") return new Value(ret, tuples);
    if (tuples.length === 0) return setValEmpty(ety);
    return new Value(ret, canonicalSetElements(tuples, ety));
  },
};

export const setFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["setunion", setOperation("first_set", (sets) => sets.flat())],
  ["setintersection", setOperation("first_set", (sets) => sets[0]!.filter((e) => sets.slice(1).every((s) => has(s, e))))],
  ["setsubtract", setOperation("a", (sets) => sets[0]!.filter((e) => !has(sets[1]!, e)), "b")],
  ["setproduct", setproduct],
]);
