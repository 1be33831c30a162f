// A compact token stream: one entry per token in typed arrays (type code, source indices, start and end
// line/column/byte) instead of one object per token. Parsing a 1.3 MB file produces ~400,000 tokens;
// as objects they dominated parse time through garbage collection. Token objects, ranges and positions are
// made on demand; Pos objects are cached per token boundary so AST ranges share them.

import type { Pos, Range } from "../pos.js";
import type { Token, TokenType } from "./lexer.js";

export const tokenTypeNames: readonly TokenType[] = [
  "OBrace", "CBrace", "OBrack", "CBrack", "OParen", "CParen", "OQuote", "CQuote", "OHeredoc", "CHeredoc",
  "Star", "Slash", "Plus", "Minus", "Percent", "Equal", "EqualOp", "NotEqual", "LessThan", "LessThanEq",
  "GreaterThan", "GreaterThanEq", "And", "Or", "Bang", "Dot", "Comma", "Ellipsis", "FatArrow", "Question",
  "Colon", "TemplateInterp", "TemplateControl", "TemplateSeqEnd", "QuotedLit", "StringLit", "NumberLit",
  "Ident", "Comment", "Newline", "EOF", "BitwiseAnd", "BitwiseOr", "BitwiseNot", "BitwiseXor", "StarStar",
  "Apostrophe", "Backtick", "Semicolon", "Tabs", "Invalid", "BadUTF8", "QuotedNewline", "NilToken",
];

/** Token type codes by name, for hot paths (a static property read instead of a map lookup). */
export const K = Object.freeze(Object.fromEntries(tokenTypeNames.map((t, i) => [t, i]))) as { readonly [T in TokenType]: number };

export function tokenCode(t: TokenType): number {
  return K[t];
}

export class TokenTable {
  n = 0;
  types: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  /** Start and end positions: [line, column, byte] per token, interleaved (6 numbers per token). */
  pos: Int32Array;

  constructor(
    readonly text: string,
    readonly filename: string,
    capacity: number,
  ) {
    const c = Math.max(16, capacity);
    this.types = new Uint8Array(c);
    this.from = new Int32Array(c);
    this.to = new Int32Array(c);
    this.pos = new Int32Array(c * 6);
  }

  push(code: number, from: number, to: number, sl: number, sc: number, sb: number, el: number, ec: number, eb: number): void {
    if (this.n === this.types.length) this.grow();
    const i = this.n++;
    this.types[i] = code;
    this.from[i] = from;
    this.to[i] = to;
    const p = this.pos;
    const k = i * 6;
    p[k] = sl;
    p[k + 1] = sc;
    p[k + 2] = sb;
    p[k + 3] = el;
    p[k + 4] = ec;
    p[k + 5] = eb;
  }

  private grow(): void {
    const c = this.types.length * 2;
    const t = new Uint8Array(c);
    t.set(this.types);
    this.types = t;
    const f = new Int32Array(c);
    f.set(this.from);
    this.from = f;
    const e = new Int32Array(c);
    e.set(this.to);
    this.to = e;
    const p = new Int32Array(c * 6);
    p.set(this.pos);
    this.pos = p;
  }

  type(i: number): TokenType {
    return tokenTypeNames[this.types[i]!]!;
  }

  tokenText(i: number): string {
    return this.text.slice(this.from[i]!, this.to[i]!);
  }

  startPos(i: number): Pos {
    const k = i * 6;
    return { line: this.pos[k]!, column: this.pos[k + 1]!, byte: this.pos[k + 2]! };
  }

  endPos(i: number): Pos {
    const k = i * 6;
    return { line: this.pos[k + 3]!, column: this.pos[k + 4]!, byte: this.pos[k + 5]! };
  }

  range(i: number): Range {
    const k = i * 6;
    const p = this.pos;
    const start = { line: p[k]!, column: p[k + 1]!, byte: p[k + 2]! };
    const end = p[k + 5] === p[k + 2] ? start : { line: p[k + 3]!, column: p[k + 4]!, byte: p[k + 5]! };
    return { filename: this.filename, start, end };
  }

  /** Materialises every token as an object (for the formatter and tests; the parser does not need this). */
  toTokens(): Token[] {
    const out: Token[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const k = i * 6;
      const p = this.pos;
      out[i] = {
        type: this.type(i),
        text: this.tokenText(i),
        range: {
          filename: this.filename,
          start: { line: p[k]!, column: p[k + 1]!, byte: p[k + 2]! },
          end: { line: p[k + 3]!, column: p[k + 4]!, byte: p[k + 5]! },
        },
      };
    }
    return out;
  }
}
