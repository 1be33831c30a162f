// The formatter's token model: the native lexer's tokens, each with the number of spaces to print before it
// (hclwrite's Token). Formatting only ever changes those spaces, plus the few token rewrites Terraform makes.

import type { TokenType } from "../syntax/lexer.js";

export interface FmtToken {
  readonly type: TokenType;
  readonly text: string;
  spacesBefore: number;
}

export function fmtToken(type: TokenType, text: string): FmtToken {
  return { type, text, spacesBefore: 0 };
}

/** +1 for tokens that open a nesting level, -1 for those that close one. */
export function bracketChange(t: FmtToken): number {
  switch (t.type) {
    case "OBrace":
    case "OBrack":
    case "OParen":
    case "TemplateControl":
    case "TemplateInterp":
      return 1;
    case "CBrace":
    case "CBrack":
    case "CParen":
    case "TemplateSeqEnd":
      return -1;
    default:
      return 0;
  }
}

/** A newline, or a line comment (which carries its line's newline). */
export function endsLine(t: FmtToken): boolean {
  return t.type === "Newline" || (t.type === "Comment" && t.text.endsWith("\n"));
}

// Created on first non-ASCII text: building it loads ICU's segmentation data, and the formatter is imported
// by commands that never format (plan, through the module lock file).
let graphemes: Intl.Segmenter | undefined;

/** Display width of a run of tokens: spaces count one column, text counts grapheme clusters. */
export function columns(tokens: readonly FmtToken[]): number {
  let n = 0;
  for (const t of tokens) {
    n += t.spacesBefore;
    if (/^[\x00-\x7f]*$/.test(t.text)) n += t.text.length;
    else n += [...(graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(t.text)].length;
  }
  return n;
}

export function tokensToString(tokens: readonly FmtToken[]): string {
  let out = "";
  for (const t of tokens) out += " ".repeat(t.spacesBefore) + t.text;
  return out;
}
