// The formatter's token model (hclwrite's Tokens, without one object per token): the lexer's tokens in
// parallel typed arrays, each with the number of spaces to print before it. A token's text is a slice of
// `pool`, which is the source text followed by the text of the few tokens Terraform's rewrites make up.
// Formatting only ever changes the spaces, plus those rewrites. A 1.3 MB file has ~400,000 tokens: as
// objects they were most of the formatter's time (allocation and garbage collection).

import { K, type TokenTable } from "../syntax/token-table.js";

export { K };

export class FmtStream {
  n = 0;
  code: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  spaces: Int32Array;
  /** Whether the token's text is its source's, at the same place (a made-up token is not). */
  fromSource: Uint8Array;

  constructor(
    public pool: string,
    capacity: number,
  ) {
    const c = Math.max(16, capacity);
    this.code = new Uint8Array(c);
    this.from = new Int32Array(c);
    this.to = new Int32Array(c);
    this.spaces = new Int32Array(c);
    this.fromSource = new Uint8Array(c);
  }

  /** The table's tokens as they are: their codes and offsets are shared with the table, not copied. */
  static over(table: TokenTable): FmtStream {
    const st = new FmtStream(table.text, 0);
    const n = table.n;
    // Views of exactly n tokens: a push (there is none without edits) would grow them into copies.
    st.code = table.types.subarray(0, n);
    st.from = table.from.subarray(0, n);
    st.to = table.to.subarray(0, n);
    st.spaces = new Int32Array(n);
    st.fromSource = new Uint8Array(n).fill(1);
    st.n = n;
    return st;
  }

  push(code: number, from: number, to: number, fromSource: boolean): void {
    if (this.n === this.code.length) this.grow();
    const i = this.n++;
    this.code[i] = code;
    this.from[i] = from;
    this.to[i] = to;
    this.fromSource[i] = fromSource ? 1 : 0;
  }

  /** Adds the table's tokens [from, to) as they are (the table's text is the start of the pool). */
  appendFrom(table: TokenTable, from: number, to: number): void {
    const count = to - from;
    if (count <= 0) return;
    while (this.n + count > this.code.length) this.grow();
    const n = this.n;
    this.code.set(table.types.subarray(from, to), n);
    this.from.set(table.from.subarray(from, to), n);
    this.to.set(table.to.subarray(from, to), n);
    this.fromSource.fill(1, n, n + count);
    this.n += count;
  }

  /** Adds a token whose text is not in the source. */
  pushText(code: number, text: string): void {
    const at = this.pool.length;
    this.pool += text;
    this.push(code, at, at + text.length, false);
  }

  text(i: number): string {
    return this.pool.slice(this.from[i]!, this.to[i]!);
  }

  private grow(): void {
    const c = this.code.length * 2;
    const code = new Uint8Array(c);
    code.set(this.code);
    this.code = code;
    const from = new Int32Array(c);
    from.set(this.from);
    this.from = from;
    const to = new Int32Array(c);
    to.set(this.to);
    this.to = to;
    const spaces = new Int32Array(c);
    spaces.set(this.spaces);
    this.spaces = spaces;
    const fs = new Uint8Array(c);
    fs.set(this.fromSource);
    this.fromSource = fs;
  }
}

/** +1 for tokens that open a nesting level, -1 for those that close one (by token code). */
export const BRACKET_CHANGE: Int8Array = (() => {
  const t = new Int8Array(64);
  for (const c of [K.OBrace, K.OBrack, K.OParen, K.TemplateControl, K.TemplateInterp]) t[c] = 1;
  for (const c of [K.CBrace, K.CBrack, K.CParen, K.TemplateSeqEnd]) t[c] = -1;
  return t;
})();

/** A newline, or a line comment (which carries its line's newline). */
export function endsLine(s: FmtStream, i: number): boolean {
  const c = s.code[i]!;
  return c === K.Newline || (c === K.Comment && s.pool.charCodeAt(s.to[i]! - 1) === 10);
}

// Created on first non-ASCII text: building it loads ICU's segmentation data, and the formatter is imported
// by commands that never format (plan, through the module lock file).
let graphemes: Intl.Segmenter | undefined;

/** Display width of a token's text: grapheme clusters (characters, for ASCII). */
export function textWidth(s: FmtStream, i: number, ascii: boolean): number {
  const from = s.from[i]!;
  const to = s.to[i]!;
  if (ascii) return to - from;
  const pool = s.pool;
  let k = from;
  while (k < to && pool.charCodeAt(k) < 0x80) k++;
  if (k === to) return to - from;
  return [...(graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(pool.slice(from, to))].length;
}

/** Display width of tokens [from, to): their spaces and their text. */
export function columns(s: FmtStream, from: number, to: number, ascii: boolean): number {
  let n = 0;
  if (ascii) {
    // (textWidth's ASCII case, written out: this runs for most tokens of a file.)
    const spaces = s.spaces;
    const start = s.from;
    const end = s.to;
    for (let i = from; i < to; i++) n += spaces[i]! + end[i]! - start[i]!;
    return n;
  }
  for (let i = from; i < to; i++) n += s.spaces[i]! + textWidth(s, i, ascii);
  return n;
}
