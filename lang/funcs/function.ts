// The shape of a built-in function (after go-cty's function package). The generic call machinery in call.ts
// does what every function needs, so implementations only see well-formed arguments:
//   - arity check, `...` expansion already done by the evaluator;
//   - each argument converted to its parameter's type (an error names the parameter);
//   - null arguments rejected unless allowNull; unknown arguments short-circuit to an unknown result of the
//     return type unless allowUnknown; marks (sensitive) are stripped before the call and put back on the
//     result unless allowMarked (then the implementation handles them itself).

import type { Type } from "../values/types.js";
import type { Value } from "../values/value.js";

export interface Param {
  readonly name: string;
  readonly type: Type;
  readonly allowNull?: boolean;
  readonly allowUnknown?: boolean;
  readonly allowMarked?: boolean;
  /** Accept an argument whose type is still the dynamic pseudo-type (an unknown of unknown type). */
  readonly allowDynamicType?: boolean;
}

/** Thrown by implementations for a problem with the call's arguments; call.ts turns it into a diagnostic. */
export class FunctionError extends Error {
  /** Index of the argument at fault (counting expanded variadic arguments), or undefined for the call. */
  readonly argIndex: number | undefined;
  constructor(message: string, argIndex?: number) {
    super(message);
    this.argIndex = argIndex;
  }
}

export interface FunctionSpec {
  readonly description?: string;
  readonly params: readonly Param[];
  readonly varParam?: Param;
  /** The result type for these (converted) argument types; may throw FunctionError. */
  readonly returnType: (args: readonly Value[]) => Type;
  /** The result for these (converted, known unless allowUnknown, unmarked unless allowMarked) arguments. */
  readonly impl: (args: readonly Value[], retType: Type) => Value;
  /** Impure functions (timestamp, uuid) return unknown during validation/plan where Terraform does. */
  readonly impure?: boolean;
}

export type FunctionTable = ReadonlyMap<string, FunctionSpec>;

/**
 * How a call failed, which decides the diagnostic's summary (HCL's wording):
 * "arity" -> "Not enough function arguments" / "Too many function arguments" (message is the whole detail);
 * "argument" -> "Invalid function argument"; "call" -> "Error in function call".
 */
export type CallFailureKind = "not-enough-args" | "too-many-args" | "argument" | "call";

/** Outcome of calling a function: a value, or an error naming the argument at fault. */
export type CallResult =
  | { readonly ok: true; readonly value: Value }
  | {
      readonly ok: false;
      readonly message: string;
      readonly argIndex: number | undefined;
      /** Added after the first contract; absent means "argument" when argIndex is set, else "call". */
      readonly kind?: CallFailureKind;
    };
