// Shared parser state: the peeker, the collected diagnostics, recovery mode and the nesting guard.
// hclsyntax's recovery strategy is kept: after an error the parser skips to a likely resynchronisation
// point (the matching bracket, or the end of the body item) and suppresses follow-on errors while in
// recovery mode, so that one mistake gives one message.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Range } from "../pos.js";
import type { TokenType } from "./lexer.js";
import type { TokenTable } from "./token-table.js";
import { Peeker, type Tok } from "./peeker.js";

/** Deeper nesting than this (brackets, blocks, templates, operators) is reported instead of parsed. */
export const MAX_NESTING_DEPTH = 500;

export class ParserBase extends Peeker {
  readonly diags: Diagnostic[] = [];
  recovery = false;
  private depth = 0;
  /** Set once nesting exceeded the limit; everything after that point is abandoned. */
  tooDeep: Diagnostic | undefined;

  constructor(tokens: TokenTable) {
    super(tokens);
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
