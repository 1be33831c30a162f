// Whether one space goes between two adjacent tokens on a line (hclwrite's spaceAfterToken): none around
// dots, before commas, inside brackets, inside quoted strings and heredocs, after `!` and unary minus, and
// between a name and its call parenthesis or index bracket; one everywhere else (binary operators, after
// commas, `=`, `?`, `:`, around braces of one-line blocks and objects).

import { bracketChange, type FmtToken } from "./tokens.js";

const MINUS_IS_UNARY_AFTER = new Set([
  "NilToken",
  "OParen",
  "OBrace",
  "OBrack",
  "Equal",
  "Colon",
  "Comma",
  "Question",
  "Plus",
  "Star",
  "Slash",
  "Percent",
  "Minus",
  "EqualOp",
  "NotEqual",
  "GreaterThan",
  "GreaterThanEq",
  "LessThan",
  "LessThanEq",
  "And",
  "Or",
  "Bang",
]);

export function spaceAfterToken(subject: FmtToken, before: FmtToken, after: FmtToken): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === "Newline" || a === "NilToken") return false;
  if (s === "Ident" && a === "OParen") return false;
  if (s === "Dot" || a === "Dot") return false;
  if (a === "Comma" || a === "Ellipsis") return false;
  if (s === "Comma") return true;
  if (s === "QuotedLit" || s === "StringLit" || s === "OQuote" || s === "OHeredoc") return false;
  if (a === "QuotedLit" || a === "StringLit" || a === "CQuote" || a === "CHeredoc") return false;
  // `for x in xs`: the keyword is an identifier like its neighbours.
  if (s === "Ident" && subject.text === "in" && before.type === "Ident") return true;
  if (a === "OBrack" && (s === "Ident" || s === "NumberLit" || bracketChange(subject) < 0)) return false;
  if (s === "Bang") return false;
  if (s === "Minus") return !MINUS_IS_UNARY_AFTER.has(before.type);
  if (s === "OBrace" || a === "CBrace") return !(s === "OBrace" && a === "CBrace");
  if ((s === "TemplateInterp" || s === "TemplateControl") && a === "OBrace") return true;
  if (s === "CBrace" && a === "TemplateSeqEnd") return true;
  if (s === "TemplateSeqEnd" && (a === "TemplateInterp" || a === "TemplateControl")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
