// Static analysis of expressions from either syntax, as HCL's AbsTraversalForExpr, RelTraversalForExpr,
// ExprAsKeyword, ExprList, ExprMap and ExprCall do. Terraform reads these forms without evaluating them:
// `depends_on = [aws_instance.a]`, `ignore_changes`, `provider = aws.west`, `type = list(string)`,
// `create_before_destroy`-style keywords, and so on. In JSON the same things are written as strings
// ("aws_instance.a", "list(string)"), which are parsed here as traversals or expressions; a quoted string
// in native syntax is never a reference.

import { errorDiag, hasErrors, type Diagnostic } from "./diagnostics.js";
import { rangeBetween, type Range } from "./pos.js";
import type { Expression, FunctionCallExpr, ObjectConsItem, Traversal, Traverser } from "./syntax/ast.js";
import { parseExpression, parseTraversalAbs } from "./syntax/parser.js";
import { jsonOriginOf } from "./json/origin.js";

const TRAVERSAL_REQUIRED =
  "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.";

/** HCL's StartRange: where an expression begins, for diagnostics that point at it. */
export function exprStartRange(expr: Expression): Range {
  switch (expr.kind) {
    case "TupleCons":
    case "ObjectCons":
    case "For":
      return expr.openRange;
    case "FunctionCall":
      return rangeBetween(expr.nameRange, expr.openParenRange);
    case "ObjectConsKey":
      return exprStartRange(expr.wrapped);
    default:
      return expr.range;
  }
}

/**
 * The traversal an expression denotes without evaluation, or undefined. Relative traversals are flattened
 * onto their source's traversal; object keys unwrap unless parenthesised.
 */
function asTraversal(start: Expression): Traversal | undefined {
  const suffixes: (readonly Traverser[])[] = [];
  let expr = start;
  // Iterative: a chain of relative traversals is as long as the source, never recursion-deep.
  for (;;) {
    const json = jsonOriginOf(expr);
    if (json !== undefined) {
      if (json.kind !== "string") return undefined;
      // HCL positions the traversal at the JSON string's opening quote.
      const parsed = parseTraversalAbs(json.value, json.range.filename, json.range.start);
      if (hasErrors(parsed.diags)) return undefined;
      return joinTraversal(parsed.traversal, suffixes);
    }
    switch (expr.kind) {
      case "ScopeTraversal":
        return joinTraversal(expr.traversal, suffixes);
      case "RelativeTraversal":
        suffixes.push(expr.traversal);
        expr = expr.source;
        continue;
      case "ObjectConsKey":
        if (expr.forceNonLiteral) return undefined;
        expr = expr.wrapped;
        continue;
      case "LiteralValue": {
        // The parser turned the keywords null/true/false into literals; as traversals they are names.
        const v = expr.value;
        let name: string | undefined;
        if (v.isNull()) name = "null";
        else if (v.type.kind === "bool" && v.isKnown()) name = v.asBool() ? "true" : "false";
        if (name === undefined) return undefined;
        return joinTraversal([{ kind: "root", name, range: expr.range }], suffixes);
      }
      default:
        return undefined;
    }
  }
}

function joinTraversal(root: Traversal, suffixes: readonly (readonly Traverser[])[]): Traversal {
  if (suffixes.length === 0) return root;
  const out: Traverser[] = [...root];
  for (let i = suffixes.length - 1; i >= 0; i--) out.push(...suffixes[i]!);
  return out;
}

export function absTraversalForExpr(expr: Expression): { traversal?: Traversal; diags: Diagnostic[] } {
  const traversal = asTraversal(expr);
  if (traversal !== undefined) return { traversal, diags: [] };
  return { diags: [errorDiag("Invalid expression", TRAVERSAL_REQUIRED, expr.range)] };
}

/** As absTraversalForExpr, with the root turned into an attribute step (e.g. `ignore_changes = [tags]`). */
export function relTraversalForExpr(expr: Expression): { traversal?: Traversal; diags: Diagnostic[] } {
  const r = absTraversalForExpr(expr);
  if (r.traversal === undefined || r.traversal.length === 0) return r;
  const [first, ...rest] = r.traversal;
  const root = first!;
  const asAttr: Traverser = root.kind === "root" ? { kind: "attr", name: root.name, range: root.range } : root;
  return { traversal: [asAttr, ...rest], diags: r.diags };
}

/** A bare single name such as `string` or `create_before_destroy` (JSON: "string"); "" otherwise. */
export function exprAsKeyword(expr: Expression): string {
  const t = asTraversal(expr);
  if (t === undefined || t.length !== 1) return "";
  const root = t[0]!;
  return root.kind === "root" ? root.name : "";
}

/** The element expressions of a tuple constructor (JSON: an array). */
export function exprList(expr: Expression): { exprs?: readonly Expression[]; diags: Diagnostic[] } {
  const inner = unwrapKey(expr);
  if (inner.kind === "TupleCons") return { exprs: inner.exprs, diags: [] };
  return { diags: [errorDiag("Invalid expression", "A static list expression is required.", exprStartRange(expr))] };
}

/** The key/value pairs of an object constructor (JSON: an object; its keys are string templates). */
export function exprMap(expr: Expression): { items?: readonly ObjectConsItem[]; diags: Diagnostic[] } {
  const inner = unwrapKey(expr);
  if (inner.kind === "ObjectCons") return { items: inner.items, diags: [] };
  return { diags: [errorDiag("Invalid expression", "A static map expression is required.", exprStartRange(expr))] };
}

export interface StaticCall {
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  readonly argsRange: Range;
}

/** A function call read statically, e.g. the type constraint `list(string)` (JSON: "list(string)"). */
export function exprCall(expr: Expression): { call?: StaticCall; diags: Diagnostic[] } {
  const fail = { diags: [errorDiag("Invalid expression", "A static function call is required.", exprStartRange(expr))] };
  let inner = unwrapKey(expr);
  const json = jsonOriginOf(inner);
  if (json !== undefined) {
    if (json.kind !== "string") return fail;
    const parsed = parseExpression(json.value, json.range.filename, json.range.start);
    if (hasErrors(parsed.diags)) return fail;
    inner = unwrapKey(parsed.expr);
  }
  if (inner.kind !== "FunctionCall") return fail;
  return { call: staticCall(inner), diags: [] };
}

function staticCall(e: FunctionCallExpr): StaticCall {
  return { name: e.name, nameRange: e.nameRange, args: e.args, argsRange: rangeBetween(e.openParenRange, e.closeParenRange) };
}

function unwrapKey(expr: Expression): Expression {
  let e = expr;
  while (e.kind === "ObjectConsKey") e = e.wrapped;
  return e;
}
