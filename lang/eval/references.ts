// Which variables an expression refers to (hclsyntax Variables()): every absolute traversal whose root is
// a free name, in source order. Names a `for` expression binds are not references inside its key, value
// and condition parts (but are in its collection part); splat items are anonymous and never references;
// arguments of try() and can() count like any other. The planner builds the dependency graph from these.
//
// The walk uses an explicit stack, so arbitrarily deep expressions cannot overflow the JavaScript stack.

import type { Expression, Traversal } from "../syntax/ast.js";
import { keywordOf } from "./object.js";

/** A linked list of the name sets bound by enclosing `for` expressions. */
interface Scope {
  readonly names: ReadonlySet<string>;
  readonly parent: Scope | undefined;
}

function bound(scope: Scope | undefined, name: string): boolean {
  for (let s = scope; s !== undefined; s = s.parent) if (s.names.has(name)) return true;
  return false;
}

/**
 * Expressions are immutable once parsed, and the planner asks about each one several times (reference
 * checks, the graph's edges, each instance's scope): the answer is remembered per expression.
 */
const referencesCache = new WeakMap<Expression, readonly Traversal[]>();

export function expressionReferences(expr: Expression): readonly Traversal[] {
  let refs = referencesCache.get(expr);
  if (refs === undefined) referencesCache.set(expr, (refs = collectReferences(expr)));
  return refs;
}

function collectReferences(expr: Expression): Traversal[] {
  const out: Traversal[] = [];
  const stack: { e: Expression; scope: Scope | undefined }[] = [{ e: expr, scope: undefined }];
  // Children come as an array, never spread into arguments: a 200,000-element literal would exceed V8's limit
  // on the number of arguments of one call.
  const pushAll = (scope: Scope | undefined, children: readonly (Expression | undefined)[]): void => {
    // Reversed, so that children are visited in source order.
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c !== undefined) stack.push({ e: c, scope });
    }
  };
  const push = (scope: Scope | undefined, ...children: (Expression | undefined)[]): void => pushAll(scope, children);
  for (;;) {
    const top = stack.pop();
    if (top === undefined) break;
    const { e, scope } = top;
    switch (e.kind) {
      case "ScopeTraversal": {
        const root = e.traversal[0];
        if (root !== undefined && root.kind === "root" && !bound(scope, root.name)) out.push(e.traversal);
        break;
      }
      case "LiteralValue":
      case "AnonSymbol":
        break;
      case "RelativeTraversal":
        push(scope, e.source);
        break;
      case "FunctionCall":
        pushAll(scope, e.args);
        break;
      case "Conditional":
        push(scope, e.condition, e.trueResult, e.falseResult);
        break;
      case "BinaryOp":
        push(scope, e.lhs, e.rhs);
        break;
      case "UnaryOp":
        push(scope, e.val);
        break;
      case "Parentheses":
        push(scope, e.expr);
        break;
      case "TupleCons":
        pushAll(scope, e.exprs);
        break;
      case "ObjectCons": {
        const children: Expression[] = [];
        for (const item of e.items) children.push(item.key, item.value);
        pushAll(scope, children);
        break;
      }
      case "ObjectConsKey":
        // A bare name key is a literal string, not a reference.
        if (e.forceNonLiteral || keywordOf(e.wrapped) === undefined) push(scope, e.wrapped);
        break;
      case "Index":
        push(scope, e.collection, e.key);
        break;
      case "Splat":
        push(scope, e.source, e.each);
        break;
      case "For": {
        const names = new Set<string>();
        if (e.keyVar !== "") names.add(e.keyVar);
        if (e.valVar !== "") names.add(e.valVar);
        const inner: Scope = { names, parent: scope };
        // Pushed in reverse visiting order: collection (outer scope), then key, value, condition.
        push(inner, e.keyExpr, e.valExpr, e.condExpr);
        push(scope, e.collExpr);
        break;
      }
      case "Template":
        pushAll(scope, e.parts);
        break;
      case "TemplateWrap":
        push(scope, e.wrapped);
        break;
      case "TemplateJoin":
        push(scope, e.tuple);
        break;
    }
  }
  return out;
}
