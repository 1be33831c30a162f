// Shared parser state: the peeker, the collected diagnostics, recovery mode and the nesting guard.
// hclsyntax's recovery strategy is kept: after an error the parser skips to a likely resynchronisation
// point (the matching bracket, or the end of the body item) and suppresses follow-on errors while in
// recovery mode, so that one mistake gives one message.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Range } from "../pos.js";
import { numberVal, stringVal, type Value } from "../values/value.js";
import type { Attribute, Block, Expression } from "./ast.js";
import type { TokenType } from "./lexer.js";
import type { TokenTable } from "./token-table.js";
import { Peeker, type Tok } from "./peeker.js";

/** Literal values are immutable, so equal literals in one file share one Value (strings up to this length). */
const MAX_SHARED_STRING = 64;

/**
 * A copy of a list being built with exactly its length as capacity. Arrays grown by push keep room for at
 * least 17 elements; an AST holds tens of thousands of short lists, so those spare slots were about a
 * quarter of its memory.
 */
export function fit<T>(a: T[]): T[] {
  return a.length === 0 ? [] : a.slice();
}

/** Deeper nesting than this (brackets, blocks, templates, operators) is reported instead of parsed. */
export const MAX_NESTING_DEPTH = 500;

export class ParserBase extends Peeker {
  readonly diags: Diagnostic[] = [];
  recovery = false;
  private depth = 0;
  /** Set once nesting exceeded the limit; everything after that point is abandoned. */
  tooDeep: Diagnostic | undefined;
  private readonly numbers = new Map<string, Value>();
  private readonly strings = new Map<string, Value>();

  /** The items of the bodies being parsed, innermost last, up to bodyTop (parse-body.ts). */
  readonly bodyItems: (Attribute | Block)[] = [];
  bodyTop = 0;

  /** Set when simple attribute expressions are parsed on first read (see deferred-expr.ts). */
  deferred: { expressionAt(tokenIndex: number): Expression } | undefined;

  constructor(tokens: TokenTable) {
    super(tokens);
  }

  /** How many nesting levels are open. */
  get nesting(): number {
    return this.depth;
  }

  /** The value of a number literal's text (throws when it is not a number), shared by equal literals. */
  numberValue(text: string): Value {
    let v = this.numbers.get(text);
    if (v === undefined) {
      v = numberVal(text);
      this.numbers.set(text, v);
    }
    return v;
  }

  /** stringVal(s), shared by equal short literals. */
  stringValue(s: string): Value {
    if (s.length > MAX_SHARED_STRING) return stringVal(s);
    let v = this.strings.get(s);
    if (v === undefined) {
      v = stringVal(s);
      this.strings.set(s, v);
    }
    return v;
  }

  error(summary: string, detail: string, subject?: Range, context?: Range): void {
    this.diags.push(errorDiag(summary, detail, subject, context));
  }

  /** Number of diagnostics so far; compare before and after a sub-parse to learn whether it failed. */
  mark(): number {
    return this.diags.length;
  }

  failedSince(mark: number): boolean {
    return this.diags.length > mark;
  }

  /**
   * Enters one nesting level. Returns false (after reporting once and abandoning the rest of the input)
   * when the limit is exceeded; the caller must then return a placeholder without descending.
   */
  enter(at: Range): boolean {
    if (this.tooDeep !== undefined) return false;
    if (this.depth >= MAX_NESTING_DEPTH) {
      const d = errorDiag(
        "Nesting too deep",
        `This is nested more than ${MAX_NESTING_DEPTH} levels deep (brackets, braces, blocks, templates or operators), which is more than Cairn parses. Simplify the configuration, for example by moving inner parts into locals.`,
        at,
      );
      this.diags.push(d);
      this.tooDeep = d;
      this.recovery = true;
      this.skipToEnd();
      return false;
    }
    this.depth++;
    return true;
  }

  /** enter(tok.range), making the range only for the diagnostic. */
  enterAt(tok: { readonly range: Range }): boolean {
    if (this.tooDeep === undefined && this.depth < MAX_NESTING_DEPTH) {
      this.depth++;
      return true;
    }
    return this.enter(tok.range);
  }

  leave(): void {
    this.depth--;
  }

  setRecovery(): void {
    this.recovery = true;
  }

  /**
   * Skips forward to the token `end`, counting nested pairs of its bracket so that the matching one is
   * found; returns that token (or EOF). The next token is the one after it.
   */
  recover(end: TokenType): Tok {
    const start = oppositeBracket(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const tok = this.read();
      let ty = tok.type;
      if (end === "TemplateSeqEnd" && ty === "TemplateControl") ty = "TemplateInterp";
      if (ty === start) nest++;
      else if (ty === end) {
        if (nest < 1) return tok;
        nest--;
      } else if (ty === "EOF") return tok;
    }
  }

  /** Skips to the newline that ends the current body item, respecting brackets opened on the way. */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: TokenType[] = [];
    for (;;) {
      const tok = this.read();
      switch (tok.type) {
        case "Newline":
          if (open.length === 0) return;
          break;
        case "EOF":
          return;
        case "OBrace":
        case "OBrack":
        case "OParen":
        case "OQuote":
        case "OHeredoc":
        case "TemplateInterp":
        case "TemplateControl":
          open.push(tok.type);
          break;
        case "CBrace":
        case "CBrack":
        case "CParen":
        case "CQuote":
        case "CHeredoc": {
          const opener = oppositeBracket(tok.type);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case "TemplateSeqEnd":
          while (open.length > 0 && open[open.length - 1] !== "TemplateInterp" && open[open.length - 1] !== "TemplateControl") open.pop();
          if (open.length > 0) open.pop();
          break;
        default:
          break;
      }
    }
  }
}

export function oppositeBracket(ty: TokenType): TokenType {
  switch (ty) {
    case "OBrace":
      return "CBrace";
    case "OBrack":
      return "CBrack";
    case "OParen":
      return "CParen";
    case "OQuote":
      return "CQuote";
    case "OHeredoc":
      return "CHeredoc";
    case "CBrace":
      return "OBrace";
    case "CBrack":
      return "OBrack";
    case "CParen":
      return "OParen";
    case "CQuote":
      return "OQuote";
    case "CHeredoc":
      return "OHeredoc";
    case "TemplateControl":
    case "TemplateInterp":
      return "TemplateSeqEnd";
    case "TemplateSeqEnd":
      return "TemplateInterp";
    default:
      return "NilToken";
  }
}
