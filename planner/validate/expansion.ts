// count and for_each in the validate walk, where values may be unknown.

import { intKey, stringKey } from "../../addrs/instance-key.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { convert } from "../../lang/values/convert.js";
import { NumberType, StringType, type Type } from "../../lang/values/types.js";
import { unknownVal } from "../../lang/values/value.js";
import { expand, type Expansion } from "../eval/expand.js";

/**
 * count and for_each as Terraform's validateCount/validateForEach check them: the value must convert to its
 * type, and a known value must be a valid expansion; an unknown one stands for a single instance whose
 * count.index / each.* are unknown, so that the body is still checked.
 */
export function validateExpansion(count: Expression | undefined, forEach: Expression | undefined, ctx: EvalContext): { expansion?: Expansion; diags: Diagnostic[] } {
  if (count !== undefined) {
    const ev = evaluate(count, ctx);
    if (hasErrors(ev.diags)) return { diags: ev.diags };
    const n = convert(ev.value, NumberType);
    if (!n.ok) return { diags: [...ev.diags, errorDiag("Incorrect value type", `Invalid expression value: ${n.message}.`, count.range)] };
    if (!n.value.isKnown() && !n.value.isNull()) {
      return { expansion: { repetition: "list", instances: [{ key: intKey(0), count: unknownVal(NumberType) }] }, diags: ev.diags };
    }
    return expand(count, undefined, ctx);
  }
  if (forEach !== undefined) {
    const ev = evaluate(forEach, ctx);
    if (hasErrors(ev.diags)) return { diags: ev.diags };
    const [v] = ev.value.unmarkDeep();
    const t = v.type;
    const shapeOk = t.kind === "map" || t.kind === "object" || (t.kind === "set" && (t.elem.kind === "string" || t.elem.kind === "dynamic")) || t.kind === "dynamic";
    if (!v.isWhollyKnown() && !v.isNull() && shapeOk && !ev.value.isSensitive()) {
      const each = { key: unknownVal(StringType), value: unknownVal(elementType(t)) };
      return { expansion: { repetition: "map", instances: [{ key: stringKey(""), each }] }, diags: ev.diags };
    }
    return expand(undefined, forEach, ctx);
  }
  return expand(undefined, undefined, ctx);
}

function elementType(t: Type): Type {
  return t.kind === "map" || t.kind === "set" || t.kind === "list" ? t.elem : { kind: "dynamic" };
}
