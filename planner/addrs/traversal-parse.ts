// Parsing an absolute traversal (`module.a["x"].aws_instance.b[0]`) from a string, as HCL's
// ParseTraversalAbs does: addresses given on the command line (-target, -replace, state mv, import) and
// stored in state arrive as strings. Only names, `.name`, `[number]` and `["string"]` steps are allowed.

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { type Pos, type Range, rangeBetween, startOfFile } from "../lang/pos.js";
import type { Traversal, Traverser } from "../lang/syntax/ast.js";
import { numberVal, stringVal } from "../lang/values/value.js";

type TokenType = "ident" | "number" | "string" | "dot" | "obrack" | "cbrack" | "star" | "eof" | "invalid";
interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly range: Range;
  /** For strings: the decoded value, or an error message when the literal is malformed. */
  readonly value?: string;
  readonly error?: string;
}

const identStart = /[\p{ID_Start}_]/u;
const identContinue = /[\p{ID_Continue}-]/u;

class Scanner {
  private i = 0;
  private line: number;
  private column: number;
  private byte: number;
  constructor(
    private readonly src: string,
    private readonly filename: string,
    start: Pos,
  ) {
    this.line = start.line;
    this.column = start.column;
    this.byte = start.byte;
  }

  pos(): Pos {
    return { line: this.line, column: this.column, byte: this.byte };
  }
  peekChar(offset = 0): string {
    let j = this.i;
    let c = "";
    for (let n = 0; n <= offset; n++) {
      if (j >= this.src.length) return "";
      const cp = this.src.codePointAt(j)!;
      c = String.fromCodePoint(cp);
      j += c.length;
    }
    return c;
  }
  advance(): string {
    const c = this.peekChar();
    this.i += c.length;
    const cp = c.codePointAt(0)!;
    this.byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (c === "\n") {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return c;
  }
  range(start: Pos): Range {
    return { filename: this.filename, start, end: this.pos() };
  }

  next(): Token {
    while (/^[ \t\r\n]$/.test(this.peekChar())) this.advance();
    const start = this.pos();
    const c = this.peekChar();
    if (c === "") return { type: "eof", text: "", range: this.range(start) };
    const single: Record<string, TokenType> = { ".": "dot", "[": "obrack", "]": "cbrack", "*": "star" };
    if (single[c] !== undefined) {
      this.advance();
      return { type: single[c]!, text: c, range: this.range(start) };
    }
    if (identStart.test(c)) {
      let text = this.advance();
      while (this.peekChar() !== "" && identContinue.test(this.peekChar())) text += this.advance();
      return { type: "ident", text, range: this.range(start) };
    }
    if (/[0-9]/.test(c)) return this.number(start);
    if (c === '"') return this.quoted(start);
    this.advance();
    return { type: "invalid", text: c, range: this.range(start) };
  }

  private number(start: Pos): Token {
    let text = "";
    while (/[0-9]/.test(this.peekChar())) text += this.advance();
    if (this.peekChar() === "." && /[0-9]/.test(this.peekChar(1))) {
      text += this.advance();
      while (/[0-9]/.test(this.peekChar())) text += this.advance();
    }
    if (/[eE]/.test(this.peekChar()) && /[0-9+-]/.test(this.peekChar(1))) {
      text += this.advance();
      if (/[+-]/.test(this.peekChar())) text += this.advance();
      while (/[0-9]/.test(this.peekChar())) text += this.advance();
    }
    return { type: "number", text, range: this.range(start) };
  }

  private quoted(start: Pos): Token {
    this.advance(); // opening quote
    let value = "";
    let error: string | undefined;
    for (;;) {
      const c = this.peekChar();
      if (c === "" || c === "\n") {
        error ??= "The string literal is not terminated; add a closing quote.";
        break;
      }
      this.advance();
      if (c === '"') break;
      if (c === "\\") {
        const e = this.advance();
        const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
        if (simple[e] !== undefined) {
          value += simple[e];
        } else if (e === "u" || e === "U") {
          const len = e === "u" ? 4 : 8;
          let hex = "";
          while (hex.length < len && /[0-9a-fA-F]/.test(this.peekChar())) hex += this.advance();
          const cp = parseInt(hex, 16);
          if (hex.length !== len || cp > 0x10ffff) error ??= "Invalid unicode escape sequence in string.";
          else value += String.fromCodePoint(cp);
        } else {
          error ??= `The symbol "${e}" is not a valid escape sequence selector.`;
        }
        continue;
      }
      if ((c === "$" || c === "%") && this.peekChar() === c && this.peekChar(1) === "{") {
        this.advance();
        value += c; // `$${` is a literal `${`
        continue;
      }
      if ((c === "$" || c === "%") && this.peekChar() === "{") {
        error ??= `Template sequences are not allowed in this string. To include a literal "${c}", double it (as "${c}${c}") to escape it.`;
      }
      value += c;
    }
    return { type: "string", text: "", range: this.range(start), value, error };
  }
}

export interface TraversalParse {
  readonly traversal: Traversal;
  readonly diags: Diagnostic[];
}

/** Parses the whole string as one absolute traversal; the traversal is partial when diagnostics have errors. */
export function parseTraversalAbs(src: string, filename = "", start: Pos = startOfFile): TraversalParse {
  const sc = new Scanner(src, filename, start);
  const diags: Diagnostic[] = [];
  const steps: Traverser[] = [];
  const first = sc.next();
  if (first.type !== "ident") {
    diags.push(errorDiag("Variable name required", "Must begin with a variable name.", first.range));
    return { traversal: steps, diags };
  }
  steps.push({ kind: "root", name: first.text, range: first.range });
  for (;;) {
    const tok = sc.next();
    if (tok.type === "eof") return { traversal: steps, diags };
    if (tok.type === "dot") {
      const name = sc.next();
      if (name.type !== "ident") {
        const detail =
          name.type === "star" ? "Splat expressions (.*) may not be used here." : "Dot must be followed by attribute name.";
        diags.push(errorDiag("Attribute name required", detail, name.range, rangeBetween(first.range, name.range)));
        return { traversal: steps, diags };
      }
      steps.push({ kind: "attr", name: name.text, range: rangeBetween(tok.range, name.range) });
      continue;
    }
    if (tok.type === "obrack") {
      const keyTok = sc.next();
      if (keyTok.type !== "number" && keyTok.type !== "string") {
        const [summary, detail] =
          keyTok.type === "star"
            ? ["Attribute name required", "Splat expressions ([*]) may not be used here."]
            : ["Index value required", "Index brackets must contain either a literal number or a literal string."];
        diags.push(errorDiag(summary, detail, keyTok.range, rangeBetween(first.range, keyTok.range)));
        return { traversal: steps, diags };
      }
      if (keyTok.error !== undefined) {
        diags.push(errorDiag("Invalid string literal", keyTok.error, keyTok.range));
      }
      const close = sc.next();
      if (close.type !== "cbrack") {
        diags.push(
          errorDiag(
            "Unclosed index brackets",
            "Index key must be followed by a closing bracket.",
            close.range,
            rangeBetween(tok.range, close.range),
          ),
        );
      }
      const key = keyTok.type === "number" ? numberVal(keyTok.text) : stringVal(keyTok.value ?? "");
      steps.push({ kind: "index", key, range: rangeBetween(tok.range, close.range) });
      if (diags.length > 0) return { traversal: steps, diags };
      continue;
    }
    diags.push(
      errorDiag(
        "Invalid character",
        "Expected an attribute access or an index operator.",
        tok.range,
        rangeBetween(first.range, tok.range),
      ),
    );
    return { traversal: steps, diags };
  }
}

/** The range covering a whole (non-empty) traversal. */
export function traversalRange(t: Traversal): Range {
  return rangeBetween(t[0]!.range, t[t.length - 1]!.range);
}
