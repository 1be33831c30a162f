// A variable's `validation` rules (Terraform's evalVariableValidations), shared by root variables
// (finalize.ts) and child modules' input variables (planner/eval/module-scopes.ts): each condition must be
// true, an unknown result is decided at apply time, and a failed rule reports its error_message (never a
// sensitive one) at `subject`, the place the value came from.

import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { rangeString, type Range } from "../../lang/pos.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { EvalContext } from "../../lang/eval/context.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { valueNotes } from "../../lang/eval/value-notes.js";

/** A validation block: config's CheckRule (declRange) and the variables package's own shape (range). */
export interface ValidationRule {
  readonly condition: Expression;
  readonly errorMessage: Expression;
  readonly range?: Range;
  readonly declRange?: Range;
}

export function checkValidationRules(rules: readonly ValidationRule[], ctx: EvalContext, subject: Range | undefined): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const rule of rules) {
    const cond = evaluate(rule.condition, ctx);
    diags.push(...cond.diags);
    if (hasErrors(cond.diags)) continue;
    const [c] = cond.value.unmarkDeep();
    if (!c.isKnown()) continue; // decided at apply time
    if (c.isNull() || c.type.kind !== "bool") {
      diags.push(
        errorDiag(
          "Invalid variable validation result",
          c.isNull() ? "Validation condition expression must return either true or false, not null." : "Invalid validation condition result value: a bool is required.",
          rule.condition.range,
        ),
      );
      continue;
    }
    if (c.asBool()) continue;
    const notes = valueNotes(rule.condition, ctx);
    diags.push({
      ...errorDiag(
        "Invalid value for variable",
        `${errorMessage(rule.errorMessage, ctx, diags)}\n\nThis was checked by the validation rule at ${rangeString((rule.range ?? rule.declRange)!)}.`,
        subject ?? rule.condition.range,
      ),
      ...(notes.length > 0 ? { valueNotes: notes } : {}),
    });
  }
  return diags;
}

function errorMessage(expr: Expression, ctx: EvalContext, diags: Diagnostic[]): string {
  const { value, diags: d } = evaluate(expr, ctx);
  diags.push(...d.filter((x) => x.severity === "warning"));
  if (hasErrors(d) || !value.isKnown() || value.isNull() || value.type.kind !== "string") {
    return "The error message for this validation rule could not be evaluated.";
  }
  // A message built from sensitive values must not reveal them.
  if (value.containsMarked()) return "The error message included a sensitive value, so it will not be displayed.";
  return value.asString();
}
