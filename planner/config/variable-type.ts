// Reading a variable's `type` constraint (`list(string)`, `object({a = optional(number, 1)})`).
// Interim: planner/lang/typeexpr (typeConstraint) is being written in parallel; when it lands this file
// should delegate to it. Until then this covers Terraform's whole constraint grammar except the legacy
// quoted forms, with typeexpr's "Invalid type specification" diagnostics.

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Expression } from "../lang/syntax/ast.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, type Type, listOf, mapOf, setOf, tupleOf } from "../lang/values/types.js";
import type { Value } from "../lang/values/value.js";
import { constValue, exprAsKeyword, exprList, exprMap } from "./static.js";

const summary = "Invalid type specification";
const maxDepth = 64;

export function variableTypeConstraint(expr: Expression): { type: Type; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const type = read(expr, diags, 0, false);
  return { type: diags.length > 0 ? DynamicPseudoType : type, diags };
}

function read(expr: Expression, diags: Diagnostic[], depth: number, inObject: boolean): Type {
  if (depth > maxDepth) {
    diags.push(errorDiag(summary, "The type constraint is nested too deeply.", expr.range));
    return DynamicPseudoType;
  }
  const kw = exprAsKeyword(expr);
  switch (kw) {
    case "string":
      return StringType;
    case "number":
      return NumberType;
    case "bool":
      return BoolType;
    case "any":
      return DynamicPseudoType;
    case "list":
    case "set":
    case "map":
      diags.push(errorDiag(summary, `The ${kw} type constructor requires one argument specifying the element type.`, expr.range));
      return DynamicPseudoType;
    case "":
      break;
    default:
      diags.push(errorDiag(summary, `The keyword "${kw}" is not a valid type specification.`, expr.range));
      return DynamicPseudoType;
  }
  if (expr.kind !== "FunctionCall") {
    diags.push(errorDiag(summary, "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", expr.range));
    return DynamicPseudoType;
  }
  const args = expr.args;
  const one = (what: string): Expression | undefined => {
    if (args.length === 1) return args[0]!;
    diags.push(errorDiag(summary, `The ${what} type constructor requires one argument specifying the element type.`, expr.range));
    return undefined;
  };
  switch (expr.name) {
    case "list":
    case "set":
    case "map": {
      const a = one(expr.name);
      if (a === undefined) return DynamicPseudoType;
      const elem = read(a, diags, depth + 1, false);
      return expr.name === "list" ? listOf(elem) : expr.name === "set" ? setOf(elem) : mapOf(elem);
    }
    case "tuple": {
      const a = args.length === 1 ? exprList(args[0]!) : undefined;
      if (a === undefined || a.exprs === undefined) {
        diags.push(errorDiag(summary, "The tuple type constructor requires one argument specifying the element types as a list.", expr.range));
        return DynamicPseudoType;
      }
      return tupleOf(a.exprs.map((e) => read(e, diags, depth + 1, false)));
    }
    case "object": {
      const m = args.length === 1 ? exprMap(args[0]!) : undefined;
      if (m === undefined || m.items === undefined) {
        diags.push(errorDiag(summary, "The object type constructor requires one argument specifying the attribute types as a map.", expr.range));
        return DynamicPseudoType;
      }
      const attrs = new Map<string, Type>();
      const optional = new Set<string>();
      const defaults = new Map<string, Value>();
      for (const item of m.items) {
        const k = constValue(item.key, diags);
        if (k.type.kind !== "string" || !k.isKnown() || k.isNull()) {
          diags.push(errorDiag(summary, "Object constructor map keys must be attribute names.", item.key.range));
          continue;
        }
        const name = k.asString();
        const v = item.value;
        if (v.kind === "FunctionCall" && v.name === "optional") {
          if (v.args.length < 1 || v.args.length > 2) {
            diags.push(errorDiag(summary, "Optional attribute modifier requires the attribute type as its first argument, and optionally a default value as its second argument.", v.range));
            continue;
          }
          attrs.set(name, read(v.args[0]!, diags, depth + 1, true));
          optional.add(name);
          if (v.args.length === 2) defaults.set(name, constValue(v.args[1]!, diags));
          continue;
        }
        attrs.set(name, read(v, diags, depth + 1, true));
      }
      const t: Type = { kind: "object", attrs, ...(optional.size > 0 ? { optional } : {}), ...(defaults.size > 0 ? { defaults } : {}) };
      return t;
    }
    case "optional":
      diags.push(
        errorDiag(
          summary,
          inObject ? "Optional attribute modifier is only for attribute types directly inside an object type constraint." : "Keyword \"optional\" is valid only as a modifier for object type attributes.",
          expr.range,
        ),
      );
      return DynamicPseudoType;
    default:
      diags.push(errorDiag(summary, `Keyword "${expr.name}" is not a valid type constructor.`, expr.range));
      return DynamicPseudoType;
  }
}
