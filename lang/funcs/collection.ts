// Collection functions over lists, sets, tuples, maps and objects (sort lives with the strings, the set
// algebra in sets.ts). Results follow go-cty's type rules: lists stay lists, tuples stay tuples, a merge of
// differing maps/objects is an object.

import { convert } from "../values/convert.js";
import { BigFloat, bigFloatFrom } from "../values/bigfloat.js";
import { valuesEqual } from "../values/equals.js";
import {
  BoolType,
  DynamicPseudoType,
  EmptyObjectType,
  NumberType,
  StringType,
  friendlyTypeName,
  listOf,
  mapOf,
  typeEquals,
  type Type,
} from "../values/types.js";
import {
  False,
  True,
  Value,
  listValEmpty,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, graphemes, listOfType, mapOfType, param, staticSpec, wholeNumber } from "./helpers.js";
import { unifyTypes } from "../values/unify.js";

const dyn = DynamicPseudoType;

function convertOrFail(v: Value, t: Type, argIndex: number | undefined): Value {
  const r = convert(v, t);
  if (!r.ok) return argIndex === undefined ? callError(r.message) : argError(argIndex, r.message);
  return r.value;
}

function isSeq(t: Type): boolean {
  return t.kind === "list" || t.kind === "tuple" || t.kind === "set";
}

const length: FunctionSpec = {
  params: [param("value", dyn, { allowDynamicType: true, allowUnknown: true, allowMarked: true })],
  returnType: (args) => {
    const t = args[0]!.type;
    // go-cty's LengthFunc returns a plain error here: Terraform says "Error in function call".
    if (t.kind === "bool" || t.kind === "number") callError("argument must be a string, a collection type, or a structural type");
    return NumberType;
  },
  impl: (args) => {
    const marks = args[0]!.marks;
    const v = args[0]!.unmark();
    const t = v.type;
    if (t.kind === "tuple") return numberVal(t.elems.length).withMarks(marks);
    if (t.kind === "object") return numberVal(t.attrs.size).withMarks(marks);
    if (t.kind === "dynamic" || !v.isKnown()) return unknownVal(NumberType).withMarks(marks);
    if (t.kind === "string") return numberVal(graphemes(v.asString()).length).withMarks(marks);
    return numberVal(v.length()).withMarks(marks);
  },
};

const alltrue = staticSpec([param("list", listOf(BoolType))], BoolType, (args) => {
  for (const v of args[0]!.asElements()) {
    if (!v.isKnown()) return unknownVal(BoolType);
    if (v.isNull() || !v.asBool()) return False;
  }
  return True;
});

const anytrue = staticSpec([param("list", listOf(BoolType))], BoolType, (args) => {
  let unknown = false;
  for (const v of args[0]!.asElements()) {
    if (!v.isKnown()) unknown = true;
    else if (!v.isNull() && v.asBool()) return True;
  }
  return unknown ? unknownVal(BoolType) : False;
});

const chunklistSpec: FunctionSpec = {
  params: [param("list", listOf(dyn), { allowMarked: true }), param("size", NumberType, { allowMarked: true })],
  returnType: (args) => listOf(args[0]!.type),
  impl: (args, ret) => {
    const [list, lmarks] = args[0]!.unmarkDeep();
    const [sizeV] = args[1]!.unmarkDeep();
    const size = wholeNumber(sizeV, 1);
    if (size < 0) callError("the size argument must be positive");
    if (!list.isKnown()) return unknownVal(ret).withMarks(lmarks);
    const elems = list.asElements();
    if (elems.length === 0) return listValEmpty(list.type).withMarks(lmarks);
    const chunkSize = size === 0 ? elems.length : size;
    const chunks: Value[] = [];
    for (let i = 0; i < elems.length; i += chunkSize) {
      chunks.push(new Value(list.type, elems.slice(i, i + chunkSize)));
    }
    return new Value(ret, chunks).withMarks(lmarks);
  },
};

const coalesce: FunctionSpec = {
  params: [],
  varParam: param("vals", dyn, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
  returnType: (args) => {
    const t = unifyTypes(args.map((a) => a.type));
    if (!t) callError("all arguments must have the same type");
    return t;
  },
  impl: (args, ret) => {
    for (const a of args) {
      const r = convert(a, ret);
      const v = r.ok ? r.value : a;
      if (!v.isKnown()) return unknownVal(ret);
      if (v.isNull()) continue;
      if (ret.kind === "string" && v.asString() === "") continue;
      return v;
    }
    return callError("no non-null, non-empty-string arguments");
  },
};

const coalescelist: FunctionSpec = {
  params: [],
  varParam: param("vals", dyn, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
  returnType: (args) => {
    if (args.length === 0) callError("at least one argument is required");
    for (const a of args) {
      if (!a.isKnown() || a.type.kind === "dynamic") return dyn;
      if (a.type.kind !== "list" && a.type.kind !== "tuple") callError("coalescelist arguments must be lists or tuples");
    }
    // cty: one type when every argument has the same type, otherwise whichever argument is chosen, as it is
    return args.every((a) => typeEquals(a.type, args[0]!.type)) ? args[0]!.type : dyn;
  },
  impl: (args, ret) => {
    for (const a of args) {
      if (!a.isKnown()) return unknownVal(ret);
      if (a.isNull() || a.length() === 0) continue;
      return a;
    }
    return callError("no non-null arguments");
  },
};

const compact = staticSpec([param("list", listOf(StringType))], listOf(StringType), (args, ret) => {
  const list = args[0]!;
  if (!list.isWhollyKnown()) return unknownVal(ret);
  return listOfType(StringType, list.asElements().filter((e) => !e.isNull() && e.asString() !== ""));
});

const concat: FunctionSpec = {
  params: [],
  varParam: param("seqs", dyn),
  returnType: (args) => {
    if (args.length === 0) callError("at least one argument is required");
    if (args.every((a) => a.type.kind === "list")) {
      const u = unifyTypes(args.map((a) => a.type));
      if (u) return u;
    }
    const etys: Type[] = [];
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.type;
      if (t.kind === "tuple") etys.push(...t.elems);
      else if (t.kind === "list") {
        if (!args[i]!.isKnown()) return dyn;
        for (let j = 0; j < args[i]!.length(); j++) etys.push(t.elem);
      } else argError(i, `all arguments must be lists or tuples; got ${friendlyTypeName(t)}`);
    }
    return { kind: "tuple", elems: etys };
  },
  impl: (args, ret) => {
    if (ret.kind === "dynamic") return unknownVal(ret);
    const out: Value[] = [];
    args.forEach((a, i) => {
      const v = ret.kind === "list" ? convertOrFail(a, ret, i) : a;
      out.push(...v.asElements());
    });
    return ret.kind === "list" ? new Value(ret, out) : tupleVal(out);
  },
};

const contains: FunctionSpec = {
  params: [param("list", dyn), param("value", dyn)],
  returnType: () => BoolType,
  impl: (args) => {
    const list = args[0]!;
    if (!isSeq(list.type)) callError("argument must be list, tuple, or set");
    if (!list.isWhollyKnown()) return unknownVal(BoolType);
    const elems = list.asElements();
    let unknown = false;
    for (const e of elems) {
      const eq = valuesEqual(e, args[1]!);
      if (!eq.isKnown()) unknown = true;
      else if (eq.asBool()) return True;
    }
    return unknown ? unknownVal(BoolType) : False;
  },
};

const distinct: FunctionSpec = {
  params: [param("list", listOf(dyn))],
  returnType: (args) => args[0]!.type,
  impl: (args, ret) => {
    const list = args[0]!;
    if (!list.isWhollyKnown()) return unknownVal(ret);
    const out: Value[] = [];
    for (const e of list.asElements()) {
      if (!out.some((o) => valuesEqual(o, e).raw === true)) out.push(e);
    }
    return new Value(ret, out);
  },
};

const element: FunctionSpec = {
  params: [param("list", dyn), param("index", NumberType)],
  returnType: (args) => {
    const t = args[0]!.type;
    const idx = args[1]!;
    if (t.kind === "list") return t.elem;
    if (t.kind === "tuple") {
      if (!idx.isKnown()) return dyn;
      const d = idx.asNumber();
      if (!d.isInteger()) callError(`invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807`);
      if (d.isNegative()) callError("cannot use element function with a negative index");
      if (t.elems.length === 0) callError("cannot use element function with an empty list");
      return t.elems[d.mod(t.elems.length).toNumber()]!;
    }
    return callError(`cannot read elements from ${friendlyTypeName(t)}`);
  },
  impl: (args, ret) => {
    const list = args[0]!;
    const d = args[1]!.asNumber();
    if (!d.isInteger()) callError(`invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807`);
    if (d.isNegative()) callError("cannot use element function with a negative index");
    if (!list.isKnown()) return unknownVal(ret);
    const elems = list.asElements();
    if (elems.length === 0) callError("cannot use element function with an empty list");
    return elems[d.mod(elems.length).toNumber()]!;
  },
};

const flattenMaxDepth = 100;

/** Flattened elements, or undefined when an unknown sequence makes the result's shape unknown. */
function flattenInto(v: Value, out: Value[], depth: number): boolean {
  if (depth > flattenMaxDepth) callError(`nesting deeper than ${flattenMaxDepth} levels`);
  for (const e of v.asElements()) {
    if (isSeq(e.type) && !e.isNull()) {
      if (!e.isKnown()) return false;
      if (!flattenInto(e, out, depth + 1)) return false;
    } else out.push(e);
  }
  return true;
}

const flatten: FunctionSpec = {
  params: [param("list", dyn)],
  returnType: (args) => {
    const v = args[0]!;
    if (!isSeq(v.type)) callError("can only flatten lists, sets and tuples");
    if (!v.isWhollyKnown()) return dyn;
    const out: Value[] = [];
    if (!flattenInto(v, out, 0)) return dyn;
    return { kind: "tuple", elems: out.map((e) => e.type) };
  },
  impl: (args, ret) => {
    if (ret.kind === "dynamic") return unknownVal(ret);
    const out: Value[] = [];
    flattenInto(args[0]!, out, 0);
    return tupleVal(out);
  },
};

const index: FunctionSpec = {
  params: [param("list", dyn), param("value", dyn)],
  returnType: () => NumberType,
  impl: (args) => {
    const list = args[0]!;
    if (list.type.kind !== "list" && list.type.kind !== "tuple") callError("argument must be a list or tuple");
    const elems = list.asElements();
    if (elems.length === 0) callError("cannot search an empty list");
    for (let i = 0; i < elems.length; i++) {
      const eq = valuesEqual(elems[i]!, args[1]!);
      if (!eq.isKnown()) return unknownVal(NumberType);
      if (eq.asBool()) return numberVal(i);
    }
    return callError("item not found");
  },
};

// Marks on the map mark the keys; marks on its values do not (keys({a = var.secret}) is not sensitive).
const keys: FunctionSpec = {
  params: [param("inputMap", dyn, { allowUnknown: true, allowMarked: true })],
  returnType: (args) => {
    const t = args[0]!.type;
    if (t.kind === "map") return listOf(StringType);
    if (t.kind === "object") return { kind: "tuple", elems: [...t.attrs.keys()].map(() => StringType) };
    if (t.kind === "dynamic") return dyn;
    return argError(0, "must have map or object type");
  },
  impl: (args, ret) => {
    const marked = args[0]!;
    const m = marked.unmark();
    if (m.type.kind === "object") {
      return tupleVal([...(m.type.attrs.keys())].sort(compareKeys).map((k) => stringVal(k))).withMarks(marked.marks);
    }
    if (!m.isKnown()) return unknownVal(ret).withMarks(marked.marks);
    return listOfType(StringType, [...m.asEntries().keys()].map((k) => stringVal(k))).withMarks(marked.marks);
  },
};

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Marks on the elements stay on the elements; marks on the map mark the list.
const values: FunctionSpec = {
  params: [param("mapping", dyn, { allowMarked: true })],
  returnType: (args) => {
    const t = args[0]!.type;
    if (t.kind === "map") return listOf(t.elem);
    if (t.kind === "object") return { kind: "tuple", elems: [...t.attrs.keys()].sort(compareKeys).map((k) => t.attrs.get(k)!) };
    return callError("values() requires a map as the first argument");
  },
  impl: (args, ret) => {
    const marked = args[0]!;
    const m = marked.unmark();
    const vals = [...m.asEntries().values()];
    if (ret.kind === "tuple") return tupleVal(vals).withMarks(marked.marks);
    return listOfType((ret as { elem: Type }).elem, vals).withMarks(marked.marks);
  },
};

const lookup: FunctionSpec = {
  params: [param("inputMap", dyn, { allowMarked: true, allowUnknown: true }), param("key", StringType, { allowMarked: true, allowUnknown: true })],
  varParam: param("default", dyn, { allowUnknown: true, allowDynamicType: true, allowNull: true, allowMarked: true }),
  returnType: (args) => {
    if (args.length > 3) callError(`lookup() takes two or three arguments, got ${args.length}`);
    const t = args[0]!.type;
    if (t.kind === "object") {
      if (!args[1]!.isKnown()) return dyn;
      const key = args[1]!.unmark().asString();
      const at = t.attrs.get(key);
      if (at) return at;
      if (args.length === 3) return args[2]!.type;
      return argError(0, `the given object has no attribute ${JSON.stringify(key)}`);
    }
    if (t.kind === "map") {
      if (args.length === 3 && !convert(args[2]!.unmarkDeep()[0], t.elem).ok) {
        argError(2, "the default value must have the same type as the map elements");
      }
      return t.elem;
    }
    if (t.kind === "dynamic") return dyn;
    return argError(0, "lookup() requires a map as the first argument");
  },
  impl: (args, ret) => {
    const marks = new Set<string>([...args[0]!.marks, ...args[1]!.marks]);
    const m = args[0]!.unmark();
    const k = args[1]!.unmark();
    if (!m.isKnown() || !k.isKnown()) return unknownVal(ret).withMarks(marks);
    const key = k.asString();
    const found = m.asEntries().get(key);
    if (found) return found.withMarks(marks);
    if (args.length === 3) return convertOrFail(args[2]!, ret, 2).withMarks(marks);
    return callError(`lookup failed to find key ${args[1]!.isSensitive() ? "(sensitive value)" : JSON.stringify(key)}`);
  },
};

const matchkeys: FunctionSpec = {
  params: [param("values", listOf(dyn)), param("keys", listOf(dyn)), param("searchset", listOf(dyn))],
  returnType: (args) => {
    const kt = args[1]!.type as { elem: Type };
    const st = args[2]!.type as { elem: Type };
    if (!unifyTypes([kt.elem, st.elem])) callError("keys and searchset must be of the same type");
    return args[0]!.type;
  },
  impl: (args, ret) => {
    if (!args.every((a) => a.isWhollyKnown())) return unknownVal(ret);
    const vals = args[0]!.asElements();
    const ks = args[1]!.asElements();
    if (vals.length !== ks.length) callError("length of keys and values should be equal");
    const search = args[2]!.asElements();
    const out: Value[] = [];
    const keyType = unifyTypes([(args[1]!.type as { elem: Type }).elem, (args[2]!.type as { elem: Type }).elem])!;
    ks.forEach((key, i) => {
      const kc = convertOrFail(key, keyType, 1);
      if (search.some((s) => valuesEqual(convertOrFail(s, keyType, 2), kc).raw === true)) out.push(vals[i]!);
    });
    return listOfType((ret as { elem: Type }).elem, out);
  },
};

const merge: FunctionSpec = {
  params: [],
  varParam: param("maps", dyn, { allowDynamicType: true, allowNull: true, allowMarked: true }),
  returnType: (args) => {
    if (args.length === 0) return EmptyObjectType;
    const attrs = new Map<string, Type>();
    let first: Type | undefined;
    let matching = true;
    let attrsKnown = true;
    for (const a of args) {
      const t = a.type;
      if (t.kind === "dynamic") return dyn;
      if (t.kind !== "map" && t.kind !== "object") callError(`arguments must be maps or objects, got ${JSON.stringify(friendlyTypeName(t))}`);
      const v = a.unmark();
      if (t.kind === "object" && !v.isNull()) for (const [k, at] of t.attrs) attrs.set(k, at);
      if (t.kind === "map" && !v.isNull()) {
        if (v.isKnown()) for (const k of v.asEntries().keys()) attrs.set(k, t.elem);
        else attrsKnown = false;
      }
      if (first === undefined) first = t;
      else if (!typeEquals(first, t)) matching = false;
    }
    if (matching) return first!;
    if (!attrsKnown) return dyn;
    return { kind: "object", attrs };
  },
  impl: (args, ret) => {
    const out = new Map<string, Value>();
    const marks = new Set<string>();
    for (const a of args) {
      if (a.isNull()) continue;
      for (const m of a.marks) marks.add(m);
      const v = a.unmark();
      if (!v.isKnown()) return unknownVal(ret).withMarks(marks);
      for (const [k, e] of v.asEntries()) out.set(k, e);
    }
    if (ret.kind === "map") return mapOfType(ret.elem, out).withMarks(marks);
    return objectVal(out).withMarks(marks);
  },
};

const one: FunctionSpec = {
  params: [param("list", dyn)],
  returnType: (args) => {
    const t = args[0]!.type;
    if (t.kind === "list" || t.kind === "set") return t.elem;
    if (t.kind === "tuple" && t.elems.length === 0) return dyn;
    if (t.kind === "tuple" && t.elems.length === 1) return t.elems[0]!;
    return argError(0, "must be a list, set, or tuple value with either zero or one elements");
  },
  impl: (args, ret) => {
    const elems = args[0]!.asElements();
    if (elems.length === 0) return nullVal(ret);
    if (elems.length === 1) return elems[0]!;
    return argError(0, "must be a list, set, or tuple value with either zero or one elements");
  },
};

const range: FunctionSpec = {
  params: [],
  varParam: param("params", NumberType),
  returnType: () => listOf(NumberType),
  impl: (args) => {
    let start = bigFloatFrom(0);
    let end: BigFloat;
    let step = bigFloatFrom(1);
    switch (args.length) {
      // Without an explicit step, a range that goes down counts down.
      case 1:
        end = args[0]!.asNumber();
        if (end.isNegative()) step = bigFloatFrom(-1);
        break;
      case 2:
        start = args[0]!.asNumber();
        end = args[1]!.asNumber();
        if (end.lt(start)) step = bigFloatFrom(-1);
        break;
      case 3:
        start = args[0]!.asNumber();
        end = args[1]!.asNumber();
        step = args[2]!.asNumber();
        break;
      default:
        return callError("must have one, two, or three arguments");
    }
    if (step.isZero()) callError("step must not be zero");
    const down = step.isNegative();
    if (down && start.lt(end)) argError(1, "end must be less than start when step is negative");
    if (!down && start.gt(end)) argError(1, "end must be greater than start when step is positive");
    const out: Value[] = [];
    for (let v = start; down ? v.gt(end) : v.lt(end); v = v.plus(step)) {
      if (out.length >= 1024) {
        callError("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step");
      }
      out.push(numberVal(v));
    }
    return listOfType(NumberType, out);
  },
};

const reverse: FunctionSpec = {
  params: [param("list", dyn)],
  returnType: (args) => {
    const t = args[0]!.type;
    if (t.kind === "list") return t;
    if (t.kind === "tuple") return { kind: "tuple", elems: [...t.elems].reverse() };
    if (t.kind === "set") return listOf(t.elem);
    return argError(0, `can only reverse list or tuple values, not ${friendlyTypeName(t)}`);
  },
  impl: (args, ret) => new Value(ret, [...args[0]!.asElements()].reverse()),
};

function sliceBounds(list: Value, startV: Value, endV: Value): [number, number] {
  const len = list.type.kind === "tuple" ? list.type.elems.length : list.length();
  const start = startV.asNumber();
  const end = endV.asNumber();
  if (!start.isInteger()) argError(1, "invalid start index: value must be a whole number, between -9223372036854775808 and 9223372036854775807");
  if (start.isNegative()) argError(1, "start index must not be less than zero");
  if (start.gt(len)) argError(1, "start index must not be greater than the length of the list");
  if (!end.isInteger()) argError(2, "invalid end index: value must be a whole number, between -9223372036854775808 and 9223372036854775807");
  if (end.isNegative()) argError(2, "end index must not be less than zero");
  if (end.gt(len)) argError(2, "end index must not be greater than the length of the list");
  if (start.gt(end)) argError(1, "start index must not be greater than end index");
  return [start.toNumber(), end.toNumber()];
}

const slice: FunctionSpec = {
  params: [param("list", dyn), param("start_index", NumberType), param("end_index", NumberType)],
  returnType: (args) => {
    const t = args[0]!.type;
    if (t.kind === "set") argError(0, "cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important");
    if (t.kind === "list") return t;
    if (t.kind !== "tuple") argError(0, "must be a list or tuple value");
    if (!args[1]!.isKnown() || !args[2]!.isKnown()) return dyn;
    const [s, e] = sliceBounds(args[0]!, args[1]!, args[2]!);
    return { kind: "tuple", elems: t.elems.slice(s, e) };
  },
  impl: (args, ret) => {
    if (ret.kind === "dynamic") return unknownVal(ret);
    const [s, e] = sliceBounds(args[0]!, args[1]!, args[2]!);
    return new Value(ret, args[0]!.asElements().slice(s, e));
  },
};

const sum: FunctionSpec = {
  params: [param("list", dyn)],
  returnType: () => NumberType,
  impl: (args) => {
    const v = args[0]!;
    const t = v.type;
    if (!isSeq(t)) argError(0, `argument must be list, set, or tuple. Received ${friendlyTypeName(t)}`);
    const elems = v.asElements();
    if (elems.length === 0) argError(0, "cannot sum an empty list");
    let total: BigFloat | undefined;
    for (const e of elems) {
      if (!e.isKnown()) return unknownVal(NumberType);
      if (e.isNull()) argError(0, "argument must be list, set, or tuple of number values");
      const r = convert(e, NumberType);
      if (!r.ok) argError(0, "argument must be list, set, or tuple of number values");
      const n = r.value.asNumber();
      if (total !== undefined && !total.isFinite() && !n.isFinite() && total.isNegative() !== n.isNegative()) {
        callError("can't compute sum of opposing infinities");
      }
      total = total === undefined ? n : total.plus(n);
    }
    return numberVal(total!);
  },
};

const transpose = staticSpec([param("values", mapOf(listOf(StringType)))], mapOf(listOf(StringType)), (args) => {
  const out = new Map<string, string[]>();
  for (const [k, list] of args[0]!.asEntries()) {
    if (list.isNull()) callError("input must not contain null list");
    for (const e of list.asElements()) {
      if (e.isNull()) callError("input list must not contain null string");
      const s = e.asString();
      if (!out.has(s)) out.set(s, []);
      out.get(s)!.push(k);
    }
  }
  const entries = new Map<string, Value>();
  for (const [k, ks] of out) entries.set(k, listOfType(StringType, ks.map((x) => stringVal(x))));
  return mapOfType(listOf(StringType), entries);
});

const zipmap: FunctionSpec = {
  params: [param("keys", listOf(StringType)), param("values", dyn)],
  returnType: (args) => {
    const vt = args[1]!.type;
    if (vt.kind === "list") return mapOf(vt.elem);
    if (vt.kind === "tuple") {
      const k = args[0]!;
      if (!k.isWhollyKnown()) return dyn;
      const ks = k.asElements();
      if (ks.length !== vt.elems.length) callError(`number of keys (${ks.length}) does not match number of values (${vt.elems.length})`);
      const attrs = new Map<string, Type>();
      ks.forEach((kv, i) => {
        if (kv.isNull()) callError(`keys list has null value at index ${i}`);
        attrs.set(kv.asString(), vt.elems[i]!);
      });
      return { kind: "object", attrs };
    }
    return callError("values argument must be a list or tuple value");
  },
  impl: (args, ret) => {
    if (!args[0]!.isWhollyKnown() || ret.kind === "dynamic") return unknownVal(ret);
    const ks = args[0]!.asElements();
    const vs = args[1]!.asElements();
    if (ks.length !== vs.length) callError(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
    const out = new Map<string, Value>();
    ks.forEach((k, i) => {
      if (k.isNull()) callError(`keys list has null value at index ${i}`);
      out.set(k.asString(), vs[i]!);
    });
    return ret.kind === "map" ? mapOfType(ret.elem, out) : objectVal(out);
  },
};

export const collectionFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["alltrue", alltrue],
  ["anytrue", anytrue],
  ["chunklist", chunklistSpec],
  ["coalesce", coalesce],
  ["coalescelist", coalescelist],
  ["compact", compact],
  ["concat", concat],
  ["contains", contains],
  ["distinct", distinct],
  ["element", element],
  ["flatten", flatten],
  ["index", index],
  ["keys", keys],
  ["length", length],
  ["lookup", lookup],
  ["matchkeys", matchkeys],
  ["merge", merge],
  ["one", one],
  ["range", range],
  ["reverse", reverse],
  ["slice", slice],
  ["sum", sum],
  ["transpose", transpose],
  ["values", values],
  ["zipmap", zipmap],
]);
