// A compact S-expression rendering of expressions, so parser tests can state expected trees in one line.

import type { Expression, Traversal } from "../../../lang/syntax/ast.js";
import type { Value } from "../../../lang/values/value.js";
import { formatRange, type Range } from "../../../lang/pos.js";

export function lit(v: Value): string {
  if (!v.isKnown()) return "?";
  if (v.isNull()) return "null";
  switch (v.type.kind) {
    case "string":
      return JSON.stringify(v.asString());
    case "number":
      return v.asNumber().toString();
    case "bool":
      return String(v.asBool());
    default:
      return "<" + v.type.kind + ">";
  }
}

export function trav(t: Traversal): string {
  return t.map((s) => (s.kind === "root" ? s.name : s.kind === "attr" ? "." + s.name : `[${lit(s.key)}]`)).join("");
}

export function shape(e: Expression): string {
  switch (e.kind) {
    case "LiteralValue":
      return lit(e.value);
    case "ScopeTraversal":
      return trav(e.traversal);
    case "RelativeTraversal":
      return `(rel ${shape(e.source)} ${trav(e.traversal)})`;
    case "FunctionCall":
      return `(call ${e.name}${e.args.map((a) => " " + shape(a)).join("")}${e.expandFinal ? " ..." : ""})`;
    case "Conditional":
      return `(? ${shape(e.condition)} ${shape(e.trueResult)} ${shape(e.falseResult)})`;
    case "BinaryOp":
      return `(${e.op} ${shape(e.lhs)} ${shape(e.rhs)})`;
    case "UnaryOp":
      return `(${e.op} ${shape(e.val)})`;
    case "Parentheses":
      return `(paren ${shape(e.expr)})`;
    case "TupleCons":
      return `[${e.exprs.map(shape).join(" ")}]`;
    case "ObjectCons":
      return `{${e.items.map((i) => shape(i.key) + "=" + shape(i.value)).join(" ")}}`;
    case "ObjectConsKey":
      return e.forceNonLiteral ? `(key! ${shape(e.wrapped)})` : shape(e.wrapped);
    case "Index":
      return `(index ${shape(e.collection)} ${shape(e.key)})`;
    case "Splat":
      return `(splat ${shape(e.source)} ${shape(e.each)})`;
    case "AnonSymbol":
      return "%";
    case "For":
      return `(for ${e.keyVar ? e.keyVar + "," : ""}${e.valVar} ${shape(e.collExpr)}${e.keyExpr ? " " + shape(e.keyExpr) + " =>" : ""} ${shape(e.valExpr)}${e.condExpr ? " if " + shape(e.condExpr) : ""}${e.group ? " ..." : ""})`;
    case "Template":
      return `(tpl${e.parts.map((p) => " " + shape(p)).join("")})`;
    case "TemplateWrap":
      return `(wrap ${shape(e.wrapped)})`;
    case "TemplateJoin":
      return `(join ${shape(e.tuple)})`;
  }
}

/** "line,col-line,col" with bytes: "1,5(4)-1,8(7)". */
export function rng(r: Range | undefined): string {
  if (r === undefined) return "none";
  return `${r.start.line},${r.start.column}(${r.start.byte})-${r.end.line},${r.end.column}(${r.end.byte})`;
}

export { formatRange };
