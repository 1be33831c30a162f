// Static interpretation of expressions: the syntax helpers of lang/static-expr (re-exported here for
// the decoders) and constant values such as `create_before_destroy = true`, which Terraform decodes with no
// evaluation context at all (no variables, no functions).

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Expression } from "../lang/syntax/ast.js";
import { convert, formatPath } from "../lang/values/convert.js";
import type { Type } from "../lang/values/types.js";
import { type Value, DynamicVal, objectVal, stringVal, tupleVal, numberVal, boolVal } from "../lang/values/value.js";

export { absTraversalForExpr, exprAsKeyword, exprList, exprMap, relTraversalForExpr } from "../lang/static-expr.js";

/**
 * The value of an expression that may use no variables and no functions (HCL's Expression.Value(nil)), as
 * Terraform requires for meta-arguments such as `create_before_destroy` and variable defaults.
 */
export function constValue(expr: Expression, diags: Diagnostic[]): Value {
  // An explicit work list would be overkill: nesting depth is bounded by the parser's nesting limit.
  switch (expr.kind) {
    case "LiteralValue":
      return expr.value;
    case "Parentheses":
      return constValue(expr.expr, diags);
    case "TemplateWrap":
      return constValue(expr.wrapped, diags);
    case "Template": {
      let out = "";
      for (const p of expr.parts) {
        const v = constValue(p, diags);
        if (!v.isKnown()) return DynamicVal;
        const c = convert(v, { kind: "string" });
        if (!c.ok || c.value.isNull()) {
          diags.push(errorDiag("Invalid template interpolation value", `Cannot include the given value in a string template: ${c.ok ? "value is null" : c.message}.`, p.range));
          return DynamicVal;
        }
        out += c.value.asString();
      }
      return stringVal(out);
    }
    case "TupleCons":
      return tupleVal(expr.exprs.map((e) => constValue(e, diags)));
    case "ObjectCons": {
      const entries = new Map<string, Value>();
      for (const item of expr.items) {
        const key = objectKey(item.key, diags);
        if (key !== undefined) entries.set(key, constValue(item.value, diags));
      }
      return objectVal(entries);
    }
    case "UnaryOp": {
      const v = constValue(expr.val, diags);
      if (!v.isKnown() || v.isNull()) return DynamicVal;
      if (expr.op === "-" && v.type.kind === "number") return numberVal(v.asNumber().negated());
      if (expr.op === "!" && v.type.kind === "bool") return boolVal(!v.asBool());
      diags.push(errorDiag("Invalid operand", `Unsuitable value for unary operand: ${expr.op === "-" ? "number" : "bool"} required.`, expr.val.range));
      return DynamicVal;
    }
    case "ObjectConsKey": {
      const k = objectKey(expr, diags);
      return k === undefined ? DynamicVal : stringVal(k);
    }
    case "FunctionCall":
      diags.push(errorDiag("Function calls not allowed", "Functions may not be called here.", expr.range));
      return DynamicVal;
    case "ScopeTraversal":
      diags.push(errorDiag("Variables not allowed", "Variables may not be used here.", expr.range));
      return DynamicVal;
    default:
      diags.push(errorDiag("Invalid expression", "Only constant values are allowed here, without references, function calls or operators.", expr.range));
      return DynamicVal;
  }
}

function objectKey(key: Expression, diags: Diagnostic[]): string | undefined {
  if (key.kind === "ObjectConsKey" && !key.forceNonLiteral) {
    const w = key.wrapped;
    if (w.kind === "ScopeTraversal" && w.traversal.length === 1 && w.traversal[0]!.kind === "root") return w.traversal[0].name;
    return objectKey(w, diags);
  }
  const v = constValue(key.kind === "ObjectConsKey" ? key.wrapped : key, diags);
  const c = convert(v, { kind: "string" });
  if (!c.ok || !c.value.isKnown() || c.value.isNull()) {
    diags.push(errorDiag("Incorrect key type", "Can't use this value as a key: string required.", key.range));
    return undefined;
  }
  return c.value.asString();
}

/** A constant of the wanted type, as gohcl.DecodeExpression with no evaluation context. */
export function decodeConst(expr: Expression, want: Type, diags: Diagnostic[]): Value | undefined {
  const before = diags.length;
  const v = constValue(expr, diags);
  if (diags.length > before) return undefined;
  const c = convert(v, want);
  if (!c.ok) {
    const where = c.path !== undefined && c.path.length > 0 ? `${formatPath(c.path)}: ` : "";
    diags.push(errorDiag("Unsuitable value type", `Unsuitable value: ${where}${c.message}`, expr.range));
    return undefined;
  }
  return c.value;
}

export function decodeConstBool(expr: Expression, diags: Diagnostic[]): boolean | undefined {
  const v = decodeConst(expr, { kind: "bool" }, diags);
  if (v === undefined || !v.isKnown()) return undefined;
  if (v.isNull()) {
    diags.push(errorDiag("Unsuitable value type", "Unsuitable value: value must not be null", expr.range));
    return undefined;
  }
  return v.asBool();
}

export function decodeConstString(expr: Expression, diags: Diagnostic[]): string | undefined {
  const v = decodeConst(expr, { kind: "string" }, diags);
  if (v === undefined || !v.isKnown()) return undefined;
  if (v.isNull()) {
    diags.push(errorDiag("Unsuitable value type", "Unsuitable value: value must not be null", expr.range));
    return undefined;
  }
  return v.asString();
}

/** The text of a native-syntax quoted string without interpolations (`"string"`), else undefined. */
export function quotedNativeString(expr: Expression): string | undefined {
  let e = expr;
  // Iterative: template wrappers can nest as deep as the input does.
  for (;;) {
    if (e.kind === "TemplateWrap") e = e.wrapped;
    else if (e.kind === "Template" && e.parts.length === 1) e = e.parts[0]!;
    else break;
  }
  if (e.kind === "Template" && e.parts.length === 0) return "";
  if (e.kind === "LiteralValue" && e.value.type.kind === "string" && e.value.isKnown() && !e.value.isNull()) {
    return e.value.asString();
  }
  return undefined;
}
