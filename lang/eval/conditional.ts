// `cond ? a : b` (hclsyntax ConditionalExpr). Both results are evaluated so that their types can be unified
// (the result has one type whichever branch is taken), but only the chosen branch's diagnostics are
// reported. An unknown condition gives an unknown value of the unified type. Marks on the condition are put
// on the result, as current Terraform does, so a choice made on a sensitive value is itself sensitive.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { rangeBetween } from "../pos.js";
import type { ConditionalExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { BoolType, DynamicPseudoType, friendlyTypeName, typeEquals, type Type } from "../values/types.js";
import { unifyTypes } from "../values/unify.js";
import { DynamicVal, NULL, unknownVal, type Value } from "../values/value.js";
import type { EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { goQuote } from "./traverse.js";

function isBareNull(v: Value): boolean {
  return v.raw === NULL && v.type.kind === "dynamic" && v.marks.size === 0;
}

export function evalConditional(
  e: ConditionalExpr,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
): Value {
  const trueDiags: Diagnostic[] = [];
  const falseDiags: Diagnostic[] = [];
  const trueResult = evalExpr(e.trueResult, ctx, trueDiags, depth);
  const falseResult = evalExpr(e.falseResult, ctx, falseDiags, depth);

  // A literal null converts to whatever the other branch is; a dynamic-typed branch leaves the type open.
  let resultType: Type | undefined = DynamicPseudoType;
  let convertTrue = false;
  let convertFalse = false;
  if (isBareNull(trueResult)) {
    resultType = falseResult.type;
    convertTrue = true;
  } else if (isBareNull(falseResult)) {
    resultType = trueResult.type;
    convertFalse = true;
  } else if (trueResult.type.kind === "dynamic" || falseResult.type.kind === "dynamic") {
    resultType = DynamicPseudoType;
  } else {
    resultType = unifyTypes([trueResult.type, falseResult.type]);
    if (resultType !== undefined) {
      convertTrue = !typeEquals(trueResult.type, resultType);
      convertFalse = !typeEquals(falseResult.type, resultType);
    }
  }
  if (resultType === undefined) {
    diags.push(
      errorDiag(
        "Inconsistent conditional result types",
        `The true and false result expressions must have consistent types. ${describeTypeMismatch(trueResult.type, falseResult.type)}.`,
        rangeBetween(e.trueResult.range, e.falseResult.range),
        e.range,
      ),
    );
    return DynamicVal;
  }

  const cond = evalExpr(e.condition, ctx, diags, depth);
  if (cond.isNull()) {
    diags.push(
      errorDiag(
        "Null condition",
        "The condition value is null. Conditions must either be true or false.",
        e.condition.range,
        e.range,
      ),
    );
    return unknownVal(resultType);
  }
  if (!cond.isKnown()) return unknownVal(resultType).withMarks(cond.marks);
  const converted = convert(cond, BoolType);
  if (!converted.ok) {
    diags.push(
      errorDiag("Incorrect condition type", "The condition expression must be of type bool.", e.condition.range, e.range),
    );
    return unknownVal(resultType);
  }
  const [plainCond, condMarks] = converted.value.unmarkDeep();

  const chooseTrue = plainCond.asBool();
  const branchDiags = chooseTrue ? trueDiags : falseDiags;
  for (const d of branchDiags) diags.push(d);
  let result = chooseTrue ? trueResult : falseResult;
  if (chooseTrue ? convertTrue : convertFalse) {
    const c = convert(result, resultType);
    if (c.ok) {
      result = c.value;
    } else {
      const which = chooseTrue ? "true" : "false";
      const branch = chooseTrue ? e.trueResult : e.falseResult;
      diags.push(
        errorDiag(
          "Inconsistent conditional result types",
          `The ${which} result value has the wrong type: ${c.message}.`,
          branch.range,
          e.range,
        ),
      );
      result = unknownVal(resultType);
    }
  }
  return result.withMarks(condMarks);
}

/** hclsyntax's describeConditionalTypeMismatch: why two branch types could not be unified. */
export function describeTypeMismatch(t: Type, f: Type): string {
  if (t.kind === "object" && f.kind === "object") {
    const tNames = [...t.attrs.keys()].sort();
    const fNames = [...f.attrs.keys()].sort();
    for (const name of tNames) {
      const fa = f.attrs.get(name);
      if (fa === undefined) {
        return `The 'true' value includes object attribute ${goQuote(name)}, which is absent in the 'false' value`;
      }
      const ta = t.attrs.get(name)!;
      if (!typeEquals(ta, fa)) {
        return `Type mismatch for object attribute ${goQuote(name)}: ${describeTypeMismatch(ta, fa)}`;
      }
    }
    for (const name of fNames) {
      if (!t.attrs.has(name)) {
        return `The 'false' value includes object attribute ${goQuote(name)}, which is absent in the 'true' value`;
      }
    }
  } else if (t.kind === "tuple" && f.kind === "tuple") {
    if (t.elems.length !== f.elems.length) {
      return `The 'true' tuple has length ${t.elems.length}, but the 'false' tuple has length ${f.elems.length}`;
    }
    for (let i = 0; i < t.elems.length; i++) {
      if (!typeEquals(t.elems[i]!, f.elems[i]!)) {
        return `Type mismatch for tuple element ${i}: ${describeTypeMismatch(t.elems[i]!, f.elems[i]!)}`;
      }
    }
  } else if (
    (t.kind === "list" || t.kind === "set" || t.kind === "map") &&
    t.kind === f.kind &&
    ((t.elem.kind === "object" && f.elem.kind === "object") || (t.elem.kind === "tuple" && f.elem.kind === "tuple"))
  ) {
    return `Mismatched ${t.kind} element types: ${describeTypeMismatch(t.elem, f.elem)}`;
  }
  const tName = friendlyTypeName(t);
  const fName = friendlyTypeName(f);
  if (tName === fName) {
    return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  }
  return `The 'true' value is ${tName}, but the 'false' value is ${fName}`;
}
