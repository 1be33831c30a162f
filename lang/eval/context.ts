// The scope an expression is evaluated in (HCL's hcl.EvalContext): root variables and the function table,
// chained to a parent so that `for` iterators and splat symbols can shadow names for one sub-expression
// without copying the planner's whole scope.
//
// The planner supplies root variables (`var`, `local`, `each`, `count`, `path`, `terraform`, `module`,
// `data`, `self`, and one per resource type) with object values, unknown where a value is known only after
// apply. "No context at all" (HCL's nil *EvalContext) is expressed by passing `undefined` to evaluate():
// then any reference is "Variables not allowed" and any call "Function calls not allowed", exactly as HCL
// reports for static values such as the specification suite's expected results.

import type { FunctionTable } from "../funcs/function.js";
import type { AnonSymbolExpr } from "../syntax/ast.js";
import type { Value } from "../values/value.js";

export interface EvalContext {
  readonly variables: ReadonlyMap<string, Value>;
  readonly functions: FunctionTable;
  readonly parent?: EvalContext;
  /**
   * False for a scope that has functions but where references are not allowed (HCL's nil Variables map);
   * a name lookup that reaches only such scopes reports "Variables not allowed".
   */
  readonly variablesAllowed?: boolean;
  /** False for a scope where function calls are not allowed (HCL's nil Functions map). */
  readonly functionsAllowed?: boolean;
  /** The current element of a splat expression, bound for the evaluation of the splat's `each` part. */
  readonly splatItem?: { readonly symbol: AnonSymbolExpr; readonly value: Value };
  /**
   * During validation Terraform treats impure functions (timestamp, uuid, bcrypt) as unknown so that a
   * plan made from them is not taken as final.
   */
  readonly pureOnly?: boolean;
  /** Enables the functions only `terraform console` offers: type(x). */
  readonly consoleFunctions?: boolean;
}

const noVariables: ReadonlyMap<string, Value> = new Map();
const noFunctions: FunctionTable = new Map();

/** A root scope with these variables and functions. */
export function rootContext(
  variables: ReadonlyMap<string, Value> | Record<string, Value>,
  functions: FunctionTable = noFunctions,
  options: { pureOnly?: boolean; consoleFunctions?: boolean } = {},
): EvalContext {
  const vars = variables instanceof Map ? variables : new Map(Object.entries(variables));
  return { variables: vars, functions, ...inherited(options as EvalContext) };
}

/** A scope with functions only: references are "Variables not allowed" (hcldec's spec files). */
export function functionsOnlyContext(functions: FunctionTable): EvalContext {
  return { variables: noVariables, functions, variablesAllowed: false };
}

/** A child scope binding extra names (a `for` expression's key and value variables) over `parent`. */
export function childContext(parent: EvalContext | undefined, variables: ReadonlyMap<string, Value>): EvalContext {
  if (parent === undefined) return { variables, functions: noFunctions, functionsAllowed: false };
  return {
    variables,
    functions: parent.functions,
    parent,
    ...inherited(parent),
  };
}

/** A child scope in which `symbol` (a splat's anonymous item) stands for `value`. */
export function splatContext(parent: EvalContext | undefined, symbol: AnonSymbolExpr, value: Value): EvalContext {
  const base = parent ?? { variables: noVariables, functions: noFunctions, variablesAllowed: false, functionsAllowed: false };
  return {
    variables: noVariables,
    functions: base.functions,
    parent: base,
    variablesAllowed: false,
    ...(parent === undefined ? { functionsAllowed: false } : {}),
    splatItem: { symbol, value },
    ...inherited(base),
  };
}

// Settings that hold for a whole evaluation, copied into child scopes.
function inherited(parent: EvalContext): { pureOnly?: boolean; consoleFunctions?: boolean } {
  if (parent.pureOnly !== true && parent.consoleFunctions !== true) return {};
  return {
    ...(parent.pureOnly === true ? { pureOnly: true } : {}),
    ...(parent.consoleFunctions === true ? { consoleFunctions: true } : {}),
  };
}

/** Looks a root name up through the scope chain. */
export function lookupVariable(ctx: EvalContext | undefined, name: string): Value | undefined {
  for (let c = ctx; c !== undefined; c = c.parent) {
    if (c.variablesAllowed === false) continue;
    const v = c.variables.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Whether any scope in the chain allows references at all. */
export function variablesAllowed(ctx: EvalContext | undefined): boolean {
  for (let c = ctx; c !== undefined; c = c.parent) if (c.variablesAllowed !== false) return true;
  return false;
}

/** Every name visible in the chain, for "Did you mean" suggestions. */
export function visibleVariableNames(ctx: EvalContext | undefined): string[] {
  const names: string[] = [];
  for (let c = ctx; c !== undefined; c = c.parent) {
    if (c.variablesAllowed === false) continue;
    for (const k of c.variables.keys()) names.push(k);
  }
  return names;
}

/** Whether function calls are allowed in this scope. */
export function functionsAllowed(ctx: EvalContext | undefined): boolean {
  return ctx !== undefined && ctx.functionsAllowed !== false;
}

/** The value bound to a splat symbol, if this evaluation is inside that splat's `each` part. */
export function lookupSplatItem(ctx: EvalContext | undefined, symbol: AnonSymbolExpr): Value | undefined {
  for (let c = ctx; c !== undefined; c = c.parent) {
    const item = c.splatItem;
    if (item === undefined) continue;
    // Identity first; equal ranges cover a parser that builds the symbol node twice.
    if (item.symbol === symbol) return item.value;
    if (
      item.symbol.range.start.byte === symbol.range.start.byte &&
      item.symbol.range.end.byte === symbol.range.end.byte &&
      item.symbol.range.filename === symbol.range.filename
    ) {
      return item.value;
    }
  }
  return undefined;
}
