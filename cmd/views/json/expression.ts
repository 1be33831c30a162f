// Configuration expressions as Terraform's JSON configuration representation writes them
// (jsonconfig.marshalExpression): `constant_value` when the expression evaluates with no context at all (no
// variables, no functions), and `references` listing every referenced address from the most specific
// (`aws_instance.a[0].id`) to the least (`aws_instance.a[0]`, `aws_instance.a`). An expression with
// neither is written as {}.

import { referenceFromTraversal } from "../../../addrs/reference.js";
import { ModuleCallInstance, ModuleCallInstanceOutput } from "../../../addrs/module.js";
import { ResourceInstance } from "../../../addrs/resource.js";
import { expressionReferences } from "../../../lang/eval/references.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import type { Expression, Traversal } from "../../../lang/syntax/ast.js";
import { BigFloat } from "../../../lang/values/bigfloat.js";
import { formatNumber } from "../../../lang/values/numfmt.js";
import type { Value } from "../../../lang/values/value.js";
import { array, jsonString, raw, struct, type JsonText } from "../state/go-json.js";
import { knownValueJson } from "./value-json.js";

export function expressionJson(expr: Expression | undefined): JsonText {
  if (expr === undefined) return struct([]);
  const refs = referenceStrings(expr);
  return struct([
    ["constant_value", constantValue(expr)],
    ["references", refs.length > 0 ? array(refs.map(jsonString)) : undefined],
  ]);
}

function constantValue(expr: Expression): JsonText | undefined {
  const r = evaluate(expr, undefined);
  // Evaluation without a context fails (and yields an unknown) for anything that refers to something.
  if (r.diags.some((d) => d.severity === "error") || !r.value.isWhollyKnown()) return undefined;
  return knownValueJson(r.value) ?? raw("null");
}

export function referenceStrings(expr: Expression): string[] {
  const out: string[] = [];
  for (const t of expressionReferences(expr)) {
    const { ref } = referenceFromTraversal(t);
    if (ref === undefined) continue;
    const subject = ref.subject.toString();
    for (let n = ref.remaining.length; n > 0; n--) out.push(subject + traversalSuffix(ref.remaining.slice(0, n)));
    out.push(subject);
    const s = ref.subject;
    if (s instanceof ResourceInstance && s.instanceKey.kind !== "none") out.push(s.resource.toString());
    else if (s instanceof ModuleCallInstance && s.instanceKey.kind !== "none") out.push(s.call.toString());
    else if (s instanceof ModuleCallInstanceOutput) out.push(s.call.toString());
  }
  return out;
}

/** `.attr` and `[key]` steps as Terraform's traversalStr writes them (strings quoted, Go %q style). */
function traversalSuffix(steps: Traversal): string {
  let s = "";
  for (const step of steps) {
    if (step.kind === "attr") s += `.${step.name}`;
    else if (step.kind === "index") s += `[${keyText(step.key)}]`;
  }
  return s;
}

function keyText(v: Value): string {
  const r = v.raw;
  if (typeof r === "string") return JSON.stringify(r);
  if (r instanceof BigFloat) return formatNumber(r);
  if (typeof r === "boolean") return r ? "true" : "false";
  return "...";
}
