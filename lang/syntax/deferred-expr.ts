// Deferred attribute expressions (a parse option for readers that look at few expressions, such as `init`,
// which needs a resource's meta-arguments but none of its provider arguments). An expression is deferred only
// when its tokens alone prove that parsing it can report nothing: a quoted string with no template sequence,
// escape or brace, a decimal integer, or a plain traversal `a.b.c`, ended by the end of the line. Anything
// else is parsed as it is read, so a syntax error anywhere is reported exactly as without the option. A
// deferred expression is parsed from the same tokens the first time its attribute's `expr` is read, and the
// result is the expression an eager parse makes.

import type { Expression } from "./ast.js";
import { ParserBase } from "./parser-base.js";
import { parseExpression } from "./parse-expr.js";
import { K, type TokenTable } from "./token-table.js";

/** Parses the expression starting at a token of one file's table, on demand, with one parser per file. */
export class DeferredExpressions {
  private parser: ParserBase | undefined;

  constructor(readonly table: TokenTable) {}

  expressionAt(tokenIndex: number): Expression {
    const p = (this.parser ??= new ParserBase(this.table));
    p.nextIndex = tokenIndex;
    return parseExpression(p);
  }
}

const C_BACKSLASH = 92;
const C_OPEN_BRACE = 123;
const C_NEWLINE = 10;

/** Whether a QuotedLit token's text is its value: no escape, no template sequence (nor an escaped one). */
export function isPlainQuotedLit(t: TokenTable, i: number): boolean {
  const text = t.text;
  for (let c = t.from[i]!, end = t.to[i]!; c < end; c++) {
    const code = text.charCodeAt(c);
    if (code === C_BACKSLASH || code === C_OPEN_BRACE) return false;
  }
  return true;
}

/**
 * The index of the last token of the expression starting at token `i` when it is one that cannot fail to
 * parse and the line ends right after it (a newline, a line comment, the end of the file); -1 otherwise.
 */
export function simpleExpressionEnd(t: TokenTable, i: number): number {
  const types = t.types;
  let last: number;
  switch (types[i]) {
    case K.OQuote: {
      let j = i + 1;
      if (types[j] === K.QuotedLit) {
        if (!isPlainQuotedLit(t, j)) return -1;
        j++;
      }
      if (types[j] !== K.CQuote) return -1;
      last = j;
      break;
    }
    case K.NumberLit: {
      const text = t.text;
      for (let c = t.from[i]!, end = t.to[i]!; c < end; c++) {
        const code = text.charCodeAt(c);
        if (code < 48 || code > 57) return -1;
      }
      last = i;
      break;
    }
    case K.Ident: {
      let j = i;
      while (types[j + 1] === K.Dot && types[j + 2] === K.Ident) j += 2;
      last = j;
      break;
    }
    default:
      return -1;
  }
  const after = types[last + 1];
  if (after === K.Newline || after === K.EOF) return last;
  if (after === K.Comment && t.text.charCodeAt(t.to[last + 1]! - 1) === C_NEWLINE) return last;
  return -1;
}
