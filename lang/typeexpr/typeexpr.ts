// Type constraints from expressions, as Terraform's typeexpr package reads them: `string`, `list(number)`,
// `object({ name = string, port = optional(number, 80) })`, `any`, ... Optional attributes and their
// defaults are recorded on the object type (ObjectType.optional / defaults) so that convert() applies them
// at every depth, including objects nested in collections.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { evaluate } from "../eval/evaluate.js";
import { rangeBetween } from "../pos.js";
import type { Expression } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import {
  BoolType,
  DynamicPseudoType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  setOf,
  type ObjectType,
  type Type,
} from "../values/types.js";
import type { Value } from "../values/value.js";
import { exprAsKeyword, exprCall, exprList, exprMap } from "./static.js";

const invalidTypeSummary = "Invalid type specification";

/** Nesting deeper than this is refused with a diagnostic rather than recursing further. */
export const maxTypeDepth = 100;

export interface TypeConstraintResult {
  readonly type: Type;
  readonly diags: Diagnostic[];
}

/** A type constraint (where `any` and optional(T, default) are allowed), as in a variable's `type`. */
export function typeConstraint(expr: Expression): TypeConstraintResult {
  const diags: Diagnostic[] = [];
  const type = getType(expr, { constraint: true, withDefaults: true }, diags, 0);
  return { type, diags };
}

/** An exact type (no `any`, no optional attributes), HCL's typeexpr.Type. */
export function exactType(expr: Expression): TypeConstraintResult {
  const diags: Diagnostic[] = [];
  const type = getType(expr, { constraint: false, withDefaults: false }, diags, 0);
  return { type, diags };
}

interface Mode {
  readonly constraint: boolean;
  readonly withDefaults: boolean;
}

function invalid(detail: string, expr: Expression, diags: Diagnostic[], subject = expr.range, context?: typeof expr.range): Type {
  diags.push(errorDiag(invalidTypeSummary, detail, subject, context));
  return DynamicPseudoType;
}

function getType(expr: Expression, mode: Mode, diags: Diagnostic[], depth: number): Type {
  if (depth > maxTypeDepth) {
    return invalid(`Type specifications may not be nested more than ${maxTypeDepth} levels deep.`, expr, diags);
  }
  const kw = exprAsKeyword(expr);
  switch (kw) {
    case "bool":
      return BoolType;
    case "string":
      return StringType;
    case "number":
      return NumberType;
    case "any":
      if (mode.constraint) return DynamicPseudoType;
      return invalid(`The keyword "any" cannot be used in this type specification: an exact type is required.`, expr, diags);
    case "list":
    case "map":
    case "set":
      return invalid(`The ${kw} type constructor requires one argument specifying the element type.`, expr, diags);
    case "object":
      return invalid(
        "The object type constructor requires one argument specifying the attribute types and values as a map.",
        expr,
        diags,
      );
    case "tuple":
      return invalid("The tuple type constructor requires one argument specifying the element types as a list.", expr, diags);
    case "":
      break;
    default:
      return invalid(`The keyword "${kw}" is not a valid type specification.`, expr, diags);
  }

  const call = exprCall(expr);
  if (call === undefined) {
    return invalid(
      "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).",
      expr,
      diags,
    );
  }
  switch (call.name) {
    case "bool":
    case "string":
    case "number":
      return invalid(`Primitive type keyword "${call.name}" does not expect arguments.`, expr, diags, call.argsRange);
    case "any":
      return invalid(`Type constraint keyword "any" does not expect arguments.`, expr, diags, call.argsRange);
  }
  if (call.args.length !== 1 && ["list", "set", "map", "object", "tuple"].includes(call.name)) {
    const subject = call.args.length > 1 ? rangeBetween(call.args[1]!.range, call.args[call.args.length - 1]!.range) : call.argsRange;
    const detail =
      call.name === "object"
        ? "The object type constructor requires one argument specifying the attribute types and values as a map."
        : call.name === "tuple"
          ? "The tuple type constructor requires one argument specifying the element types as a list."
          : `The ${call.name} type constructor requires one argument specifying the element type.`;
    return invalid(detail, expr, diags, subject, call.argsRange);
  }
  switch (call.name) {
    case "list":
      return listOf(getType(call.args[0]!, mode, diags, depth + 1));
    case "set":
      return setOf(getType(call.args[0]!, mode, diags, depth + 1));
    case "map":
      return mapOf(getType(call.args[0]!, mode, diags, depth + 1));
    case "object":
      return objectType(expr, call.args[0]!, mode, diags, depth);
    case "tuple": {
      const defs = exprList(call.args[0]!);
      if (defs === undefined) {
        return invalid("Tuple type constructor requires a list of element types.", expr, diags, call.args[0]!.range, expr.range);
      }
      return { kind: "tuple", elems: defs.map((d) => getType(d, mode, diags, depth + 1)) };
    }
    case "optional":
      return invalid(`Keyword "optional" is valid only as a modifier for object type attributes.`, expr, diags, call.nameRange);
    default:
      return invalid(`Keyword "${call.name}" is not a valid type constructor.`, expr, diags);
  }
}

function objectType(expr: Expression, arg: Expression, mode: Mode, diags: Diagnostic[], depth: number): Type {
  const items = exprMap(arg);
  if (items === undefined) {
    return invalid(
      "Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.",
      expr,
      diags,
      arg.range,
      expr.range,
    );
  }
  const attrs = new Map<string, Type>();
  const optional = new Set<string>();
  const defaults = new Map<string, Value>();
  for (const item of items) {
    const name = exprAsKeyword(item.key);
    if (name === "") {
      diags.push(errorDiag(invalidTypeSummary, "Object constructor map keys must be attribute names.", item.key.range, expr.range));
      continue;
    }
    let atyExpr = item.value;
    let defaultExpr: Expression | undefined;
    let defaultVal: Value | undefined;
    const call = exprCall(atyExpr);
    if (call !== undefined && call.name === "optional") {
      if (call.args.length < 1) {
        diags.push(
          errorDiag(invalidTypeSummary, "Optional attribute modifier requires the attribute type as its argument.", call.argsRange, atyExpr.range),
        );
        continue;
      }
      if (!mode.constraint) {
        diags.push(
          errorDiag(invalidTypeSummary, "Optional attribute modifier is only for type constraints, not for exact types.", call.nameRange, atyExpr.range),
        );
      } else if (!mode.withDefaults) {
        if (call.args.length === 1) optional.add(name);
        else {
          diags.push(
            errorDiag(invalidTypeSummary, "Optional attribute modifier expects only one argument: the attribute type.", call.argsRange, atyExpr.range),
          );
        }
      } else if (call.args.length === 1) {
        optional.add(name);
      } else if (call.args.length === 2) {
        defaultExpr = call.args[1]!;
        const r = evaluate(defaultExpr, undefined);
        diags.push(...r.diags);
        if (!r.diags.some((d) => d.severity === "error")) {
          optional.add(name);
          defaultVal = r.value;
        }
      } else {
        diags.push(
          errorDiag(
            invalidTypeSummary,
            "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.",
            call.argsRange,
            atyExpr.range,
          ),
        );
      }
      atyExpr = call.args[0]!;
    }
    const aty = getType(atyExpr, mode, diags, depth + 1);
    if (defaultVal !== undefined && defaultExpr !== undefined) {
      const c = convert(defaultVal, aty);
      if (!c.ok) {
        diags.push(
          errorDiag(
            "Invalid default value for optional attribute",
            `This default value is not compatible with the attribute's type constraint: ${c.message}.`,
            defaultExpr.range,
          ),
        );
      } else if (!c.value.isNull()) {
        defaults.set(name, c.value);
      }
    }
    attrs.set(name, aty);
  }
  const t: ObjectType = {
    kind: "object",
    attrs,
    ...(optional.size > 0 ? { optional } : {}),
    ...(defaults.size > 0 ? { defaults } : {}),
  };
  return t;
}
