// Splat expressions `src[*].attr` and legacy `src.*.attr` (hclsyntax SplatExpr). A list or set gives a list,
// a tuple a tuple; any other value is treated as a one-element tuple, and null as an empty tuple. While the
// `each` part is evaluated, the splat's anonymous symbol stands for the current element.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { rangeBetween } from "../pos.js";
import type { SplatExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { listOf, tupleOf, typeEquals, DynamicPseudoType, type Type } from "../values/types.js";
import { unifyTypes } from "../values/unify.js";
import { DynamicVal, EmptyTupleVal, Value, listValEmpty, tupleVal, unknownVal } from "../values/value.js";
import { splatContext, type EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { hasErrorSince } from "./traverse.js";

export function evalSplat(e: SplatExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  const before = diags.length;
  let source = evalExpr(e.source, ctx, diags, depth);
  if (hasErrorSince(diags, before)) return DynamicVal;

  let sourceTy = source.type;
  const autoUpgrade = !(sourceTy.kind === "tuple" || sourceTy.kind === "list" || sourceTy.kind === "set");
  if (source.isNull()) {
    if (autoUpgrade) return EmptyTupleVal;
    diags.push(
      errorDiag(
        "Splat of null value",
        "Splat expressions (with the * symbol) cannot be applied to null sequences.",
        e.source.range,
        rangeBetween(e.source.range, e.markerRange),
      ),
    );
    return DynamicVal;
  }
  if (sourceTy.kind === "dynamic") return DynamicVal;

  let upgradedUnknown = false;
  if (autoUpgrade) {
    // An unknown non-sequence might still turn out null (zero elements) or not (one), so the length of
    // the result is unknown; the `each` part is still evaluated to check it.
    upgradedUnknown = !source.isKnown();
    source = tupleVal([source]);
    sourceTy = source.type;
  }

  const elementTy = sourceTy;
  const resultType = (into: Diagnostic[]): Type => {
    if (elementTy.kind === "list" || elementTy.kind === "set") {
      const v = evalExpr(e.each, splatContext(ctx, e.item, unknownVal(elementTy.elem)), into, depth);
      return listOf(v.type);
    }
    if (elementTy.kind === "tuple") {
      return tupleOf(
        elementTy.elems.map((ety) => evalExpr(e.each, splatContext(ctx, e.item, unknownVal(ety)), into, depth).type),
      );
    }
    return DynamicPseudoType;
  };

  if (!source.isKnown()) return unknownVal(resultType(diags)).withMarks(source.marks);

  const marks = source.marks;
  const elems = source.unmark().asElements();
  const vals: Value[] = [];
  let isKnown = true;
  for (const item of elems) {
    const start = diags.length;
    vals.push(evalExpr(e.each, splatContext(ctx, e.item, item), diags, depth));
    if (hasErrorSince(diags, start)) isKnown = false;
  }

  if (upgradedUnknown) return DynamicVal;
  // The type problems were already reported for each element; computing the type again must not repeat them.
  if (!isKnown) return unknownVal(resultType([])).withMarks(marks);

  if (sourceTy.kind === "list" || sourceTy.kind === "set") {
    if (vals.length === 0) {
      const t = resultType(diags);
      return listValEmpty(t.kind === "list" ? t.elem : DynamicPseudoType).withMarks(marks);
    }
    return listOfValues(vals).withMarks(marks);
  }
  return tupleVal(vals).withMarks(marks);
}

// cty.ListVal needs one element type; `each` can give different types per element (dynamic attributes),
// in which case they are unified as a list constructor would.
function listOfValues(vals: Value[]): Value {
  const first = vals[0]!.type;
  if (vals.every((v) => typeEquals(v.type, first))) return new Value(listOf(first), vals);
  const unified = unifyTypes(vals.map((v) => v.type));
  if (unified === undefined) return unknownVal(listOf(DynamicPseudoType));
  const out: Value[] = [];
  for (const v of vals) {
    const c = convert(v, unified);
    if (!c.ok) return unknownVal(listOf(unified));
    out.push(c.value);
  }
  return new Value(listOf(unified), out);
}
