// Decoders shared by several block types: check rules (precondition, postcondition, validation, assert),
// depends_on lists and provider configuration references (`provider = aws.west`).

import { referenceFromTraversal } from "../addrs/index.js";
import type { ContentBlock } from "../lang/body.js";
import { type Diagnostic, errorDiag, hasErrors, warningDiag } from "../lang/diagnostics.js";
import { expressionReferences } from "../lang/eval/references.js";
import { parseExpression } from "../lang/syntax/parser.js";
import { jsonStringOf } from "../lang/json/origin.js";
import type { Expression, Traversal } from "../lang/syntax/ast.js";
import type { CheckRule, ProviderConfigRef } from "./model.js";
import { checkRuleSchema } from "./schemas.js";
import { absTraversalForExpr, exprList, quotedNativeString } from "./static.js";

export function decodeCheckRule(block: ContentBlock, diags: Diagnostic[]): CheckRule | undefined {
  const { content, diags: d } = block.body.content(checkRuleSchema);
  diags.push(...d);
  const condition = content.attributes.get("condition")?.expr;
  const errorMessage = content.attributes.get("error_message")?.expr;
  if (condition === undefined || errorMessage === undefined) return undefined;
  // Terraform's decodeCheckRuleBlock: a condition that refers to nothing checks nothing.
  if (expressionReferences(condition).length === 0) {
    diags.push(
      errorDiag(
        `Invalid ${block.type} expression`,
        "The condition expression must refer to at least one object from elsewhere in the configuration, or else its result would not be checking anything.",
        condition.range,
      ),
    );
  }
  return { condition, errorMessage, declRange: block.defRange };
}

/** depends_on = [a.b, module.c]: whole objects only, by static reference. */
export function decodeDependsOn(expr: Expression, diags: Diagnostic[]): Traversal[] {
  const out: Traversal[] = [];
  const list = exprList(expr);
  diags.push(...list.diags);
  for (const item of list.exprs ?? []) {
    const e = unquotedReference(item, diags);
    const t = absTraversalForExpr(e);
    diags.push(...t.diags);
    if (t.traversal === undefined || t.traversal.length === 0) continue;
    const ref = referenceFromTraversal(t.traversal);
    diags.push(...ref.diags);
    if (ref.ref === undefined) continue;
    if (ref.ref.remaining.length > 0) {
      const rem = ref.ref.remaining;
      diags.push(
        errorDiag(
          "Invalid depends_on reference",
          "References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.",
          { filename: rem[0]!.range.filename, start: rem[0]!.range.start, end: rem[rem.length - 1]!.range.end },
        ),
      );
      continue;
    }
    out.push(t.traversal);
  }
  return out;
}

/**
 * Terraform 0.11's quoted reference (`depends_on = ["aws_instance.a"]`) still works, with a deprecation
 * warning (Terraform's shimTraversalInString): the string is read as the reference it names.
 */
function unquotedReference(expr: Expression, diags: Diagnostic[]): Expression {
  // In JSON syntax a string is how a reference is written (the JSON body reads it as one).
  if (jsonStringOf(expr) !== undefined) return expr;
  const text = quotedNativeString(expr);
  if (text === undefined) return expr;
  const s = expr.range.start;
  const parsed = parseExpression(text, expr.range.filename, { line: s.line, column: s.column + 1, byte: s.byte + 1 });
  if (hasErrors(parsed.diags)) return expr;
  diags.push(
    warningDiag(
      "Quoted references are deprecated",
      "In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Cairn. Remove the quotes surrounding this reference to silence this warning.",
      expr.range,
    ),
  );
  return parsed.expr;
}

/** `aws` or `aws.west` (not quoted) in a resource's `provider` argument or a module's `providers` map. */
export function decodeProviderConfigRef(given: Expression, argName: string, diags: Diagnostic[]): ProviderConfigRef | undefined {
  // A resource's quoted `provider = "aws.west"` is deprecated but accepted, as in Terraform.
  const expr = argName === "provider" ? unquotedReference(given, diags) : given;
  const t = absTraversalForExpr(expr);
  const traversal = t.traversal;
  if (traversal === undefined || traversal.length === 0 || traversal.length > 2) {
    const quoted = expr.kind === "Template";
    diags.push(
      errorDiag(
        "Invalid provider configuration reference",
        quoted
          ? "A provider configuration reference must not be given in quotes."
          : `The ${argName} argument requires a provider type name, optionally followed by a period and then a configuration alias.`,
        expr.range,
      ),
    );
    return undefined;
  }
  const root = traversal[0]!;
  if (root.kind !== "root") return undefined;
  const ref: ProviderConfigRef = { name: root.name, nameRange: root.range, alias: "" };
  const aliasStep = traversal[1];
  if (aliasStep === undefined) return ref;
  if (aliasStep.kind !== "attr") {
    diags.push(
      errorDiag(
        "Invalid provider configuration reference",
        "Provider name must either stand alone or be followed by a period and then a configuration alias.",
        aliasStep.range,
      ),
    );
    return ref;
  }
  return { ...ref, alias: aliasStep.name, aliasRange: aliasStep.range };
}
