// The JSON scanner (HCL's json/scanner.go): marks out tokens with their source ranges. It is deliberately lax
// about what it lets into keyword, number and string tokens, so that the parser can give a precise
// diagnostic ("True" is not a keyword; did you mean "true"?) instead of a generic one.
//
// Positions follow HCL's JSON scanner: a tab counts two columns, a carriage return counts no column (it is
// assumed to pair with a newline), and every other character counts one column per code point.

import type { Pos, Range } from "../pos.js";
import type { DecodedSource } from "../syntax/utf8.js";

export type JsonTokenType =
  | "{"
  | "}"
  | "["
  | "]"
  | ","
  | ":"
  | "="
  | "keyword"
  | "string"
  | "number"
  | "eof"
  | "invalid";

export interface JsonToken {
  readonly type: JsonTokenType;
  /** The source text of the token (for strings: including the quotes, when present). */
  readonly text: string;
  readonly range: Range;
}

const PUNCTUATION = new Set(["{", "}", "[", "]", ",", ":", "="]);

/** Bytes that may start a number token; `e`/`E` are left to the keyword scanner for clearer messages. */
function canStartNumber(c: number): boolean {
  return c === 45 || c === 43 || c === 46 || (c >= 48 && c <= 57);
}
function isNumberByte(c: number): boolean {
  return canStartNumber(c) || c === 101 || c === 69;
}
function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Width in UTF-8 bytes of the character at text[i], and how many UTF-16 units it occupies. */
function charWidth(text: string, i: number, bad: ReadonlySet<number> | null): [bytes: number, units: number] {
  const c = text.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (bad !== null && bad.has(i)) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

export function scanJson(src: DecodedSource, filename: string, start: Pos): JsonToken[] {
  const text = src.text;
  const bad = src.badBytes;
  const tokens: JsonToken[] = [];
  let i = 0;
  let line = start.line;
  let column = start.column;
  let byte = start.byte;
  const pos = (): Pos => ({ line, column, byte });
  const push = (type: JsonTokenType, from: number, startPos: Pos): void => {
    tokens.push({ type, text: text.slice(from, i), range: { filename, start: startPos, end: pos() } });
  };

  for (;;) {
    // whitespace
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32) column++;
      else if (c === 10) {
        line++;
        column = 1;
      } else if (c === 13) {
        // no column: assumed to be paired with a newline
      } else if (c === 9) column += 2;
      else break;
      byte++;
      i++;
    }
    if (i >= text.length) {
      const p = pos();
      tokens.push({ type: "eof", text: "", range: { filename, start: p, end: p } });
      return tokens;
    }
    const from = i;
    const startPos = pos();
    const ch = text[i]!;
    const c = text.charCodeAt(i);
    if (PUNCTUATION.has(ch)) {
      i++;
      byte++;
      column++;
      push(ch as JsonTokenType, from, startPos);
    } else if (c === 34) {
      scanString();
      push("string", from, startPos);
    } else if (canStartNumber(c)) {
      while (i < text.length && isNumberByte(text.charCodeAt(i))) {
        i++;
        byte++;
        column++;
      }
      push("number", from, startPos);
    } else if (isAlpha(c)) {
      while (i < text.length && (isAlpha(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) {
        i++;
        byte++;
        column++;
      }
      push("keyword", from, startPos);
    } else {
      // HCL stops scanning at the first invalid byte: the parser cannot continue past it anyway.
      const [, units] = charWidth(text, i, bad);
      i += units;
      byte++;
      column++;
      push("invalid", from, startPos);
      const p = pos();
      tokens.push({ type: "eof", text: "", range: { filename, start: p, end: p } });
      return tokens;
    }
  }

  /** Advances past a string token; stops before a control character, leaving it unterminated. */
  function scanString(): void {
    i++;
    byte++;
    column++;
    let escaping = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        escaping = !escaping;
        i++;
        byte++;
        column++;
      } else if (c === 34) {
        i++;
        byte++;
        column++;
        if (!escaping) return;
        escaping = false;
      } else if (c < 32) {
        return;
      } else {
        const [bytes, units] = charWidth(text, i, bad);
        i += units;
        byte += bytes;
        column++;
        escaping = false;
      }
    }
  }
}
