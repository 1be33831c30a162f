// The native-syntax AST (mirrors HCL's hclsyntax). Every node has a source Range. Nodes are plain readonly
// objects discriminated by `kind`; the parser builds them, the evaluator (lang/eval) gives them values,
// the formatter works on tokens instead, and the JSON syntax (lang/json) builds the same Expression
// nodes from JSON so that everything downstream sees one model.

import type { Range } from "../pos.js";
import type { Value } from "../values/value.js";

// ---- traversals: `var.a.b[0]` is a root name followed by attribute and index steps ----

export interface TraverseRoot {
  readonly kind: "root";
  readonly name: string;
  readonly range: Range;
}
export interface TraverseAttr {
  readonly kind: "attr";
  readonly name: string;
  readonly range: Range;
}
/** `[0]`, `["k"]` with a literal key, and the legacy `.0` form. */
export interface TraverseIndex {
  readonly kind: "index";
  readonly key: Value;
  readonly range: Range;
}
/** Legacy attribute-only splat step `.*` inside a traversal is represented by SplatExpr, not here. */
export type Traverser = TraverseRoot | TraverseAttr | TraverseIndex;
/** An absolute traversal starts with a TraverseRoot; a relative one does not. */
export type Traversal = readonly Traverser[];

// ---- expressions ----

export interface LiteralValueExpr {
  readonly kind: "LiteralValue";
  readonly value: Value;
  readonly range: Range;
}
/** A variable reference possibly followed by attribute/index steps, all static: `var.a[0].b`. */
export interface ScopeTraversalExpr {
  readonly kind: "ScopeTraversal";
  readonly traversal: Traversal;
  readonly range: Range;
}
/** Static steps applied to the result of another expression: `f(x).a[0]`. */
export interface RelativeTraversalExpr {
  readonly kind: "RelativeTraversal";
  readonly source: Expression;
  readonly traversal: Traversal;
  readonly range: Range;
}
export interface FunctionCallExpr {
  readonly kind: "FunctionCall";
  readonly name: string;
  readonly args: readonly Expression[];
  /** `f(a, b...)`: the last argument is a list/tuple expanded into separate arguments. */
  readonly expandFinal: boolean;
  readonly nameRange: Range;
  readonly openParenRange: Range;
  readonly closeParenRange: Range;
  readonly range: Range;
}
export interface ConditionalExpr {
  readonly kind: "Conditional";
  readonly condition: Expression;
  readonly trueResult: Expression;
  readonly falseResult: Expression;
  readonly range: Range;
}
export type BinaryOp =
  | "||"
  | "&&"
  | "=="
  | "!="
  | ">"
  | ">="
  | "<"
  | "<="
  | "+"
  | "-"
  | "*"
  | "/"
  | "%";
export interface BinaryOpExpr {
  readonly kind: "BinaryOp";
  readonly op: BinaryOp;
  readonly lhs: Expression;
  readonly rhs: Expression;
  readonly range: Range;
}
export type UnaryOp = "!" | "-";
export interface UnaryOpExpr {
  readonly kind: "UnaryOp";
  readonly op: UnaryOp;
  readonly val: Expression;
  readonly symbolRange: Range;
  readonly range: Range;
}
export interface ParenthesesExpr {
  readonly kind: "Parentheses";
  readonly expr: Expression;
  readonly range: Range;
}
export interface TupleConsExpr {
  readonly kind: "TupleCons";
  readonly exprs: readonly Expression[];
  readonly openRange: Range;
  readonly range: Range;
}
export interface ObjectConsItem {
  /** An ObjectConsKeyExpr (native syntax) or any expression yielding a string. */
  readonly key: Expression;
  readonly value: Expression;
}
export interface ObjectConsExpr {
  readonly kind: "ObjectCons";
  readonly items: readonly ObjectConsItem[];
  readonly openRange: Range;
  readonly range: Range;
}
/**
 * An object key. A bare identifier `foo = 1` means the string "foo", not a variable, unless the key was
 * parenthesised `(foo) = 1` (forceNonLiteral).
 */
export interface ObjectConsKeyExpr {
  readonly kind: "ObjectConsKey";
  readonly wrapped: Expression;
  readonly forceNonLiteral: boolean;
  readonly range: Range;
}
export interface IndexExpr {
  readonly kind: "Index";
  readonly collection: Expression;
  readonly key: Expression;
  readonly bracketRange: Range;
  readonly range: Range;
}
/** `source[*].each` and legacy `source.*.each`; `item` stands for each element inside `each`. */
export interface SplatExpr {
  readonly kind: "Splat";
  readonly source: Expression;
  readonly each: Expression;
  readonly item: AnonSymbolExpr;
  readonly markerRange: Range;
  readonly range: Range;
}
/** The current element inside a splat's `each` expression. */
export interface AnonSymbolExpr {
  readonly kind: "AnonSymbol";
  readonly range: Range;
}
export interface ForExpr {
  readonly kind: "For";
  /** Name of the key/index variable, or "" when only a value variable is given. */
  readonly keyVar: string;
  readonly valVar: string;
  readonly collExpr: Expression;
  /** Present for the object form `{for k, v in x : k => v}`; absent for the tuple form. */
  readonly keyExpr?: Expression;
  readonly valExpr: Expression;
  readonly condExpr?: Expression;
  /** `...` after the value in the object form: group values with the same key into a tuple. */
  readonly group: boolean;
  readonly openRange: Range;
  readonly closeRange: Range;
  readonly range: Range;
}
/** A string template with interpolations and directives: the parts' string values are concatenated. */
export interface TemplateExpr {
  readonly kind: "Template";
  readonly parts: readonly Expression[];
  readonly range: Range;
}
/** A template consisting only of one interpolation `"${x}"`: yields x's value unconverted (HCL's rule). */
export interface TemplateWrapExpr {
  readonly kind: "TemplateWrap";
  readonly wrapped: Expression;
  readonly range: Range;
}
/** The result of a `%{for}` directive: a tuple of strings joined without separator. */
export interface TemplateJoinExpr {
  readonly kind: "TemplateJoin";
  readonly tuple: Expression;
  readonly range: Range;
}

export type Expression =
  | LiteralValueExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | ParenthesesExpr
  | TupleConsExpr
  | ObjectConsExpr
  | ObjectConsKeyExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | ForExpr
  | TemplateExpr
  | TemplateWrapExpr
  | TemplateJoinExpr;

// ---- structure ----

export interface Attribute {
  readonly kind: "Attribute";
  readonly name: string;
  readonly expr: Expression;
  readonly nameRange: Range;
  readonly equalsRange: Range;
  /** From the name to the end of the expression. */
  readonly range: Range;
}

export interface Block {
  readonly kind: "Block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  readonly typeRange: Range;
  readonly labelRanges: readonly Range[];
  readonly openBraceRange: Range;
  readonly closeBraceRange: Range;
  /** From the type name to the closing brace. */
  readonly range: Range;
}

export interface Body {
  readonly kind: "Body";
  /** Attributes by name. Duplicates are reported by the parser; the first definition is kept. */
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly blocks: readonly Block[];
  /** Attributes and blocks in source order (for formatting, projection and ordered iteration). */
  readonly items: readonly (Attribute | Block)[];
  readonly srcRange: Range;
  /** Zero-length range at the end of the body (closing brace or end of file), for "missing X" diagnostics. */
  readonly endRange: Range;
}

export interface File {
  readonly filename: string;
  readonly body: Body;
  readonly bytes: Uint8Array;
}
