// The generic call machinery every built-in function goes through (go-cty's Function.Call plus the argument
// handling of HCL's FunctionCallExpr): arity, conversion of each argument to its parameter type, null and
// unknown handling, marks stripped before and put back after, and errors turned into a CallResult whose
// message is worded as Terraform prints it.

import { convert } from "../values/convert.js";
import type { Marks, Value } from "../values/value.js";
import { unknownVal } from "../values/value.js";
import { DynamicPseudoType, type Type } from "../values/types.js";
import { FunctionError, type CallResult, type FunctionSpec, type Param } from "./function.js";

export interface CallOptions {
  /**
   * During validation Terraform treats impure functions (timestamp, uuid, bcrypt) as unpredictable:
   * their result is unknown so that a plan made from it is not taken as final.
   */
  readonly pureOnly?: boolean;
}

/** The parameter that receives argument `index` (the variadic one past the fixed ones), if any. */
export function paramForIndex(spec: FunctionSpec, index: number): Param | undefined {
  return index < spec.params.length ? spec.params[index] : spec.varParam;
}

/** Terraform's diagnostic detail for a bad argument: `Invalid value for "str" parameter: <message>.` */
export function invalidArgumentDetail(spec: FunctionSpec, argIndex: number, message: string): string {
  const param = paramForIndex(spec, argIndex);
  return `Invalid value for ${JSON.stringify(param?.name ?? `argument ${argIndex + 1}`)} parameter: ${message}.`;
}

/** Summary and detail of the diagnostic for a failed call, exactly as HCL words them. */
export function callFailureText(
  name: string,
  spec: FunctionSpec,
  failure: Extract<CallResult, { ok: false }>,
): { summary: string; detail: string } {
  const kind = failure.kind ?? (failure.argIndex === undefined ? "call" : "argument");
  switch (kind) {
    case "not-enough-args":
      return { summary: "Not enough function arguments", detail: failure.message };
    case "too-many-args":
      return { summary: "Too many function arguments", detail: failure.message };
    case "argument":
      if (failure.argIndex !== undefined && paramForIndex(spec, failure.argIndex) !== undefined) {
        return {
          summary: "Invalid function argument",
          detail: invalidArgumentDetail(spec, failure.argIndex, failure.message),
        };
      }
      break;
    case "call":
      break;
  }
  return { summary: "Error in function call", detail: `Call to function ${JSON.stringify(name)} failed: ${failure.message}.` };
}

function fail(message: string, argIndex: number | undefined, kind: NonNullable<Extract<CallResult, { ok: false }>["kind"]>): CallResult {
  return { ok: false, message, argIndex, kind };
}

/** The arity error for this argument count, or undefined when the count is acceptable. */
export function checkArity(name: string, spec: FunctionSpec, argCount: number): CallResult | undefined {
  const fixed = spec.params.length;
  if (argCount < fixed) {
    const qual = spec.varParam ? " at least" : "";
    const missing = spec.params[argCount]!.name;
    return fail(
      `Function ${JSON.stringify(name)} expects${qual} ${fixed} argument(s). Missing value for ${JSON.stringify(missing)}.`,
      undefined,
      "not-enough-args",
    );
  }
  if (!spec.varParam && argCount > fixed) {
    return fail(`Function ${JSON.stringify(name)} expects only ${fixed} argument(s).`, fixed, "too-many-args");
  }
  return undefined;
}

export function callFunction(
  name: string,
  spec: FunctionSpec,
  args: readonly Value[],
  options: CallOptions = {},
): CallResult {
  const arityError = checkArity(name, spec, args.length);
  if (arityError) return arityError;

  // 1. Convert every argument to its parameter's type (HCL does this before calling the function).
  const converted: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const param = paramForIndex(spec, i)!;
    const result = convert(args[i]!, param.type);
    if (!result.ok) return fail(result.message, i, "argument");
    converted.push(result.value);
  }

  // 2. Type checking (go-cty returnTypeForValues): nulls, dynamic-typed arguments, the return type.
  let dynamicArg = false;
  for (let i = 0; i < converted.length; i++) {
    const param = paramForIndex(spec, i)!;
    const v = converted[i]!;
    if (v.isNull() && !param.allowNull) return fail("argument must not be null", i, "argument");
    if (v.type.kind === "dynamic" && !param.allowDynamicType) dynamicArg = true;
  }

  // Marks are collected from every argument whose parameter does not handle them, so that a sensitive
  // argument makes the result sensitive even when the result is unknown.
  const resultMarks = new Set<string>();
  const callArgs: Value[] = converted.map((v, i) => {
    if (paramForIndex(spec, i)!.allowMarked) return v;
    const [unmarked, marks] = v.unmarkDeep();
    for (const m of marks) resultMarks.add(m);
    return unmarked;
  });
  const withMarks = (v: Value): Value => (resultMarks.size > 0 ? v.withMarks(resultMarks as Marks) : v);

  if (dynamicArg) return { ok: true, value: withMarks(unknownVal(DynamicPseudoType)) };

  let retType: Type;
  try {
    retType = spec.returnType(callArgs);
  } catch (e) {
    return fromThrown(e);
  }

  // 3. Unknown arguments short-circuit to an unknown result of the return type.
  for (let i = 0; i < callArgs.length; i++) {
    if (!callArgs[i]!.isKnown() && !paramForIndex(spec, i)!.allowUnknown) {
      return { ok: true, value: withMarks(unknownVal(retType)) };
    }
  }
  if (spec.impure && options.pureOnly) return { ok: true, value: withMarks(unknownVal(retType)) };

  try {
    return { ok: true, value: withMarks(spec.impl(callArgs, retType)) };
  } catch (e) {
    return fromThrown(e);
  }
}

function fromThrown(e: unknown): CallResult {
  if (e instanceof FunctionError) {
    return fail(e.message, e.argIndex, e.argIndex === undefined ? "call" : "argument");
  }
  // A bug in an implementation (or a stack overflow on absurd input) must not crash the user's run;
  // go-cty likewise turns panics inside functions into call errors.
  const detail = e instanceof Error ? e.message : String(e);
  return fail(`internal error in function implementation: ${detail}`, undefined, "call");
}
