// Turns raw input-variable values into typed values for the root module, as Terraform does: parse the raw
// text according to the declared type, fall back to the default or an interactive prompt, apply `nullable`,
// convert to the type constraint, mark sensitive values, then run the `validation` rules.

import { errorDiag, hasErrors, warningDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { rangeString } from "../../lang/pos.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { expressionReferences } from "../../lang/eval/references.js";
import type { EvalContext } from "../../lang/eval/context.js";
import type { FunctionTable } from "../../lang/funcs/function.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import { convert } from "../../lang/values/convert.js";
import { objectVal, stringVal, SENSITIVE, type Value } from "../../lang/values/value.js";
import { checkValidationRules } from "./validation-rules.js";
import type { VariableDeclaration } from "./declaration.js";
import type { RawVariableValue } from "./raw.js";

export interface FinalizeOptions {
  /** Asks the user for a required variable's value (only on a terminal and without -input=false). */
  readonly prompt?: (decl: VariableDeclaration) => Promise<string | undefined>;
  /** Functions available to validation conditions. */
  readonly functions: FunctionTable;
}

export interface FinalizedVariables {
  readonly values: ReadonlyMap<string, Value>;
  readonly diags: Diagnostic[];
}

const emptyContext: EvalContext = { variables: new Map(), functions: new Map() };

export async function finalizeVariables(
  decls: ReadonlyMap<string, VariableDeclaration>,
  raw: ReadonlyMap<string, RawVariableValue>,
  opts: FinalizeOptions,
): Promise<FinalizedVariables> {
  const diags: Diagnostic[] = [];
  const values = new Map<string, Value>();

  reportUndeclared(decls, raw, diags);

  for (const name of [...decls.keys()].sort()) {
    const decl = decls.get(name)!;
    let given = raw.get(name);
    if (given === undefined && decl.defaultValue === undefined && opts.prompt !== undefined) {
      const text = await opts.prompt(decl);
      if (text !== undefined) given = { name, sourceKind: "input", sourceLabel: "interactive input", text };
    }
    const value = resolveOne(decl, given, diags);
    if (value !== undefined) values.set(name, value);
  }

  if (!hasErrors(diags)) runValidations(decls, values, raw, opts.functions, diags);
  return { values, diags };
}

function resolveOne(decl: VariableDeclaration, given: RawVariableValue | undefined, diags: Diagnostic[]): Value | undefined {
  if (given === undefined) {
    if (decl.defaultValue !== undefined) return mark(decl, decl.defaultValue);
    diags.push(
      errorDiag(
        "No value for required variable",
        `The root module input variable "${decl.name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`,
        decl.declRange,
      ),
    );
    return undefined;
  }

  const parsed = parseRaw(decl, given, diags);
  if (parsed === undefined) return undefined;
  let value = parsed;
  if (value.isNull() && !decl.nullable) {
    if (decl.defaultValue !== undefined) return mark(decl, decl.defaultValue);
    diags.push(
      errorDiag(
        "Required variable not set",
        `Unsuitable value for var.${decl.name} ${describeSource(given)}: required variable may not be set to null.`,
        given.range ?? decl.declRange,
      ),
    );
    return undefined;
  }
  const converted = convert(value, decl.type);
  if (!converted.ok) {
    diags.push(
      errorDiag(
        "Invalid value for input variable",
        given.range !== undefined
          ? `The given value is not suitable for var.${decl.name} declared at ${rangeString(decl.declRange)}: ${converted.message}.`
          : `Unsuitable value for var.${decl.name} ${describeSource(given)}: ${converted.message}.`,
        given.range ?? decl.declRange,
      ),
    );
    return undefined;
  }
  value = converted.value;
  return mark(decl, value);
}

/**
 * Raw text from the environment, the command line or a prompt, read as Terraform's ParsingMode says: the
 * literal string for a variable with no type constraint or a primitive one (`-var v=two`; "5" then converts
 * to a number), an HCL expression for every other constraint, `any` included.
 */
function parseRaw(decl: VariableDeclaration, given: RawVariableValue, diags: Diagnostic[]): Value | undefined {
  if (given.expr !== undefined) return evaluateConstant(given.expr, diags);
  const text = given.text ?? "";
  if (decl.parsingMode === "literal") return stringVal(text);
  const filename = `<value for var.${decl.name}>`;
  const { expr, diags: parseDiags } = parseExpression(text, filename);
  if (hasErrors(parseDiags)) {
    diags.push(...parseDiags);
    return undefined;
  }
  return evaluateConstant(expr, diags);
}

/** tfvars and command-line values are constants: Terraform evaluates them with no variables or functions. */
function evaluateConstant(expr: Expression, diags: Diagnostic[]): Value | undefined {
  const refs = expressionReferences(expr);
  if (refs.length > 0) {
    const r = refs[0]!;
    diags.push(
      errorDiag(
        "Variables not allowed",
        "Variables may not be used here.",
        r[0]!.range,
        expr.range,
      ),
    );
    return undefined;
  }
  const { value, diags: evalDiags } = evaluate(expr, emptyContext);
  diags.push(...evalDiags);
  return hasErrors(evalDiags) ? undefined : value;
}

function mark(decl: VariableDeclaration, v: Value): Value {
  return decl.sensitive ? v.mark(SENSITIVE) : v;
}

/** Terraform's wording of where a raw value came from; a -var value itself is never repeated (it may be secret). */
function describeSource(v: RawVariableValue): string {
  switch (v.sourceKind) {
    case "env":
      return `set using the TF_VAR_${v.name} environment variable`;
    case "cli":
      return `set using -var="${v.name}=..."`;
    case "file":
      return `set from file ${v.sourceLabel}`;
    case "input":
      return "set using an interactive prompt";
  }
}

function reportUndeclared(
  decls: ReadonlyMap<string, VariableDeclaration>,
  raw: ReadonlyMap<string, RawVariableValue>,
  diags: Diagnostic[],
): void {
  for (const v of raw.values()) {
    if (decls.has(v.name)) continue;
    if (v.sourceKind === "cli") {
      diags.push(
        errorDiag(
          "Value for undeclared variable",
          `A variable named "${v.name}" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`,
        ),
      );
    } else if (v.sourceKind === "file") {
      diags.push(
        warningDiag(
          "Value for undeclared variable",
          `The root module does not declare a variable named "${v.name}" but a value was found in file "${v.sourceLabel}". If you meant to use this value, add a "variable" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain "global" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.`,
          v.range,
        ),
      );
    }
    // Undeclared TF_VAR_ environment variables are ignored, as Terraform does: they are often global settings.
  }
}

function runValidations(
  decls: ReadonlyMap<string, VariableDeclaration>,
  values: ReadonlyMap<string, Value>,
  raw: ReadonlyMap<string, RawVariableValue>,
  functions: FunctionTable,
  diags: Diagnostic[],
): void {
  const ctx: EvalContext = { variables: new Map([["var", objectVal(values)]]), functions };
  for (const [name, decl] of decls) {
    diags.push(...checkValidationRules(decl.validations, ctx, raw.get(name)?.range).map((d) => (d.summary === "Invalid value for variable" ? { ...d, checkRule: `var.${name}` } : d)));
  }
}

