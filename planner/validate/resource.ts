// A resource in the validate walk (Terraform's NodeValidatableResource): what can be checked before any
// value is known. Nothing is planned and no provider is called.

import { type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { DynamicVal, unknownVal } from "../../lang/values/value.js";
import type { Resource } from "../../config/model.js";
import { impliedType } from "../../providers/schema.js";
import { decodeBody } from "../eval/decode-body.js";
import type { InstanceExtra } from "../eval/scope.js";
import type { ValidateInstanceContext } from "./context.js";
import { validateExpansion } from "./expansion.js";

/** A resource's body against its schema, its count/for_each and its conditions, with unknown values. */
export function validateResource(ctx: ValidateInstanceContext, res: Resource): Diagnostic[] {
  const view = ctx.scope;
  const exp = validateExpansion(res.count, res.forEach, view.context());
  if (exp.expansion === undefined) return exp.diags;
  const diags = [...exp.diags];
  const extra: InstanceExtra = exp.expansion.instances[0] ?? {};
  const schema = ctx.providers.resourceSchema(res.provider, res.mode, res.type);
  const instCtx = view.instanceContext(extra);
  if (schema !== undefined) diags.push(...decodeBody(res.config, schema.block, instCtx).diags);
  diags.push(...evaluationErrors(res.preconditions.flatMap((r) => [r.condition, r.errorMessage]), instCtx));
  const self = schema !== undefined ? unknownVal(impliedType(schema.block)) : DynamicVal;
  diags.push(...evaluationErrors(res.postconditions.flatMap((r) => [r.condition, r.errorMessage]), view.instanceContext({ ...extra, self })));
  return diags;
}

/** Only what evaluating the expressions reports; results are not judged (nothing is known yet). */
export function evaluationErrors(exprs: readonly Expression[], ctx: EvalContext): Diagnostic[] {
  return exprs.flatMap((e) => evaluate(e, ctx).diags);
}
