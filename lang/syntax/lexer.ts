// The native-syntax scanner: source text to a flat token stream, as hclsyntax's scan_tokens does (same token
// kinds, same split points, same ranges), hand-written over char codes for speed. The stream includes
// comments and newlines because the formatter needs them; the parser's peeker skips them.
//
// Templates ("...", heredocs, template mode) and the expressions interpolated in them nest: the scanner
// keeps an explicit stack of modes (never recursion), and a brace counter to find the `}` that closes
// each `${` / `%{` sequence.

import type { Pos, Range } from "../pos.js";
import { SourceMap, startOfFile } from "../pos.js";
import { K, TokenTable } from "./token-table.js";
import { decodeSource } from "./utf8.js";

export type TokenType =
  | "OBrace"
  | "CBrace"
  | "OBrack"
  | "CBrack"
  | "OParen"
  | "CParen"
  | "OQuote"
  | "CQuote"
  | "OHeredoc"
  | "CHeredoc"
  | "Star"
  | "Slash"
  | "Plus"
  | "Minus"
  | "Percent"
  | "Equal"
  | "EqualOp"
  | "NotEqual"
  | "LessThan"
  | "LessThanEq"
  | "GreaterThan"
  | "GreaterThanEq"
  | "And"
  | "Or"
  | "Bang"
  | "Dot"
  | "Comma"
  | "Ellipsis"
  | "FatArrow"
  | "Question"
  | "Colon"
  | "TemplateInterp"
  | "TemplateControl"
  | "TemplateSeqEnd"
  | "QuotedLit"
  | "StringLit"
  | "NumberLit"
  | "Ident"
  | "Comment"
  | "Newline"
  | "EOF"
  | "BitwiseAnd"
  | "BitwiseOr"
  | "BitwiseNot"
  | "BitwiseXor"
  | "StarStar"
  | "Apostrophe"
  | "Backtick"
  | "Semicolon"
  | "Tabs"
  | "Invalid"
  | "BadUTF8"
  | "QuotedNewline"
  | "NilToken";

export interface Token {
  readonly type: TokenType;
  /** The exact source text of the token (for BadUTF8, a U+FFFD standing for the byte). */
  readonly text: string;
  readonly range: Range;
}

export type ScanMode = "normal" | "template";

const enum Mode {
  Main,
  QuotedString,
  Heredoc,
  BareTemplate,
}

interface Frame {
  readonly mode: Mode;
  /** Heredoc only: the closing marker, and whether the scanner is at the start of a heredoc line. */
  readonly marker: string;
  startOfLine: boolean;
}

// The frames of every mode but Heredoc never change (only a heredoc frame's startOfLine does), so one of each
// is shared: no object per quoted string or template sequence.
const mainFrame: Frame = Object.freeze({ mode: Mode.Main, marker: "", startOfLine: false });
const quotedFrame: Frame = Object.freeze({ mode: Mode.QuotedString, marker: "", startOfLine: false });
const bareTemplateFrame: Frame = Object.freeze({ mode: Mode.BareTemplate, marker: "", startOfLine: false });

const C_TAB = 9,
  C_LF = 10,
  C_CR = 13,
  C_SPACE = 32,
  C_BANG = 33,
  C_DQUOTE = 34,
  C_HASH = 35,
  C_DOLLAR = 36,
  C_PERCENT = 37,
  C_AMP = 38,
  C_APOS = 39,
  C_LPAREN = 40,
  C_RPAREN = 41,
  C_STAR = 42,
  C_PLUS = 43,
  C_COMMA = 44,
  C_MINUS = 45,
  C_DOT = 46,
  C_SLASH = 47,
  C_0 = 48,
  C_9 = 57,
  C_COLON = 58,
  C_SEMI = 59,
  C_LT = 60,
  C_EQ = 61,
  C_GT = 62,
  C_QUESTION = 63,
  C_E = 69,
  C_LBRACK = 91,
  C_BACKSLASH = 92,
  C_RBRACK = 93,
  C_CARET = 94,
  C_UNDERSCORE = 95,
  C_BACKTICK = 96,
  C_e = 101,
  C_LBRACE = 123,
  C_PIPE = 124,
  C_RBRACE = 125,
  C_TILDE = 126;

/** Single-character tokens that stand for themselves (hclsyntax's SelfToken). */
const selfTokens: (number | undefined)[] = [];
selfTokens[C_LBRACK] = K.OBrack;
selfTokens[C_RBRACK] = K.CBrack;
selfTokens[C_LPAREN] = K.OParen;
selfTokens[C_RPAREN] = K.CParen;
selfTokens[C_COMMA] = K.Comma;
selfTokens[C_STAR] = K.Star;
selfTokens[C_PERCENT] = K.Percent;
selfTokens[C_PLUS] = K.Plus;
selfTokens[C_MINUS] = K.Minus;
selfTokens[C_QUESTION] = K.Question;
selfTokens[C_COLON] = K.Colon;
selfTokens[C_CARET] = K.BitwiseXor;
selfTokens[C_SEMI] = K.Semicolon;
selfTokens[C_BACKTICK] = K.Backtick;
selfTokens[C_APOS] = K.Apostrophe;

const idStartRe = /[\p{ID_Start}_]/u;
const idContinueRe = /[\p{ID_Continue}-]/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === C_UNDERSCORE;
}
function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= C_0 && c <= C_9) || c === C_UNDERSCORE || c === C_MINUS;
}
const nonAscii = /[^\x00-\x7f]/;
function isAscii(s: string): boolean {
  return !nonAscii.test(s);
}
function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

/**
 * Scans the source into tokens, always ending with an EOF token. `start` is the position of the first
 * byte (the JSON syntax scans strings embedded in a larger file). A leading UTF-8 BOM is skipped.
 */
export function scanTokens(src: string | Uint8Array, filename: string, start: Pos = startOfFile, mode: ScanMode = "normal"): Token[] {
  return scanTable(src, filename, start, mode).toTokens();
}

/** The same scan into the compact table the parser uses. */
export function scanTable(src: string | Uint8Array, filename: string, start: Pos = startOfFile, mode: ScanMode = "normal"): TokenTable {
  const decoded = decodeSource(src);
  let text = decoded.text;
  let badBytes = decoded.badBytes;
  let startPos = start;
  if (text.charCodeAt(0) === 0xfeff && !(badBytes && badBytes.has(0))) {
    text = text.slice(1);
    startPos = { line: start.line, column: start.column, byte: start.byte + 3 };
    if (badBytes) badBytes = new Set([...badBytes].map((i) => i - 1));
  }
  return new Scanner(text, badBytes, new SourceMap(filename, text, startPos, badBytes)).run(mode);
}

// V8 keeps the hidden class ("map") of an instance with fields only while some object has it; when a full
// garbage collection finds none, every optimised function that checks for it is thrown away and re-learnt
// (hundreds of deoptimisations, and the next parse runs about twice as slowly). Parser objects all die at
// the end of a parse, so one resident instance of each is kept to keep the maps, and the compiled parser,
// alive between parses.
const residentMap = new SourceMap("<resident>", "");

class Scanner {
  readonly table: TokenTable;
  private readonly stack: Frame[] = [];
  private braces = 0;
  private readonly retBraces: number[] = [];
  // The byte cursor: source index `ci` is at byte offset cByte. Only moves forward. When the text is all
  // ASCII, byte offsets are the indices plus the start offset and the cursor is not used.
  private ci = 0;
  private cByte: number;
  private readonly baseByte: number;
  private readonly ascii: boolean;

  constructor(
    private readonly s: string,
    private readonly bad: ReadonlySet<number> | null,
    map: SourceMap,
  ) {
    this.cByte = this.baseByte = map.base.byte;
    this.ascii = bad === null && isAscii(s);
    this.table = new TokenTable(s, map, (s.length >> 1) + 16);
  }

  run(mode: ScanMode): TokenTable {
    this.stack.push(mode === "template" ? bareTemplateFrame : mainFrame);
    const n = this.s.length;
    let i = 0;
    while (i < n) {
      const top = this.stack[this.stack.length - 1]!;
      switch (top.mode) {
        case Mode.Main:
          i = this.scanMain(i);
          break;
        case Mode.QuotedString:
          i = this.scanQuoted(i);
          break;
        case Mode.Heredoc:
          i = this.scanHeredoc(i, top);
          break;
        case Mode.BareTemplate:
          i = this.scanBare(i);
          break;
      }
    }
    this.emit(K.EOF, n, n);
    return this.table;
  }

  private isBad(i: number): boolean {
    return this.bad !== null && this.bad.has(i);
  }

  /** The byte offset of source index idx (idx never decreases between calls). */
  private byteAt(idx: number): number {
    if (this.ascii) return this.baseByte + idx;
    const s = this.s;
    let i = this.ci;
    let byte = this.cByte;
    const bad = this.bad;
    while (i < idx) {
      const c = s.charCodeAt(i);
      if (c < 0x80) byte++;
      else if (bad !== null && bad.has(i)) byte++;
      else if (c < 0x800) byte += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < idx) {
        byte += 4;
        i++;
      } else byte += 3;
      i++;
    }
    this.ci = idx;
    this.cByte = byte;
    return byte;
  }

  private emit(code: number, from: number, to: number): void {
    // All ASCII (the usual file): byte offsets without the cursor's two calls per token.
    if (this.ascii) {
      const base = this.baseByte;
      this.table.push(code, from, to, base + from, base + to);
      return;
    }
    const sb = this.byteAt(from);
    this.table.push(code, from, to, sb, this.byteAt(to));
  }

  /** Index after one code point (a surrogate pair counts as one). */
  private nextCodePoint(i: number): number {
    const c = this.s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && !this.isBad(i) && i + 1 < this.s.length) return i + 2;
    return i + 1;
  }

  private enterTemplateSequence(type: number, i: number): number {
    const end = this.s.charCodeAt(i + 2) === C_TILDE ? i + 3 : i + 2;
    this.emit(type, i, end);
    this.braces++;
    this.retBraces.push(this.braces);
    const top = this.stack[this.stack.length - 1]!;
    if (top.mode === Mode.Heredoc) top.startOfLine = false;
    this.stack.push(mainFrame);
    return end;
  }

  /** `${`/`%{` at i: opens a template sequence. */
  private isSequenceStart(i: number, c: number): boolean {
    return (c === C_DOLLAR || c === C_PERCENT) && this.s.charCodeAt(i + 1) === C_LBRACE;
  }

  /**
   * A lone `$`/`%` not starting a sequence, or an escaped `$${`/`%%{` (optionally with `~`), is a literal
   * token of its own (hclsyntax's TemplateNotInterp/TemplateNotControl). Returns its end.
   */
  private templateSigilEnd(i: number, c: number): number {
    const s = this.s;
    if (s.charCodeAt(i + 1) === c && s.charCodeAt(i + 2) === C_LBRACE) {
      return s.charCodeAt(i + 3) === C_TILDE ? i + 4 : i + 3;
    }
    return i + 1;
  }

  private scanMain(at: number): number {
    const s = this.s;
    let i = at;
    let c = s.charCodeAt(i);
    if (c === C_SPACE || c === C_TAB) {
      // Blanks make no token; the token after them is scanned here rather than in another round of run().
      let j = i + 1;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d !== C_SPACE && d !== C_TAB) break;
        j++;
      }
      if (j === s.length) return j;
      i = j;
      c = s.charCodeAt(i);
    }
    if (isAsciiIdStart(c)) return this.scanIdent(i, i + 1);
    if (isDigit(c)) return this.scanNumber(i);
    const self = selfTokens[c];
    if (self !== undefined) {
      this.emit(self, i, i + 1);
      return i + 1;
    }
    const c1 = s.charCodeAt(i + 1);
    switch (c) {
      case C_LF:
        this.emit(K.Newline, i, i + 1);
        return i + 1;
      case C_CR:
        if (c1 === C_LF) {
          this.emit(K.Newline, i, i + 2);
          return i + 2;
        }
        break;
      case C_DQUOTE:
        this.emit(K.OQuote, i, i + 1);
        this.stack.push(quotedFrame);
        return i + 1;
      case C_LBRACE:
        this.emit(K.OBrace, i, i + 1);
        this.braces++;
        return i + 1;
      case C_RBRACE:
        return this.closeBrace(i, i + 1, false);
      case C_TILDE:
        if (c1 === C_RBRACE) return this.closeBrace(i, i + 2, true);
        this.emit(K.BitwiseNot, i, i + 1);
        return i + 1;
      case C_HASH:
        return this.lineComment(i);
      case C_SLASH:
        if (c1 === C_SLASH) return this.lineComment(i);
        if (c1 === C_STAR) {
          const close = s.indexOf("*/", i + 2);
          const end = close < 0 ? s.length : close + 2;
          this.emit(K.Comment, i, end);
          return end;
        }
        this.emit(K.Slash, i, i + 1);
        return i + 1;
      case C_EQ:
        if (c1 === C_EQ) return this.two(K.EqualOp, i);
        if (c1 === C_GT) return this.two(K.FatArrow, i);
        this.emit(K.Equal, i, i + 1);
        return i + 1;
      case C_BANG:
        if (c1 === C_EQ) return this.two(K.NotEqual, i);
        this.emit(K.Bang, i, i + 1);
        return i + 1;
      case C_GT:
        if (c1 === C_EQ) return this.two(K.GreaterThanEq, i);
        this.emit(K.GreaterThan, i, i + 1);
        return i + 1;
      case C_LT:
        if (c1 === C_EQ) return this.two(K.LessThanEq, i);
        if (c1 === C_LT) {
          const end = this.heredocIntroducer(i);
          if (end > 0) return end;
        }
        this.emit(K.LessThan, i, i + 1);
        return i + 1;
      case C_AMP:
        if (c1 === C_AMP) return this.two(K.And, i);
        this.emit(K.BitwiseAnd, i, i + 1);
        return i + 1;
      case C_PIPE:
        if (c1 === C_PIPE) return this.two(K.Or, i);
        this.emit(K.BitwiseOr, i, i + 1);
        return i + 1;
      case C_DOT:
        if (c1 === C_DOT && s.charCodeAt(i + 2) === C_DOT) {
          this.emit(K.Ellipsis, i, i + 3);
          return i + 3;
        }
        this.emit(K.Dot, i, i + 1);
        return i + 1;
    }
    if (this.isBad(i)) {
      this.emit(K.BadUTF8, i, i + 1);
      return i + 1;
    }
    if (c >= 0x80) {
      const next = this.nextCodePoint(i);
      const ch = s.slice(i, next);
      if (idStartRe.test(ch)) return this.scanIdent(i, next);
      if (c >= 0xd800 && c <= 0xdfff && next === i + 1) {
        this.emit(K.BadUTF8, i, next);
        return next;
      }
      this.emit(K.Invalid, i, next);
      return next;
    }
    this.emit(K.Invalid, i, i + 1);
    return i + 1;
  }

  private two(type: number, i: number): number {
    this.emit(type, i, i + 2);
    return i + 2;
  }

  private closeBrace(i: number, end: number, eatsWhitespace: boolean): number {
    const rb = this.retBraces;
    if (rb.length > 0 && rb[rb.length - 1] === this.braces) {
      this.emit(K.TemplateSeqEnd, i, end);
      this.braces--;
      rb.pop();
      this.stack.pop();
      return end;
    }
    // `~}` that does not close a template sequence is still reported as one, so that the parser can say
    // the strip marker is misplaced rather than treating it as an ordinary brace.
    this.emit(eatsWhitespace ? K.TemplateSeqEnd : K.CBrace, i, end);
    this.braces--;
    return end;
  }

  /** `#` and `//` comments run to the end of the line and include its newline, as in hclsyntax. */
  private lineComment(i: number): number {
    const s = this.s;
    let j = s.indexOf("\n", i);
    if (j < 0) j = s.length;
    else j++;
    this.emit(K.Comment, i, j);
    return j;
  }

  private scanIdent(i: number, j: number): number {
    const s = this.s;
    const n = s.length;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c < 0x80) {
        if (!isAsciiIdContinue(c)) break;
        j++;
        continue;
      }
      if (this.isBad(j)) break;
      const next = this.nextCodePoint(j);
      if (!idContinueRe.test(s.slice(j, next))) break;
      j = next;
    }
    this.emit(K.Ident, i, j);
    return j;
  }

  /** digit ( digit | "." | [eE][+-]?digit )* not ending in "." — the longest such match. */
  private scanNumber(i: number): number {
    const s = this.s;
    let j = i + 1;
    let good = j;
    for (;;) {
      const c = s.charCodeAt(j);
      if (isDigit(c)) {
        j++;
        good = j;
      } else if (c === C_DOT) {
        j++;
      } else if (c === C_e || c === C_E) {
        const d = s.charCodeAt(j + 1);
        if (isDigit(d)) {
          j += 2;
          good = j;
        } else if ((d === C_PLUS || d === C_MINUS) && isDigit(s.charCodeAt(j + 2))) {
          j += 3;
          good = j;
        } else break;
      } else break;
    }
    this.emit(K.NumberLit, i, good);
    return good;
  }

  /** `<<` `-`? identifier newline opens a heredoc; returns 0 when the text at i is not one. */
  private heredocIntroducer(i: number): number {
    const s = this.s;
    let j = i + 2;
    if (s.charCodeAt(j) === C_MINUS) j++;
    const identStart = j;
    const c = s.charCodeAt(j);
    if (isAsciiIdStart(c)) j++;
    else if (c >= 0x80 && !this.isBad(j) && idStartRe.test(s.slice(j, this.nextCodePoint(j)))) j = this.nextCodePoint(j);
    else return 0;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d < 0x80) {
        if (!isAsciiIdContinue(d)) break;
        j++;
      } else {
        if (this.isBad(j)) break;
        const next = this.nextCodePoint(j);
        if (!idContinueRe.test(s.slice(j, next))) break;
        j = next;
      }
    }
    const marker = s.slice(identStart, j);
    if (s.charCodeAt(j) === C_CR) j++;
    if (s.charCodeAt(j) !== C_LF) return 0;
    j++;
    this.emit(K.OHeredoc, i, j);
    this.stack.push({ mode: Mode.Heredoc, marker, startOfLine: true });
    return j;
  }

  private scanQuoted(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (this.isSequenceStart(i, c)) return this.enterTemplateSequence(c === C_DOLLAR ? K.TemplateInterp : K.TemplateControl, i);
    if (c === C_DQUOTE) {
      this.emit(K.CQuote, i, i + 1);
      this.stack.pop();
      return i + 1;
    }
    if (c === C_DOLLAR || c === C_PERCENT) {
      const end = this.templateSigilEnd(i, c);
      this.emit(K.QuotedLit, i, end);
      return end;
    }
    if (c === C_LF || c === C_CR) {
      let j = i + 1;
      while (j < s.length && (s.charCodeAt(j) === C_LF || s.charCodeAt(j) === C_CR)) j++;
      this.emit(K.QuotedNewline, i, j);
      return j;
    }
    if (this.isBad(i)) {
      this.emit(K.BadUTF8, i, i + 1);
      return i + 1;
    }
    // A run of literal characters; a backslash always takes the next character with it so that `\"`
    // does not end the string.
    let j = i;
    const n = s.length;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d === C_DQUOTE || d === C_DOLLAR || d === C_PERCENT || d === C_LF || d === C_CR) break;
      if (this.bad !== null && this.bad.has(j)) break;
      if (d === C_BACKSLASH) {
        const e = s.charCodeAt(j + 1);
        if (j + 1 >= n || e === C_LF || e === C_CR || this.isBad(j + 1)) break;
        j = this.nextCodePoint(j + 1);
        continue;
      }
      j++;
    }
    if (j === i) {
      // A backslash at the end of the line or file.
      this.emit(K.Invalid, i, i + 1);
      return i + 1;
    }
    this.emit(K.QuotedLit, i, j);
    return j;
  }

  /** End of a run of literal template characters (no `$`, `%`, CR, LF or invalid byte). */
  private literalRunEnd(i: number): number {
    const s = this.s;
    const n = s.length;
    const c = s.charCodeAt(i);
    if (c === C_DOLLAR || c === C_PERCENT) return this.templateSigilEnd(i, c);
    let j = i;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d === C_DOLLAR || d === C_PERCENT || d === C_LF || d === C_CR) break;
      if (this.bad !== null && this.bad.has(j)) break;
      j++;
    }
    return j;
  }

  private scanHeredoc(i: number, top: Frame): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (this.isSequenceStart(i, c)) return this.enterTemplateSequence(c === C_DOLLAR ? K.TemplateInterp : K.TemplateControl, i);
    if (this.isBad(i)) {
      this.emit(K.BadUTF8, i, i + 1);
      return i + 1;
    }
    const j = this.literalRunEnd(i);
    let eol = 0;
    if (s.charCodeAt(j) === C_LF) eol = j + 1;
    else if (s.charCodeAt(j) === C_CR && s.charCodeAt(j + 1) === C_LF) eol = j + 2;
    if (eol === 0) {
      if (j === i) {
        this.emit(K.Invalid, i, i + 1); // a lone carriage return
        return i + 1;
      }
      top.startOfLine = false;
      this.emit(K.StringLit, i, j);
      return j;
    }
    if (top.startOfLine && s.slice(i, j).trim() === top.marker) {
      // The closing marker and its newline are separate tokens, so that the newline can still end the
      // attribute definition the heredoc belongs to.
      this.emit(K.CHeredoc, i, j);
      this.emit(K.Newline, j, eol);
      this.stack.pop();
      return eol;
    }
    top.startOfLine = true;
    this.emit(K.StringLit, i, eol);
    return eol;
  }

  private scanBare(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (this.isSequenceStart(i, c)) return this.enterTemplateSequence(c === C_DOLLAR ? K.TemplateInterp : K.TemplateControl, i);
    if (this.isBad(i)) {
      this.emit(K.BadUTF8, i, i + 1);
      return i + 1;
    }
    let j = this.literalRunEnd(i);
    if (s.charCodeAt(j) === C_LF) j++;
    else if (s.charCodeAt(j) === C_CR && s.charCodeAt(j + 1) === C_LF) j += 2;
    if (j === i) {
      this.emit(K.Invalid, i, i + 1);
      return i + 1;
    }
    this.emit(K.StringLit, i, j);
    return j;
  }
}

/** See the note above Scanner. */
export const residentScanner = new Scanner("", null, residentMap);
