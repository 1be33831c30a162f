// Where an input variable's value came from, before it is converted to the declared type. Terraform keeps the
// same distinction (backend.UnparsedVariableValue): values from files are expressions with source ranges,
// values from the environment and the command line are raw strings whose parsing depends on the declared type.

import type { Range } from "../../lang/pos.js";
import type { Expression } from "../../lang/syntax/ast.js";

export type ValueSourceKind = "env" | "file" | "cli" | "input";

export interface RawVariableValue {
  readonly name: string;
  readonly sourceKind: ValueSourceKind;
  /** For "file": the file name; for "cli": the flag as given, e.g. `-var="x=1"`. */
  readonly sourceLabel: string;
  /** Values from tfvars files are expressions; the others are raw strings. */
  readonly expr?: Expression;
  readonly text?: string;
  /** Where the value was written, for diagnostics (files only). */
  readonly range?: Range;
}

/** A -var or -var-file flag, in command-line order (order decides precedence between them). */
export type VariableFlag = { readonly kind: "var"; readonly value: string } | { readonly kind: "var-file"; readonly path: string };
