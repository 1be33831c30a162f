// The schema-driven view of a configuration body that both syntaxes implement (HCL's hcl.Body). The native
// syntax knows by itself what is an attribute and what is a block; the JSON syntax needs the schema to decide,
// so decoding always goes through content()/partialContent() with a schema. The config decoder, `dynamic`
// block expansion and the specification-suite harness all consume this interface.

import type { Diagnostic } from "./diagnostics.js";
import type { Range } from "./pos.js";
import type { Expression } from "./syntax/ast.js";

export interface AttributeSchema {
  readonly name: string;
  readonly required?: boolean;
}
export interface BlockHeaderSchema {
  readonly type: string;
  readonly labelNames?: readonly string[];
}
export interface BodySchema {
  readonly attributes?: readonly AttributeSchema[];
  readonly blocks?: readonly BlockHeaderSchema[];
}

export interface ContentAttribute {
  readonly name: string;
  readonly expr: Expression;
  /** The whole definition, `name = expr`. */
  readonly range: Range;
  readonly nameRange: Range;
}

export interface ContentBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: SyntaxBody;
  /** The block header (type and labels), used as the subject of diagnostics about the block. */
  readonly defRange: Range;
  readonly typeRange: Range;
  readonly labelRanges: readonly Range[];
}

export interface BodyContent {
  readonly attributes: ReadonlyMap<string, ContentAttribute>;
  readonly blocks: readonly ContentBlock[];
  readonly missingItemRange: Range;
}

export interface SyntaxBody {
  /** Everything in the body must match the schema; anything else is an error. */
  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] };
  /** Takes what the schema names and returns the rest as another body. */
  partialContent(schema: BodySchema): { content: BodyContent; remain: SyntaxBody; diags: Diagnostic[] };
  /** The body as a flat set of attributes (blocks are errors): used for `locals` and `terraform.tfvars`. */
  justAttributes(): { attributes: ReadonlyMap<string, ContentAttribute>; diags: Diagnostic[] };
  /** Where a missing required item would go (the closing brace), for diagnostics. */
  missingItemRange(): Range;
}
