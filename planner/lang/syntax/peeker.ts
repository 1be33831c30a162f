// The parser's view of the token stream (hclsyntax's peeker): comments are skipped, and newlines are
// significant or not depending on context (they end attributes in bodies but are free inside brackets).
// A line comment carries its newline, so in newline-sensitive contexts it reads as that newline.

import type { Range } from "../pos.js";
import type { Token, TokenType } from "./lexer.js";

export class Peeker {
  nextIndex = 0;
  private readonly includeNewlinesStack: boolean[] = [true];
  // Peek cache: the token found from `cacheFrom` with newline mode `cacheNewlines`.
  private cacheFrom = -1;
  private cacheNewlines = false;
  private cacheTok: Token | undefined;
  private cacheNext = 0;

  constructor(readonly tokens: readonly Token[]) {}

  peek(): Token {
    this.find();
    return this.cacheTok!;
  }

  read(): Token {
    this.find();
    this.nextIndex = this.cacheNext;
    return this.cacheTok!;
  }

  peekType(): TokenType {
    return this.peek().type;
  }

  nextRange(): Range {
    return this.peek().range;
  }

  prevRange(): Range {
    if (this.nextIndex === 0) return this.nextRange();
    return this.tokens[this.nextIndex - 1]!.range;
  }

  pushIncludeNewlines(include: boolean): void {
    this.includeNewlinesStack.push(include);
  }

  popIncludeNewlines(): void {
    this.includeNewlinesStack.pop();
  }

  /** Jumps to the EOF token (used to abandon a file nested too deeply to parse). */
  skipToEnd(): void {
    this.nextIndex = this.tokens.length - 1;
  }

  private find(): void {
    const nl = this.includeNewlinesStack[this.includeNewlinesStack.length - 1]!;
    if (this.cacheFrom === this.nextIndex && this.cacheNewlines === nl) return;
    this.cacheFrom = this.nextIndex;
    this.cacheNewlines = nl;
    const toks = this.tokens;
    for (let i = this.nextIndex; i < toks.length; i++) {
      const tok = toks[i]!;
      if (tok.type === "Comment") {
        if (nl && tok.text.endsWith("\n")) {
          this.cacheTok = commentNewline(tok);
          this.cacheNext = i + 1;
          return;
        }
        continue;
      }
      if (tok.type === "Newline" && !nl) continue;
      this.cacheTok = tok;
      this.cacheNext = i + 1;
      return;
    }
    this.cacheTok = toks[toks.length - 1]!;
    this.cacheNext = toks.length;
  }
}

/** A comment that ends a line stands for the newline (its range is the whole comment, as in hclsyntax). */
function commentNewline(tok: Token): Token {
  return { type: "Newline", text: "\n", range: tok.range };
}
