// What the variables module needs to know of a `variable` block. The config model maps its own richer type
// onto this, so that this module does not depend on how configuration is decoded.

import type { Range } from "../../lang/pos.js";
import type { Expression } from "../../lang/syntax/ast.js";
import type { Type } from "../../lang/values/types.js";
import type { Value } from "../../lang/values/value.js";

export interface VariableValidation {
  readonly condition: Expression;
  readonly errorMessage: Expression;
  readonly range: Range;
}

export interface VariableDeclaration {
  readonly name: string;
  /** The type constraint; the dynamic pseudo-type when none was given (`any`). */
  readonly type: Type;
  /** Already converted to `type` by the config decoder; undefined means the variable is required. */
  readonly defaultValue?: Value;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  readonly validations: readonly VariableValidation[];
  readonly declRange: Range;
  /**
   * How a raw string from -var, TF_VAR_ or a prompt is read (Terraform's VariableParsingMode): "literal" when
   * the variable has no type constraint or a primitive one, "hcl" for the others (`any` included).
   */
  readonly parsingMode: "literal" | "hcl";
}
