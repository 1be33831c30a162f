// A compact token stream: one entry per token in typed arrays (type code, source indices, start and end
// byte offsets) instead of one object per token. Parsing a 1.3 MB file produces ~400,000 tokens; as objects
// they dominated parse time through garbage collection. Token objects and ranges are made on demand, and a
// range is only a pair of byte offsets into the file's SourceMap: lines and columns are worked out when
// somebody reads them (see lang/pos.ts).

import { SourceRange, type Pos, type Range, type SourceMap } from "../pos.js";
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

const NAME_SLOTS = 4096;

export class TokenTable {
  n = 0;
  types: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  /** Start and end byte offsets per token, interleaved (2 numbers per token). */
  bytes: Int32Array;

  constructor(
    readonly text: string,
    readonly map: SourceMap,
    capacity: number,
  ) {
    const c = Math.max(16, capacity);
    this.types = new Uint8Array(c);
    this.from = new Int32Array(c);
    this.to = new Int32Array(c);
    this.bytes = new Int32Array(c * 2);
  }

  get filename(): string {
    return this.map.filename;
  }

  push(code: number, from: number, to: number, sb: number, eb: number): void {
    if (this.n === this.types.length) this.grow();
    const i = this.n++;
    this.types[i] = code;
    this.from[i] = from;
    this.to[i] = to;
    const k = i << 1;
    this.bytes[k] = sb;
    this.bytes[k + 1] = eb;
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
    const b = new Int32Array(c * 2);
    b.set(this.bytes);
    this.bytes = b;
  }

  type(i: number): TokenType {
    return tokenTypeNames[this.types[i]!]!;
  }

  tokenText(i: number): string {
    return this.text.slice(this.from[i]!, this.to[i]!);
  }

  /** Direct-mapped cache of identifier strings, by a hash of their characters. */
  private readonly names: string[] = new Array<string>(NAME_SLOTS).fill("");

  /**
   * tokenText, but one string per distinct name where possible: identifiers and block labels repeat (attribute names, `var`,
   * resource types), and each AST keeps the ones it names, so sharing them saves a string per occurrence.
   * A hit compares characters in place and allocates nothing.
   */
  nameText(i: number): string {
    const from = this.from[i]!;
    const to = this.to[i]!;
    const t = this.text;
    const len = to - from;
    let h = len;
    for (let k = from; k < to; k++) h = (Math.imul(h, 31) + t.charCodeAt(k)) | 0;
    const slot = (h ^ (h >>> 13)) & (NAME_SLOTS - 1);
    const c = this.names[slot]!;
    if (c.length === len && len > 0) {
      let k = 0;
      while (k < len && c.charCodeAt(k) === t.charCodeAt(from + k)) k++;
      if (k === len) return c;
    }
    const s = t.slice(from, to);
    this.names[slot] = s;
    return s;
  }

  startByte(i: number): number {
    return this.bytes[i << 1]!;
  }

  endByte(i: number): number {
    return this.bytes[(i << 1) + 1]!;
  }

  startPos(i: number): Pos {
    return this.map.pos(this.bytes[i << 1]!);
  }

  endPos(i: number): Pos {
    return this.map.pos(this.bytes[(i << 1) + 1]!);
  }

  range(i: number): Range {
    const k = i << 1;
    return new SourceRange(this.map, this.bytes[k]!, this.bytes[k + 1]!);
  }

  /** Materialises every token as an object with a plain range (for the formatter and tests). */
  toTokens(): Token[] {
    const out: Token[] = new Array(this.n);
    const filename = this.map.filename;
    for (let i = 0; i < this.n; i++) {
      const start = this.startPos(i);
      const end = this.endPos(i);
      out[i] = { type: this.type(i), text: this.tokenText(i), range: { filename, start, end } };
    }
    return out;
  }
}
