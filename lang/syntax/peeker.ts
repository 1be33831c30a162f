// The parser's view of the token stream (hclsyntax's peeker): comments are skipped, and newlines are
// significant or not depending on context (they end attributes in bodies but are free inside brackets).
// A line comment carries its newline, so in newline-sensitive contexts it reads as that newline.
// Tokens are handed out as small short-lived views over the compact token table.

import { SourceRange, type Range } from "../pos.js";
import type { TokenType } from "./lexer.js";
import { tokenCode, type TokenTable } from "./token-table.js";

/** A token as the parser sees it; text and range are computed on first use. */
export class Tok {
  private cachedRange: Range | undefined;
  constructor(
    private readonly table: TokenTable,
    readonly index: number,
    readonly type: TokenType,
  ) {}

  get text(): string {
    // A comment standing for its newline reads as that newline.
    if (this.type === "Ident") return this.table.nameText(this.index);
    if (this.type === "Newline" && this.table.types[this.index] === COMMENT) return "\n";
    return this.table.tokenText(this.index);
  }

  get range(): Range {
    return (this.cachedRange ??= this.table.range(this.index));
  }

  get startByte(): number {
    return this.table.startByte(this.index);
  }

  get endByte(): number {
    return this.table.endByte(this.index);
  }

  /** From the start of this token to the end of `last` (a later token), without intermediate ranges. */
  spanTo(last: Tok): SourceRange {
    return new SourceRange(this.table.map, this.table.startByte(this.index), this.table.endByte(last.index));
  }
}

const COMMENT = tokenCode("Comment");
const NEWLINE = tokenCode("Newline");

export class Peeker {
  nextIndex = 0;
  private readonly includeNewlinesStack: boolean[] = [true];
  // Peek cache: the token found from `cacheFrom` with newline mode `cacheNewlines`, as its index and type;
  // its Tok is made only when somebody asks for one (peekType, peekIndex and skip allocate nothing).
  private cacheFrom = -1;
  private cacheNewlines = false;
  private cacheIndex = 0;
  private cacheType: TokenType = "EOF";
  private cacheTok: Tok | undefined;
  private cacheNext = 0;
  private readonly last: number;

  constructor(readonly table: TokenTable) {
    this.last = table.n - 1;
  }

  peek(): Tok {
    this.find();
    return (this.cacheTok ??= new Tok(this.table, this.cacheIndex, this.cacheType));
  }

  read(): Tok {
    const t = this.peek();
    this.nextIndex = this.cacheNext;
    return t;
  }

  /** read() without making the token. */
  skip(): void {
    this.find();
    this.nextIndex = this.cacheNext;
  }

  peekType(): TokenType {
    this.find();
    return this.cacheType;
  }

  /** The next token's index in the table. */
  peekIndex(): number {
    this.find();
    return this.cacheIndex;
  }

  nextRange(): Range {
    return this.peek().range;
  }

  prevRange(): Range {
    if (this.nextIndex === 0) return this.nextRange();
    return this.table.range(this.nextIndex - 1);
  }

  /** prevRange().endByte without making the range. */
  prevEndByte(): number {
    if (this.nextIndex === 0) return this.table.endByte(this.peekIndex());
    return this.table.endByte(this.nextIndex - 1);
  }

  pushIncludeNewlines(include: boolean): void {
    this.includeNewlinesStack.push(include);
  }

  popIncludeNewlines(): void {
    this.includeNewlinesStack.pop();
  }

  /** Jumps to the EOF token (used to abandon a file nested too deeply to parse). */
  skipToEnd(): void {
    this.nextIndex = this.last;
  }

  private find(): void {
    const nl = this.includeNewlinesStack[this.includeNewlinesStack.length - 1]!;
    if (this.cacheFrom === this.nextIndex && this.cacheNewlines === nl) return;
    this.cacheFrom = this.nextIndex;
    this.cacheNewlines = nl;
    this.cacheTok = undefined;
    const t = this.table;
    const types = t.types;
    for (let i = this.nextIndex; i < this.last; i++) {
      const code = types[i]!;
      if (code === COMMENT) {
        if (nl && t.text.charCodeAt(t.to[i]! - 1) === 10) {
          this.cacheIndex = i;
          this.cacheType = "Newline";
          this.cacheNext = i + 1;
          return;
        }
        continue;
      }
      if (code === NEWLINE && !nl) continue;
      this.cacheIndex = i;
      this.cacheType = t.type(i);
      this.cacheNext = i + 1;
      return;
    }
    this.cacheIndex = this.last;
    this.cacheType = "EOF";
    this.cacheNext = this.last + 1 > t.n ? t.n : this.last + 1;
  }
}
