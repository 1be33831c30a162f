// Preconditions, postconditions and check assertions (OpenTofu's evalCheckRules): a condition that is false
// is an error (a warning for `check` blocks); one that is not yet known is checked again at apply.

import { errorDiag, hasErrors, warningDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { CheckRule } from "../../config/model.js";
import type { CheckStatus } from "../../state/model.js";
import { aggregate, type RuleOutcome } from "./check-results.js";
import { valueNotes } from "../../lang/eval/value-notes.js";

export type CheckKind = "resource-precondition" | "resource-postcondition" | "output-precondition" | "check-assertion";

const summaries: Record<CheckKind, string> = {
  "resource-precondition": "Resource precondition failed",
  "resource-postcondition": "Resource postcondition failed",
  "output-precondition": "Module output value precondition failed",
  "check-assertion": "Check block assertion failed",
};

/** `report` is told the rules' combined outcome (the object's entry in the check results). */
export function evalCheckRules(rules: readonly CheckRule[], kind: CheckKind, ctx: EvalContext, address?: string, report?: (o: RuleOutcome) => void): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const statuses: CheckStatus[] = [];
  const messages: string[] = [];
  const done = (): Diagnostic[] => {
    if (rules.length > 0) report?.({ status: aggregate(statuses), messages });
    return diags;
  };
  for (const rule of rules) {
    const cond = evaluate(rule.condition, ctx);
    if (hasErrors(cond.diags)) {
      statuses.push("error");
      diags.push(...(kind === "check-assertion" ? cond.diags.map((d) => ({ ...d, severity: "warning" as const })) : cond.diags));
      continue;
    }
    const [c] = cond.value.unmarkDeep();
    if (!c.isKnown()) {
      statuses.push("unknown");
      continue;
    }
    if (c.isNull() || c.type.kind !== "bool") {
      statuses.push("error");
      diags.push(errorDiag("Invalid condition result", c.isNull() ? "Condition expression must return either true or false, not null." : "Invalid condition result value: a bool is required.", rule.condition.range));
      continue;
    }
    if (c.asBool()) {
      statuses.push("pass");
      continue;
    }
    const msg = evaluate(rule.errorMessage, ctx);
    const [m] = msg.value.unmarkDeep();
    const text =
      hasErrors(msg.diags) || !m.isKnown() || m.isNull() || m.type.kind !== "string"
        ? "The error message for this condition could not be evaluated."
        : msg.value.containsMarked()
          ? "The error message included a sensitive value, so it will not be displayed."
          : m.asString();
    const detail = text;
    statuses.push("fail");
    messages.push(text);
    const plain = kind === "check-assertion" ? warningDiag(summaries[kind], text, rule.condition.range) : errorDiag(summaries[kind], detail, rule.condition.range);
    const notes = valueNotes(rule.condition, ctx);
    const d = { ...plain, ...(notes.length > 0 ? { valueNotes: notes } : {}), ...(address !== undefined ? { checkRule: address } : {}) };
    diags.push(address !== undefined && d.subject === undefined ? { ...d, address } : d);
  }
  return done();
}
