// cty's Value.Equals: equality that understands unknowns (the answer may be unknown), nulls (null == null)
// and marks (the result carries every mark found anywhere in either operand). No conversion happens:
// values of different types are never equal (`1 == "1"` is false).

import { BigFloat, numbersEqual } from "./bigfloat.js";
import { hasDynamicTypes, typeConformanceError, typeEquals, type Type } from "./types.js";
import { BoolType } from "./types.js";
import { False, True, UNKNOWN, NULL, Value, unknownVal, type Marks } from "./value.js";

const UnknownBool = unknownVal(BoolType);

/** cty Equals: a bool Value, unknown when the answer depends on values not yet known. */
export function valuesEqual(a: Value, b: Value): Value {
  if (a.containsMarked() || b.containsMarked()) {
    const [ua, ma] = a.unmarkDeep();
    const [ub, mb] = b.unmarkDeep();
    return withAllMarks(equalsUnmarked(ua, ub), ma, mb);
  }
  return equalsUnmarked(a, b);
}

/** True only when the two values are known to be equal (unknown counts as "not known equal"). */
export function valuesDefinitelyEqual(a: Value, b: Value): boolean {
  const r = valuesEqual(a, b);
  return r.raw === true;
}

function withAllMarks(v: Value, a: Marks, b: Marks): Value {
  return v.withMarks(a).withMarks(b);
}

function equalsUnmarked(a: Value, b: Value): Value {
  const ak = a.raw !== UNKNOWN;
  const bk = b.raw !== UNKNOWN;
  if (!ak && !bk) return UnknownBool;
  if (ak && !bk) return knownVsUnknown(a, b);
  if (bk && !ak) return knownVsUnknown(b, a);

  const an = a.raw === NULL;
  const bn = b.raw === NULL;
  if (an && bn) return True;
  if (an || bn) return False;

  if (hasDynamicTypes(a.type) || hasDynamicTypes(b.type)) {
    if (typeConformanceError(a.type, b.type) !== undefined && typeConformanceError(b.type, a.type) !== undefined) {
      return False;
    }
    return UnknownBool;
  }
  if (!typeEquals(a.type, b.type)) return False;
  return equalSameType(a, b, a.type);
}

function knownVsUnknown(known: Value, unknown: Value): Value {
  if (known.raw === NULL || hasDynamicTypes(unknown.type)) return UnknownBool;
  if (!typeEquals(known.type, unknown.type)) return False;
  return UnknownBool;
}

function equalSameType(a: Value, b: Value, t: Type): Value {
  switch (t.kind) {
    case "number":
      return numbersEqual(a.raw as BigFloat, b.raw as BigFloat) ? True : False;
    case "string":
    case "bool":
      return a.raw === b.raw ? True : False;
    case "list":
    case "tuple": {
      const al = a.raw as readonly Value[];
      const bl = b.raw as readonly Value[];
      if (al.length !== bl.length) return False;
      return allEqual(al, bl);
    }
    case "map":
    case "object": {
      const am = a.raw as ReadonlyMap<string, Value>;
      const bm = b.raw as ReadonlyMap<string, Value>;
      if (am.size !== bm.size) return False;
      const left: Value[] = [];
      const right: Value[] = [];
      for (const [k, v] of am) {
        const o = bm.get(k);
        if (o === undefined) return False;
        left.push(v);
        right.push(o);
      }
      return allEqual(left, right);
    }
    case "set":
      return setsEqual(a.raw as readonly Value[], b.raw as readonly Value[]);
    default:
      return False;
  }
}

// Elements in order: the first unknown comparison makes the whole answer unknown, the first false makes it
// false (cty stops at whichever it meets first; iterating in a fixed order keeps the answer deterministic).
function allEqual(al: readonly Value[], bl: readonly Value[]): Value {
  for (let i = 0; i < al.length; i++) {
    const eq = equalsUnmarked(al[i]!, bl[i]!);
    if (eq.raw === UNKNOWN) return UnknownBool;
    if (eq.raw === false) return False;
  }
  return True;
}

function setsEqual(as: readonly Value[], bs: readonly Value[]): Value {
  let equal = true;
  for (const [xs, ys] of [
    [as, bs],
    [bs, as],
  ] as const) {
    for (const x of xs) {
      if (x.raw === UNKNOWN) return UnknownBool;
      if (!ys.some((y) => equalsUnmarked(x, y).raw === true)) equal = false;
    }
  }
  return equal ? True : False;
}
