// A run block's `assert` rules (Terraform's moduletest.EvalContext.Evaluate), against the root module's
// values after the run's plan or apply, with `output.NAME`, the run's test-only variables and `run.NAME`
// (earlier runs' outputs) added. A false condition fails the run; one that errs, is null or not yet known is
// an error of the run.

import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { valueNotes } from "../../lang/eval/value-notes.js";
import { objectVal, type Value } from "../../lang/values/value.js";
import type { CheckRule } from "../../config/model.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { mergeStatus, type TestStatus } from "./status.js";

export interface AssertionScope {
  /** The root module's values after the walk (CoreContext plan/apply `rootContext`). */
  readonly root: EvalContext;
  readonly outputs: ReadonlyMap<string, Value>;
  /** Test-only variables: values the run or file sets for names the module does not declare. */
  readonly extraVariables: ReadonlyMap<string, Value>;
  readonly runs: ReadonlyMap<string, Value>;
}

export function assertionContext(s: AssertionScope): EvalContext {
  const variables = new Map(s.root.variables);
  const vars = variables.get("var");
  const merged = new Map(vars !== undefined && vars.isKnown() && !vars.isNull() && vars.type.kind === "object" ? vars.asEntries() : []);
  for (const [k, v] of s.extraVariables) merged.set(k, v);
  variables.set("var", objectVal(merged));
  variables.set("output", objectVal(new Map(s.outputs)));
  variables.set("run", objectVal(new Map(s.runs)));
  return { ...s.root, variables };
}

const unknownDetail =
  "Condition expression could not be evaluated at this time. This means you have executed a `run` block with `command = plan` and one of the values your condition depended on is not known until after the plan has been applied. Either remove this value from your condition, or execute an `apply` command from this `run` block. Alternatively, if there is an override for this value, you can make it available during the plan phase by setting `override_during = plan` in the `override_` block.";

/**
 * `staticCheck`: the references of a rule's expressions checked before it is evaluated (undeclared names,
 * attributes a resource type does not have, run blocks): a rule that fails them is an error of the run, and
 * the next rule is still checked, as Terraform does.
 */
export function evaluateAssertions(rules: readonly CheckRule[], ctx: EvalContext, staticCheck: (exprs: readonly Expression[]) => Diagnostic[] = () => []): { status: TestStatus; diags: Diagnostic[] } {
  let status: TestStatus = "pass";
  const diags: Diagnostic[] = [];
  for (const rule of rules) {
    const refDiags = staticCheck([rule.condition, rule.errorMessage]);
    if (hasErrors(refDiags)) {
      diags.push(...refDiags);
      status = mergeStatus(status, "error");
      continue;
    }
    const message = evaluate(rule.errorMessage, ctx);
    const cond = evaluate(rule.condition, ctx);
    const ruleDiags = [...message.diags, ...cond.diags];
    diags.push(...ruleDiags);
    if (hasErrors(ruleDiags)) {
      status = mergeStatus(status, "error");
      continue;
    }
    const [c] = cond.value.unmarkDeep();
    const notes = (unknown: boolean) => {
      const n = valueNotes(rule.condition, ctx, { causedByUnknown: unknown });
      return n.length > 0 ? { valueNotes: n } : {};
    };
    if (c.isNull()) {
      status = mergeStatus(status, "error");
      diags.push({ ...errorDiag("Invalid condition run", "Condition expression must return either true or false, not null.", rule.condition.range), ...notes(false) });
      continue;
    }
    if (!c.isKnown()) {
      status = mergeStatus(status, "error");
      diags.push({ ...errorDiag("Unknown condition value", unknownDetail, rule.condition.range), ...notes(false) });
      continue;
    }
    if (c.type.kind !== "bool") {
      status = mergeStatus(status, "error");
      diags.push({ ...errorDiag("Invalid condition run", "Invalid condition run value: a bool is required.", rule.condition.range), ...notes(false) });
      continue;
    }
    if (c.asBool()) continue;
    status = mergeStatus(status, "fail");
    diags.push({ ...errorDiag("Test assertion failed", messageText(message.value), rule.condition.range), ...notes(false) });
  }
  return { status, diags };
}

function messageText(v: Value): string {
  const [m] = v.unmarkDeep();
  if (!m.isKnown() || m.isNull() || m.type.kind !== "string") return "The error message for this condition could not be evaluated.";
  if (v.containsMarked()) return "The error message included a sensitive value, so it will not be displayed.";
  return m.asString();
}
