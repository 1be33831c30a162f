// The absolute traversals (references) an expression uses, skipping names bound inside it by `for`
// expressions. Iterative (an explicit stack), so deeply nested input cannot overflow the call stack.
// planner/lang/eval/references.ts will offer the same for the evaluator; this copy exists because static
// validation needs the for-scoping and has to work before evaluation is available.

import type { Expression, Traversal } from "../lang/syntax/ast.js";

export function exprTraversals(root: Expression, bound: ReadonlySet<string> = new Set()): Traversal[] {
  const out: Traversal[] = [];
  const stack: { e: Expression; bound: ReadonlySet<string> }[] = [{ e: root, bound }];
  while (stack.length > 0) {
    const { e, bound: b } = stack.pop()!;
    const push = (x: Expression | undefined, nb: ReadonlySet<string> = b): void => {
      if (x !== undefined) stack.push({ e: x, bound: nb });
    };
    switch (e.kind) {
      case "ScopeTraversal": {
        const r = e.traversal[0];
        if (r !== undefined && r.kind === "root" && !b.has(r.name)) out.push(e.traversal);
        break;
      }
      case "LiteralValue":
      case "AnonSymbol":
        break;
      case "RelativeTraversal":
        push(e.source);
        break;
      case "FunctionCall":
        for (const a of e.args) push(a);
        break;
      case "Conditional":
        push(e.condition);
        push(e.trueResult);
        push(e.falseResult);
        break;
      case "BinaryOp":
        push(e.lhs);
        push(e.rhs);
        break;
      case "UnaryOp":
        push(e.val);
        break;
      case "Parentheses":
        push(e.expr);
        break;
      case "TupleCons":
        for (const x of e.exprs) push(x);
        break;
      case "ObjectCons":
        for (const it of e.items) {
          push(it.key);
          push(it.value);
        }
        break;
      case "ObjectConsKey":
        // A bare identifier key is a literal name, not a reference.
        if (e.forceNonLiteral || !(e.wrapped.kind === "ScopeTraversal" && e.wrapped.traversal.length === 1)) push(e.wrapped);
        break;
      case "Index":
        push(e.collection);
        push(e.key);
        break;
      case "Splat":
        push(e.source);
        push(e.each);
        break;
      case "For": {
        push(e.collExpr);
        const inner = new Set(b);
        if (e.keyVar !== "") inner.add(e.keyVar);
        inner.add(e.valVar);
        push(e.keyExpr, inner);
        push(e.valExpr, inner);
        push(e.condExpr, inner);
        break;
      }
      case "Template":
        for (const p of e.parts) push(p);
        break;
      case "TemplateWrap":
        push(e.wrapped);
        break;
      case "TemplateJoin":
        push(e.tuple);
        break;
    }
  }
  return out;
}
