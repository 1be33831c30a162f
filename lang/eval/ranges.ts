// HCL's Expression.StartRange(): the part of an expression a diagnostic points at when the whole range
// would be too wide (a function argument's subject, "Too many function arguments"). Each kind defines it as
// hclsyntax does, e.g. an object constructor's opening brace, a call's name and opening parenthesis.

import { rangeBetween, type Range } from "../pos.js";
import type { Expression, FunctionCallExpr } from "../syntax/ast.js";

export function startRange(expr: Expression): Range {
  // Iterative: the kinds that delegate to a child (operators, parentheses) form chains as long as the input.
  let e = expr;
  for (;;) {
    switch (e.kind) {
      case "Parentheses":
        e = e.expr;
        continue;
      case "Conditional":
        e = e.condition;
        continue;
      case "BinaryOp":
        e = e.lhs;
        continue;
      case "ObjectConsKey":
        e = e.wrapped;
        continue;
      case "TemplateJoin":
        e = e.tuple;
        continue;
      case "Template":
        if (e.parts.length === 0) return e.range;
        e = e.parts[0]!;
        continue;
      case "FunctionCall":
        return callStartRange(e);
      case "Index":
        return openBracketRange(e.bracketRange);
      case "TupleCons":
      case "ObjectCons":
      case "For":
        return e.openRange;
      case "Splat":
        return e.markerRange;
      case "UnaryOp":
        return e.symbolRange;
      default:
        return e.range;
    }
  }
}

/** A call's name through its opening parenthesis: the subject of "Error in function call". */
export function callStartRange(e: FunctionCallExpr): Range {
  return rangeBetween(e.nameRange, e.openParenRange);
}

// The `[` of an index expression: one byte, one column at the start of the bracket range.
function openBracketRange(bracket: Range): Range {
  const s = bracket.start;
  return { filename: bracket.filename, start: s, end: { line: s.line, column: s.column + 1, byte: s.byte + 1 } };
}
