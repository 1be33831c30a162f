// A variable's `type` argument, as Terraform's decodeVariableType reads it. The type-constraint grammar
// itself (`list(string)`, `object({a = optional(number, 1)})`) belongs to lang/typeexpr; this file
// adds only what the configuration language layers on top of it:
// - the pre-0.12 quoted forms (`type = "string"`) are errors with Terraform's upgrade advice;
// - the bare keywords `list` and `map` mean list(any) and map(any);
// - in JSON the constraint is a string holding a native-syntax type expression;
// - a constraint with errors constrains nothing (any), so later checks do not pile up follow-on errors.

import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import { jsonStringOf } from "../lang/json/origin.js";
import type { Expression } from "../lang/syntax/ast.js";
import { parseExpression } from "../lang/syntax/parser.js";
import { typeConstraint } from "../lang/typeexpr/index.js";
import { DynamicPseudoType, type Type, listOf, mapOf } from "../lang/values/types.js";
import { exprAsKeyword, quotedNativeString } from "./static.js";

export function variableTypeConstraint(expr: Expression): { type: Type; diags: Diagnostic[] } {
  const json = jsonStringOf(expr);
  let typeExpr = expr;
  if (json !== undefined) {
    const parsed = parseExpression(json.value, json.range.filename, json.range.start);
    if (hasErrors(parsed.diags)) return { type: DynamicPseudoType, diags: parsed.diags };
    typeExpr = parsed.expr;
  } else {
    const quoted = quotedNativeString(expr);
    if (quoted !== undefined) return { type: DynamicPseudoType, diags: [legacyQuotedType(quoted, expr)] };
  }

  // Shorthands older than the type system, kept by Terraform: any element type, as long as all agree.
  switch (exprAsKeyword(typeExpr)) {
    case "list":
      return { type: listOf(DynamicPseudoType), diags: [] };
    case "map":
      return { type: mapOf(DynamicPseudoType), diags: [] };
  }

  const r = typeConstraint(typeExpr);
  return { type: hasErrors(r.diags) ? DynamicPseudoType : r.type, diags: r.diags };
}

function legacyQuotedType(text: string, expr: Expression): Diagnostic {
  const quotedSummary = "Invalid quoted type constraints";
  const deprecated =
    "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform.";
  switch (text) {
    case "string":
      return errorDiag(quotedSummary, `${deprecated} Remove the quotes around "string".`, expr.range);
    case "list":
      return errorDiag(
        quotedSummary,
        `${deprecated} Remove the quotes around "list" and write list(string) instead to explicitly indicate that the list elements are strings.`,
        expr.range,
      );
    case "map":
      return errorDiag(
        quotedSummary,
        `${deprecated} Remove the quotes around "map" and write map(string) instead to explicitly indicate that the map elements are strings.`,
        expr.range,
      );
    default:
      return errorDiag(
        "Invalid legacy variable type hint",
        "To provide a full type expression, remove the surrounding quotes and give the type expression directly.",
        expr.range,
      );
  }
}
