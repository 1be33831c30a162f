// Root output values: evaluated in the plan walk to show their changes, and again in the apply walk to record
// them in state. A root output whose value is sensitive must say so (Terraform's "Output refers to sensitive
// values").

import { AbsOutputValue, OutputValue } from "../../addrs/named-values.js";
import { ModuleInstance } from "../../addrs/module.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { typeToJSON, valueToJSONText } from "../../lang/values/json.js";
import { NullDynamic, type Value } from "../../lang/values/value.js";
import type { Output } from "../../config/model.js";
import { parseJsonExact, type JsonValue } from "../../lang/values/json-exact.js";
import type { OutputState } from "../../state/model.js";
import { evalCheckRules } from "./conditions.js";
import type { RuleOutcome } from "./check-results.js";

export function outputAddr(name: string): AbsOutputValue {
  return new AbsOutputValue(ModuleInstance.root, new OutputValue(name));
}

/** `root`: only a root module's outputs must say `sensitive = true` to export a sensitive value (as Terraform). */
export function evaluateOutput(config: Output, ctx: EvalContext, root = true, report?: (o: RuleOutcome) => void): { value: Value; diags: Diagnostic[] } {
  // A child module's output is named by its call, which is not known here: only a root one is a checkable object.
  const diags = evalCheckRules(config.preconditions, "output-precondition", ctx, `output.${config.name}`, report).map((d) => (root ? d : { ...d, checkRule: undefined }));
  if (hasErrors(diags) || config.expr === undefined) return { value: NullDynamic, diags };
  const ev = evaluate(config.expr, ctx);
  diags.push(...ev.diags);
  if (root && !config.sensitive && ev.value.containsMarked() && !hasErrors(ev.diags)) {
    diags.push(
      errorDiag(
        "Output refers to sensitive values",
        "To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, Cairn requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the following argument:\n    sensitive = true",
        config.declRange,
      ),
    );
  }
  return { value: ev.value, diags };
}


/**
 * The state form of a wholly known output value; undefined when it is not known or null (neither is
 * recorded: Terraform omits a null root output from state).
 */
export function outputForState(v: Value, sensitive: boolean): OutputState | undefined {
  const [plain, marks] = v.unmarkDeep();
  if (!plain.isWhollyKnown() || plain.isNull()) return undefined;
  const text = valueToJSONText(plain);
  if (!text.ok) return undefined;
  const parsed = parseJsonExact(text.text);
  if (!parsed.ok) return undefined;
  const out: OutputState = { value: parsed.value, type: typeToJSON(plain.type) as JsonValue };
  if (sensitive || marks.size > 0) out.sensitive = true;
  return out;
}
