// Whether one space goes between two adjacent tokens on a line (hclwrite's spaceAfterToken): none around
// dots, before commas, inside brackets, inside quoted strings and heredocs, after `!` and unary minus, and
// between a name and its call parenthesis or index bracket; one everywhere else (binary operators, after
// commas, `=`, `?`, `:`, around braces of one-line blocks and objects).

import { BRACKET_CHANGE, K, type FmtStream } from "./tokens.js";

const NIL = K.NilToken;

const MINUS_IS_UNARY_AFTER: Uint8Array = (() => {
  const t = new Uint8Array(64);
  for (const c of [
    K.NilToken, K.OParen, K.OBrace, K.OBrack, K.Equal, K.Colon, K.Comma, K.Question, K.Plus, K.Star, K.Slash,
    K.Percent, K.Minus, K.EqualOp, K.NotEqual, K.GreaterThan, K.GreaterThanEq, K.LessThan, K.LessThanEq, K.And,
    K.Or, K.Bang,
  ]) {
    t[c] = 1;
  }
  return t;
})();

/** Whether token i is the identifier `in`. */
function isIn(st: FmtStream, i: number): boolean {
  const f = st.from[i]!;
  return st.to[i]! - f === 2 && st.pool.charCodeAt(f) === 105 && st.pool.charCodeAt(f + 1) === 110;
}

/** Whether token i is `::`, the separator of namespaced function names (one token made of two colons). */
function isDoubleColon(st: FmtStream, i: number): boolean {
  return st.code[i] === K.Colon && st.to[i]! - st.from[i]! === 2;
}

/** Spacing between token i and token i + 1, where `before` is the code of the token before i on the line (or NilToken). */
export function spaceAfterToken(st: FmtStream, i: number, before: number): boolean {
  const s = st.code[i]!;
  const a = st.code[i + 1]!;
  if (a === K.Newline || a === NIL) return false;
  if (s === K.Ident && a === K.OParen) return false;
  if (s === K.Dot || a === K.Dot) return false;
  if ((s === K.Colon && isDoubleColon(st, i)) || (a === K.Colon && isDoubleColon(st, i + 1))) return false;
  if (a === K.Comma || a === K.Ellipsis) return false;
  if (s === K.Comma) return true;
  if (s === K.QuotedLit || s === K.StringLit || s === K.OQuote || s === K.OHeredoc) return false;
  if (a === K.QuotedLit || a === K.StringLit || a === K.CQuote || a === K.CHeredoc) return false;
  // `for x in xs`: the keyword is an identifier like its neighbours.
  if (s === K.Ident && before === K.Ident && isIn(st, i)) return true;
  if (a === K.OBrack && (s === K.Ident || s === K.NumberLit || BRACKET_CHANGE[s]! < 0)) return false;
  if (s === K.Bang) return false;
  if (s === K.Minus) return MINUS_IS_UNARY_AFTER[before] === 0;
  if (s === K.OBrace || a === K.CBrace) return !(s === K.OBrace && a === K.CBrace);
  if ((s === K.TemplateInterp || s === K.TemplateControl) && a === K.OBrace) return true;
  if (s === K.CBrace && a === K.TemplateSeqEnd) return true;
  if (s === K.TemplateSeqEnd && (a === K.TemplateInterp || a === K.TemplateControl)) return false;
  if (BRACKET_CHANGE[s]! > 0) return false;
  if (BRACKET_CHANGE[a]! < 0) return false;
  return true;
}
