// Resolving the escapes in a literal template token (hclsyntax's ParseStringLiteralToken): backslash
// escapes in quoted strings, and `$${` / `%%{` (which stand for a literal `${` / `%{`) everywhere.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Pos, Range } from "../pos.js";
import type { Token } from "./lexer.js";

export interface StringLitResult {
  readonly value: string;
  readonly diags: Diagnostic[];
}

const noDiags: Diagnostic[] = [];

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The position reached after text[from, to) starting from `start` (columns count code points). */
export function advancePos(start: Pos, text: string, from: number, to: number): Pos {
  let { line, column, byte } = start;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 1;
      byte++;
      continue;
    }
    column++;
    if (c < 0x80) byte++;
    else if (c < 0x800) byte += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      byte += 4;
      i++;
    } else byte += 3;
  }
  return { line, column, byte };
}

/** Decodes a QuotedLit (quoted = true) or StringLit token's text. */
export function parseStringLiteralToken(tok: Token, quoted: boolean): StringLitResult {
  const text = tok.text;
  if ((!quoted || text.indexOf("\\") < 0) && text.indexOf("${") < 0 && text.indexOf("%{") < 0) {
    return { value: text, diags: noDiags };
  }
  let diags: Diagnostic[] = noDiags;
  let out = "";
  let runStart = 0;
  const sliceRange = (from: number, to: number): Range => {
    const start = advancePos(tok.range.start, text, 0, from);
    return { filename: tok.range.filename, start, end: advancePos(start, text, from, to) };
  };
  const report = (detail: string, from: number, to: number): void => {
    if (diags === noDiags) diags = [];
    diags.push(errorDiag("Invalid escape sequence", detail, sliceRange(from, to)));
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
      out += text.slice(runStart, i) + text[i] + "{";
      i += 3;
      runStart = i;
      continue;
    }
    if (c !== 92 || !quoted) {
      i++;
      continue;
    }
    out += text.slice(runStart, i);
    const sel = text.charCodeAt(i + 1);
    if (i + 1 >= n) {
      report("Backslash must be followed by an escape sequence selector character.", i, i + 1);
      out += "\\";
      i += 1;
      runStart = i;
      continue;
    }
    switch (sel) {
      case 110:
        out += "\n";
        i += 2;
        break;
      case 114:
        out += "\r";
        i += 2;
        break;
      case 116:
        out += "\t";
        i += 2;
        break;
      case 34:
        out += '"';
        i += 2;
        break;
      case 92:
        out += "\\";
        i += 2;
        break;
      case 117: // u
      case 85: {
        // U
        const want = sel === 117 ? 4 : 8;
        let j = i + 2;
        while (j < n && j < i + 2 + want && isHex(text.charCodeAt(j))) j++;
        if (j === i + 2) {
          // `\u` with no digits scans as a lone backslash followed by literal text.
          report("Backslash must be followed by an escape sequence selector character.", i, i + 1);
          out += "\\";
          i += 1;
          break;
        }
        if (j - (i + 2) !== want) {
          report(
            sel === 117
              ? "The \\u escape sequence must be followed by four hexadecimal digits."
              : "The \\U escape sequence must be followed by eight hexadecimal digits.",
            i,
            j,
          );
          out += text.slice(i, j);
          i = j;
          break;
        }
        const cp = parseInt(text.slice(i + 2, j), 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          report(`Cannot encode character U+${cp.toString(16).padStart(4, "0")} in UTF-8.`, i, j);
          out += text.slice(i, j);
        } else {
          out += String.fromCodePoint(cp);
        }
        i = j;
        break;
      }
      default: {
        const cp = text.codePointAt(i + 1)!;
        const ch = String.fromCodePoint(cp);
        report(`The symbol ${JSON.stringify(ch)} is not a valid escape sequence selector.`, i, i + 1 + ch.length);
        out += ch;
        i += 1 + ch.length;
        break;
      }
    }
    runStart = i;
  }
  out += text.slice(runStart);
  return { value: out, diags };
}
