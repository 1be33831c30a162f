// Function calls (hclsyntax FunctionCallExpr.Value): lookup with "Did you mean", `...` expansion of the
// last argument, arity checks, conversion of each argument to its parameter's type, then the call through
// funcs/call.ts, with HCL's summaries and subject ranges for every failure. The special forms try, can and
// type, which need their arguments as expressions rather than values, are in special-forms.ts.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { callFailureText, callFunction, checkArity, paramForIndex } from "../funcs/call.js";
import type { FunctionSpec } from "../funcs/function.js";
import type { Range } from "../pos.js";
import { didYouMean } from "../suggest.js";
import type { Expression, FunctionCallExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { DynamicVal, type Value } from "../values/value.js";
import { functionsAllowed, type EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { callStartRange, startRange } from "./ranges.js";
import { evalSpecialForm, specialFormName, specialFormNames } from "./special-forms.js";
import { goQuote, hasErrorSince } from "./traverse.js";

/**
 * One argument after `...` expansion: either an expression still to evaluate, or an element of the
 * expanded collection (whose diagnostics point at the whole expanding expression, as HCL's do).
 */
export type CallArg =
  | { readonly expr: Expression; readonly value?: undefined; readonly subject: Range }
  | { readonly expr?: undefined; readonly value: Value; readonly subject: Range };

export function evalFunctionCall(e: FunctionCallExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  if (!functionsAllowed(ctx)) {
    diags.push(errorDiag("Function calls not allowed", "Functions may not be called here.", e.range));
    return DynamicVal;
  }
  const functions = ctx!.functions;
  const special = specialFormName(e.name, ctx!);
  // plantimestamp exists only while planning: terraform console does not offer it
  const hidden = ctx!.consoleFunctions === true && (e.name === "plantimestamp" || e.name === "core::plantimestamp");
  const spec = special === undefined && !hidden ? functions.get(e.name) : undefined;
  if (special === undefined && spec === undefined && e.name.includes("::")) {
    const provider = e.name.startsWith("provider::") ? e.name.split("::")[1]! : undefined;
    diags.push(
      errorDiag(
        "Unknown provider function",
        provider !== undefined
          ? `There is no function named ${goQuote(e.name)}. Ensure that provider name ${goQuote(provider)} is declared in this module's required_providers block, and that this provider offers a function named ${goQuote(e.name.split("::")[2] ?? "")}.`
          : `There is no builtin (terraform::) function named ${goQuote(e.name.slice(e.name.indexOf("::") + 2))}.`,
        e.nameRange,
        e.range,
      ),
    );
    return DynamicVal;
  }
  if (special === undefined && spec === undefined) {
    const candidates = [...functions.keys(), ...specialFormNames(ctx!)];
    diags.push(
      errorDiag(
        "Call to unknown function",
        `There is no function named ${goQuote(e.name)}.${didYouMean(e.name, candidates)}`,
        e.nameRange,
        e.range,
      ),
    );
    return DynamicVal;
  }

  // templatestring renders a template kept elsewhere; Terraform refuses a template written in place
  const literal = e.args[0]?.kind;
  if ((e.name === "templatestring" || e.name === "core::templatestring") && (literal === "LiteralValue" || literal === "Template" || literal === "TemplateWrap" || literal === "TemplateJoin")) {
    diags.push(
      errorDiag(
        "Invalid function argument",
        `Invalid value for "template" parameter: invalid template expression: must be a direct reference to a single string from elsewhere, containing valid template syntax.`,
        e.args[0]!.range,
        e.range,
      ),
    );
    return DynamicVal;
  }

  const args = expandArguments(e, ctx, diags, depth);
  if (args === undefined) return DynamicVal;

  if (special !== undefined) return evalSpecialForm(e, special, args, ctx!, diags, depth);
  if (spec === undefined) return DynamicVal; // unreachable: one of the two was found above

  const arity = checkArityDiag(e, spec, args);
  if (arity !== undefined) {
    diags.push(arity);
    return DynamicVal;
  }

  const before = diags.length;
  const argVals: Value[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const param = paramForIndex(spec, i)!;
    const val = arg.expr !== undefined ? evalExpr(arg.expr, ctx, diags, depth) : arg.value;
    const converted = convert(val, param.type);
    if (converted.ok) {
      argVals[i] = converted.value;
    } else {
      diags.push(
        errorDiag(
          "Invalid function argument",
          `Invalid value for ${goQuote(param.name)} parameter: ${converted.message}.`,
          arg.subject,
          e.range,
        ),
      );
      argVals[i] = val;
    }
  }
  // Calling with arguments already known to be wrong would only add a confusing second error.
  if (hasErrorSince(diags, before)) return DynamicVal;

  const result = callFunction(e.name, spec, argVals, { pureOnly: ctx!.pureOnly === true });
  if (result.ok) return result.value;

  const { summary, detail } = callFailureText(e.name, spec, result);
  const i = result.argIndex;
  if (summary === "Invalid function argument" && i !== undefined) {
    if (i < args.length) diags.push(errorDiag(summary, detail, args[i]!.subject, e.range));
    // The function blamed a variadic argument that was not given: only the call as a whole can be shown.
    else diags.push(errorDiag(summary, detail, e.range));
  } else {
    diags.push(errorDiag(summary, detail, callStartRange(e), e.range));
  }
  return DynamicVal;
}

/** "Not enough function arguments" / "Too many function arguments" with HCL's subjects, if the count is wrong. */
export function checkArityDiag(e: FunctionCallExpr, spec: FunctionSpec, args: readonly CallArg[]): Diagnostic | undefined {
  const problem = checkArity(e.name, spec, args.length);
  if (problem === undefined || problem.ok) return undefined;
  if (args.length < spec.params.length) {
    return errorDiag("Not enough function arguments", problem.message, e.closeParenRange, e.range);
  }
  return errorDiag("Too many function arguments", problem.message, args[spec.params.length]!.subject, e.range);
}

/**
 * The argument list with a final `...` argument expanded into one argument per element. Undefined when
 * the call cannot proceed: the expanding value failed, is null, is not a sequence, or is not known yet
 * (then the call's result is unknown too, without an error).
 */
function expandArguments(
  e: FunctionCallExpr,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
): CallArg[] | undefined {
  const args: CallArg[] = [];
  const fixed = e.expandFinal ? e.args.length - 1 : e.args.length;
  for (let i = 0; i < fixed; i++) args.push({ expr: e.args[i]!, subject: startRange(e.args[i]!) });
  if (!e.expandFinal || e.args.length === 0) return args;

  const expandExpr = e.args[e.args.length - 1]!;
  const before = diags.length;
  const expandVal = evalExpr(expandExpr, ctx, diags, depth);
  if (hasErrorSince(diags, before)) return undefined;
  const kind = expandVal.type.kind;
  const sequence = kind === "tuple" || kind === "list" || kind === "set";
  if (kind === "dynamic" || sequence) {
    if (expandVal.isNull()) {
      diags.push(
        errorDiag(
          "Invalid expanding argument value",
          "The expanding argument (indicated by ...) must not be null.",
          expandExpr.range,
          e.range,
        ),
      );
      return undefined;
    }
    if (kind === "dynamic" || !expandVal.isKnown()) return undefined;
    // The collection's own marks move onto each element so that they reach the function.
    const marks = expandVal.marks;
    for (const el of expandVal.unmark().asElements()) {
      args.push({ value: el.withMarks(marks), subject: expandExpr.range });
    }
    return args;
  }
  diags.push(
    errorDiag(
      "Invalid expanding argument value",
      "The expanding argument (indicated by ...) must be of a tuple, list, or set type.",
      expandExpr.range,
      e.range,
    ),
  );
  return undefined;
}
