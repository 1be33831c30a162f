// The functions that receive expressions instead of values (Terraform's try, can and the console's type).
// HCL implements try and can with "expression closure" parameters (ext/tryfunc): the arguments are
// evaluated lazily, one at a time, and their errors are the functions' input rather than the caller's
// problem. An argument that refers to a value not known yet may still fail later, so both return an
// unknown result for it instead of deciding too early.
//
// try and can are always available where functions are (also as core::try, core::can, as Terraform
// registers every built-in); type only where the context enables the console's extra functions.

import { errorDiag, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { FunctionSpec } from "../funcs/function.js";
import type { FunctionCallExpr } from "../syntax/ast.js";
import { BoolType, DynamicPseudoType } from "../values/types.js";
import { DynamicVal, False, True, unknownVal, type Value } from "../values/value.js";
import type { CallArg } from "./call.js";
import { checkArityDiag } from "./call.js";
import type { EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { callStartRange } from "./ranges.js";
import { rangeString } from "../pos.js";
import { expressionReferences } from "./references.js";
import { traverseAbs } from "./traverse.js";
import { typeValue, isTypeTypeValue, typeOfTypeValue, typeTypeValue } from "./type-value.js";

const noResult = () => DynamicPseudoType;
const noImpl = () => DynamicVal;
const closureParam = (name: string) => ({ name, type: DynamicPseudoType });

/** The parameter shapes of the special forms, for HCL's arity messages. */
const shapes: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["try", { params: [], varParam: closureParam("expressions"), returnType: noResult, impl: noImpl }],
  ["can", { params: [closureParam("expression")], returnType: noResult, impl: noImpl }],
  ["type", { params: [closureParam("value")], returnType: noResult, impl: noImpl }],
]);

export type SpecialForm = "try" | "can" | "type";

/** The special form a call name denotes in this context, if any. */
export function specialFormName(name: string, ctx: EvalContext): SpecialForm | undefined {
  const bare = name.startsWith("core::") ? name.slice("core::".length) : name;
  if (bare === "try" || bare === "can") return bare;
  if (bare === "type" && ctx.consoleFunctions === true) return "type";
  return undefined;
}

/** The special forms' names, for "Did you mean" suggestions. */
export function specialFormNames(ctx: EvalContext): string[] {
  return ctx.consoleFunctions === true ? ["can", "try", "type"] : ["can", "try"];
}

export function evalSpecialForm(
  e: FunctionCallExpr,
  form: SpecialForm,
  args: readonly CallArg[],
  ctx: EvalContext,
  diags: Diagnostic[],
  depth: number,
): Value {
  const arity = checkArityDiag(e, shapes.get(form)!, args);
  if (arity !== undefined) {
    diags.push(arity);
    return DynamicVal;
  }
  switch (form) {
    case "try":
      return evalTry(e, args, ctx, diags, depth);
    case "can":
      return evalCan(args[0]!, ctx, depth);
    case "type":
      return evalType(args[0]!, ctx, diags, depth);
  }
}

/** tryfunc's dependsOnUnknowns: does the argument refer to anything not wholly known yet? */
function dependsOnUnknowns(arg: CallArg, ctx: EvalContext): boolean {
  if (arg.expr === undefined) return false;
  for (const traversal of expressionReferences(arg.expr)) {
    const scratch: Diagnostic[] = [];
    const v = traverseAbs(traversal, ctx, scratch);
    if (hasErrors(scratch)) continue;
    if (!v.isWhollyKnown()) return true;
  }
  return false;
}

function evalArg(arg: CallArg, ctx: EvalContext, depth: number): { value: Value; diags: Diagnostic[] } {
  if (arg.expr === undefined) return { value: arg.value, diags: [] };
  const diags: Diagnostic[] = [];
  const value = evalExpr(arg.expr, ctx, diags, depth);
  return { value, diags };
}

function evalTry(e: FunctionCallExpr, args: readonly CallArg[], ctx: EvalContext, diags: Diagnostic[], depth: number): Value {
  if (args.length === 0) {
    diags.push(callFailed(e, "at least one argument is required"));
    return DynamicVal;
  }
  const failures: Diagnostic[] = [];
  for (const arg of args) {
    if (dependsOnUnknowns(arg, ctx)) return DynamicVal;
    const r = evalArg(arg, ctx, depth);
    if (hasErrors(r.diags)) {
      for (const d of r.diags) failures.push(d);
      continue;
    }
    return r.value; // diagnostics of the failed attempts are deliberately dropped once one succeeds
  }
  let message = "no expression succeeded:\n";
  for (const d of failures) {
    message += d.subject
      ? `- ${d.summary} (at ${rangeString(d.subject)})\n  ${d.detail ?? ""}\n`
      : `- ${d.summary}\n  ${d.detail ?? ""}\n`;
  }
  message += "\nAt least one expression must produce a successful result";
  diags.push(callFailed(e, message));
  return DynamicVal;
}

function evalCan(arg: CallArg, ctx: EvalContext, depth: number): Value {
  if (dependsOnUnknowns(arg, ctx)) return unknownVal(BoolType);
  return hasErrors(evalArg(arg, ctx, depth).diags) ? False : True;
}

/** The console's type(x): a printable type (see type-value.ts). Errors in the argument are the caller's. */
function evalType(arg: CallArg, ctx: EvalContext, diags: Diagnostic[], depth: number): Value {
  const r = evalArg(arg, ctx, depth);
  for (const d of r.diags) diags.push(d);
  if (hasErrors(r.diags)) return DynamicVal;
  if (typeOfTypeValue(r.value) !== undefined || isTypeTypeValue(r.value)) return typeTypeValue(r.value.marks);
  return typeValue(r.value.type, r.value.marks);
}

function callFailed(e: FunctionCallExpr, message: string): Diagnostic {
  return errorDiag("Error in function call", `Call to function "${e.name}" failed: ${message}.`, callStartRange(e), e.range);
}

