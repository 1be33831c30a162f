// fmt must leave a file that does not parse alone, so it has to know that the file parses; building the
// syntax tree to learn that was most of `fmt`'s time (and of its garbage). This walks the token table along
// the parser's own path (lang/syntax: parse-body, parse-expr, parse-template, the peeker's newline rules)
// without building anything, and gives up at the first token where the parser would report an error, or
// where this walk does not follow the parser (template directives, unusual block labels, escapes beyond
// the simple ones, deep nesting). Giving up is always safe: the caller then runs the real parser, which
// finds the diagnostics. So a file it accepts is one the parser accepts with no diagnostics:
// test/lang/fmt/syntax-proof.test.ts checks that on every file of the fmt corpus and on mutations of them.
//
// Besides "it parses", fmt's rewrites (terraform-rewrites.ts) need only the attributes they may touch:
// their value's token range. Block labels need no rewrite when each is a plain quoted string, and any
// other header makes this walk give up.

import { MAX_NESTING_DEPTH } from "../syntax/parser-base.js";
import { K, type TokenTable } from "../syntax/token-table.js";

/** An attribute whose value a rewrite may change: its value is tokens [from, to). */
export interface RewriteCandidate {
  readonly from: number;
  readonly to: number;
  /** `type` directly in a top-level `variable` block. */
  readonly isVariableType: boolean;
}

/** Thrown to stop the walk; never seen outside (the parser then speaks). */
const GIVE_UP = new Error("the parser decides");

/** Precedence of binary operators by token code (parse-expr.ts's table), -1 for other tokens. */
const PRECEDENCE: Int8Array = (() => {
  const t = new Int8Array(64).fill(-1);
  t[K.Or] = 0;
  t[K.And] = 1;
  t[K.EqualOp] = 2;
  t[K.NotEqual] = 2;
  t[K.GreaterThan] = 3;
  t[K.GreaterThanEq] = 3;
  t[K.LessThan] = 3;
  t[K.LessThanEq] = 3;
  t[K.Plus] = 4;
  t[K.Minus] = 4;
  t[K.Star] = 5;
  t[K.Slash] = 5;
  t[K.Percent] = 5;
  return t;
})();

// Nesting the parser counts (parser-base.ts enter: expressions, unary operators, `[*]`, blocks), with room.
const MAX_DEPTH = MAX_NESTING_DEPTH - 50;
/** Tokens that end an expression wherever they follow a simple value (see Walk.value). */
const ENDS_EXPRESSION: Uint8Array = (() => {
  const t = new Uint8Array(64);
  for (const c of [K.Comma, K.CBrack, K.CParen, K.CBrace, K.Equal, K.TemplateSeqEnd]) t[c] = 1;
  return t;
})();
// A body's attribute names are compared one by one up to this many, then kept in a set.
const FEW_NAMES = 16;

/**
 * The rewrite candidates of a file that certainly parses without diagnostics, or undefined when the parser
 * must decide. With `unwrapping` false only variables' `type` attributes are candidates (no value can be
 * an unwrappable `"${...}"`).
 */
export function proveParses(table: TokenTable, unwrapping: boolean): RewriteCandidate[] | undefined {
  if (table.n === 0 || table.types[table.n - 1] !== K.EOF) return undefined;
  const walk = new Walk(table, unwrapping);
  try {
    walk.body(K.EOF, 0, false);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  return walk.candidates;
}

class Walk {
  readonly candidates: RewriteCandidate[] = [];
  private readonly types: Uint8Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly text: string;
  private readonly last: number;
  private readonly n: number;
  /** Index of the next token to read (the peeker's nextIndex). */
  private next = 0;
  /** Whether newlines are significant (the top of the peeker's stack). */
  private newlines = true;
  private depth = 0;
  // The peeked token: its code (a line comment in newline mode reads as Newline), index, and the index
  // after it; valid while `next` and `newlines` are what they were.
  private peekedAt = -1;
  private peekedNewlines = false;
  private peekedCode = 0;
  private peekedIndex = 0;
  private peekedNext = 0;

  constructor(
    table: TokenTable,
    private readonly unwrapping: boolean,
  ) {
    this.types = table.types;
    this.from = table.from;
    this.to = table.to;
    this.text = table.text;
    this.n = table.n;
    this.last = table.n - 1;
  }

  private peek(): number {
    if (this.peekedAt === this.next && this.peekedNewlines === this.newlines) return this.peekedCode;
    this.peekedAt = this.next;
    this.peekedNewlines = this.newlines;
    const types = this.types;
    for (let i = this.next; i < this.last; i++) {
      const code = types[i]!;
      if (code === K.Comment) {
        const text = this.text;
        const from = this.from[i]!;
        const to = this.to[i]!;
        // An unterminated block comment is a lexer diagnostic (lexer-diags.ts).
        if (text.charCodeAt(from) === 47 && text.charCodeAt(from + 1) === 42 && (to - from < 4 || text.charCodeAt(to - 1) !== 47 || text.charCodeAt(to - 2) !== 42)) {
          throw GIVE_UP;
        }
        if (this.newlines && text.charCodeAt(to - 1) === 10) return this.found(K.Newline, i);
        continue;
      }
      if (code === K.Newline && !this.newlines) continue;
      return this.found(code, i);
    }
    return this.found(K.EOF, this.last);
  }

  private found(code: number, i: number): number {
    this.peekedCode = code;
    this.peekedIndex = i;
    this.peekedNext = i + 1 > this.n ? this.n : i + 1;
    return code;
  }

  /** Reads the next token; returns its code. */
  private read(): number {
    const code = this.peek();
    this.next = this.peekedNext;
    return code;
  }

  /** Reads the next token, which must be `code`. */
  private expect(code: number): void {
    if (this.read() !== code) throw GIVE_UP;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
  }

  /** Whether the peeked token is the identifier `word`. */
  private peekedWord(word: string): boolean {
    return this.peek() === K.Ident && this.isWord(this.peekedIndex, word);
  }

  /** Whether token i is the identifier `word`. */
  private isWord(i: number, word: string): boolean {
    const from = this.from[i]!;
    return this.types[i] === K.Ident && this.to[i]! - from === word.length && this.text.startsWith(word, from);
  }

  // ---- bodies (parse-body.ts) ----

  body(end: number, blockDepth: number, inVariable: boolean): void {
    // Attribute names (token indices) for "Attribute redefined"; a set once there are many.
    const names: number[] = [];
    let nameSet: Set<string> | undefined;
    for (;;) {
      const code = this.peek();
      if (code === end) {
        this.read();
        return;
      }
      if (code === K.Newline) {
        this.read();
        continue;
      }
      if (code !== K.Ident) throw GIVE_UP;
      const ident = this.peekedIndex;
      this.read();
      const after = this.peek();
      if (after === K.Equal) {
        if (nameSet === undefined) {
          for (const k of names) if (this.sameText(k, ident)) throw GIVE_UP;
          names.push(ident);
          if (names.length > FEW_NAMES) nameSet = new Set(names.map((k) => this.tokenText(k)));
        } else {
          const name = this.tokenText(ident);
          if (nameSet.has(name)) throw GIVE_UP;
          nameSet.add(name);
        }
        this.attribute(inVariable && this.isWord(ident, "type"));
        const eol = this.peek();
        if (eol !== K.Newline && eol !== K.EOF) throw GIVE_UP;
        this.read();
      } else if (after === K.OQuote || after === K.OBrace || after === K.Ident) {
        this.block(ident, blockDepth);
      } else {
        throw GIVE_UP;
      }
    }
  }

  /** `= expr` after an attribute's name. */
  private attribute(isVariableType: boolean): void {
    this.read(); // =
    this.peek();
    const from = this.peekedIndex;
    this.value();
    if (isVariableType || (this.unwrapping && this.types[from] === K.OQuote)) this.candidates.push({ from, to: this.next, isVariableType });
  }

  private block(typeIndex: number, blockDepth: number): void {
    // Labels: only `"plain"` ones, straight after the type (the rewrites leave those alone).
    const types = this.types;
    let at = typeIndex + 1;
    while (types[at] === K.OQuote) {
      if (types[at + 1] !== K.QuotedLit || types[at + 2] !== K.CQuote || !this.plainLabel(at + 1)) throw GIVE_UP;
      at += 3;
    }
    if (types[at] !== K.OBrace) throw GIVE_UP;
    this.next = at + 1;
    this.enter();
    const isVariable = blockDepth === 0 && this.isWord(typeIndex, "variable");
    const first = this.peek();
    if (first === K.Newline || first === K.CBrace) {
      this.body(K.CBrace, blockDepth + 1, isVariable);
    } else {
      // `a { b = 1 }`: exactly one attribute, closed on the same line.
      if (this.read() !== K.Ident || this.peek() !== K.Equal) throw GIVE_UP;
      this.attribute(isVariable && this.isWord(this.next - 1, "type"));
      this.expect(K.CBrace);
    }
    this.depth--;
    const eol = this.peek();
    if (eol !== K.Newline && eol !== K.EOF) throw GIVE_UP;
    this.read();
  }

  // ---- expressions (parse-expr.ts) ----

  /**
   * An expression, taking the common case on a short path: a number, a name with attributes (`a.b.c`) or a
   * plain string, followed by a token that ends any expression (as parse-expr.ts would find it, stopping
   * there: no operator, traversal, call or `?` can follow).
   */
  private value(): void {
    this.peek();
    const end = this.simpleEnd(this.peekedIndex);
    if (end !== -1) {
      const f = this.types[end]!;
      if (ENDS_EXPRESSION[f] === 1 || (f === K.Newline && this.newlines)) {
        this.next = end;
        return;
      }
    }
    this.expression();
  }

  /** The index after the simple value at token i (see value()), or -1 when there is none. */
  private simpleEnd(i: number): number {
    const types = this.types;
    switch (types[i]) {
      case K.NumberLit:
        return this.plainNumber(i) ? i + 1 : -1;
      case K.Ident: {
        let j = i + 1;
        while (types[j] === K.Dot && types[j + 1] === K.Ident) j += 2;
        return j;
      }
      case K.OQuote:
        if (types[i + 1] === K.CQuote) return i + 2;
        if (types[i + 1] === K.QuotedLit && types[i + 2] === K.CQuote) {
          this.simpleEscapes(i + 1);
          return i + 3;
        }
        return -1;
      default:
        return -1;
    }
  }

  private expression(): void {
    this.enter();
    this.binary(0);
    if (this.peek() === K.Question) {
      this.read();
      this.expression();
      this.expect(K.Colon);
      this.expression();
    }
    this.depth--;
  }

  /** Precedence climbing: an operand, then operators at least `minPrec` strong with their right operands. */
  private binary(minPrec: number): void {
    this.term();
    this.traversals();
    for (;;) {
      const prec = PRECEDENCE[this.peek()]!;
      if (prec < minPrec) return; // (-1 for a token that is no operator)
      this.read();
      this.binary(prec + 1);
    }
  }

  private traversals(): void {
    for (;;) {
      const code = this.peek();
      if (code === K.Dot) {
        this.read();
        const step = this.peek();
        if (step === K.Ident) this.read();
        else if (step === K.NumberLit) this.legacyIndex();
        else if (step === K.Star) {
          // `.*` then `.name` / `.0` steps.
          this.read();
          while (this.peek() === K.Dot) {
            this.read();
            const s = this.peek();
            if (s === K.Ident) this.read();
            else if (s === K.NumberLit) this.legacyIndex();
            else throw GIVE_UP;
          }
        } else throw GIVE_UP;
      } else if (code === K.OBrack) {
        this.read();
        if (this.peek() === K.Star) {
          // `[*]`: the rest of the traversal is the splat's, one level deeper.
          this.read();
          this.expect(K.CBrack);
          this.enter();
          this.traversals();
          this.depth--;
          return;
        }
        const nl = this.newlines;
        this.newlines = false;
        this.expression();
        this.expect(K.CBrack);
        this.newlines = nl;
      } else {
        return;
      }
    }
  }

  private term(): void {
    const code = this.peek();
    switch (code) {
      case K.OParen: {
        this.read();
        const nl = this.newlines;
        this.newlines = false;
        this.expression();
        this.expect(K.CParen);
        this.newlines = nl;
        return;
      }
      case K.NumberLit:
        if (!this.plainNumber(this.peekedIndex)) throw GIVE_UP;
        this.read();
        return;
      case K.Ident:
        this.read();
        if (this.peek() === K.OParen || this.namespacedName()) this.call();
        return;
      case K.OQuote:
        this.read();
        this.template(K.CQuote);
        return;
      case K.OHeredoc:
        this.read();
        this.template(K.CHeredoc);
        return;
      case K.Minus:
      case K.Bang:
        // Only the operand and its traversals: -46+5 is (-46)+5.
        this.enter();
        this.read();
        this.term();
        this.traversals();
        this.depth--;
        return;
      case K.OBrack:
        this.tuple();
        return;
      case K.OBrace:
        this.object();
        return;
      default:
        throw GIVE_UP;
    }
  }

  /**
   * `::name` pairs after an identifier (parse-expr.ts readNamespacedName), which must be called; false, with
   * nothing read, when there are none.
   */
  private namespacedName(): boolean {
    let any = false;
    for (;;) {
      const save = this.next;
      if (this.peek() !== K.Colon) break;
      const c1 = this.peekedIndex;
      this.read();
      if (this.peek() !== K.Colon || this.from[this.peekedIndex] !== this.to[c1]) {
        this.next = save;
        break;
      }
      this.read();
      if (this.peek() !== K.Ident) {
        this.next = save;
        break;
      }
      this.read();
      any = true;
    }
    if (any && this.peek() !== K.OParen) throw GIVE_UP; // "Missing function call"
    return any;
  }

  /** Arguments of a call; the `(` is next. */
  private call(): void {
    this.read();
    const nl = this.newlines;
    this.newlines = false;
    for (;;) {
      if (this.peek() === K.CParen) {
        this.read();
        break;
      }
      this.value();
      const sep = this.read();
      if (sep === K.CParen) break;
      if (sep === K.Ellipsis) {
        this.expect(K.CParen);
        break;
      }
      if (sep !== K.Comma) throw GIVE_UP;
    }
    this.newlines = nl;
  }

  private tuple(): void {
    this.read();
    const nl = this.newlines;
    this.newlines = false;
    if (this.peekedWord("for")) {
      this.forExpression(false);
    } else {
      for (;;) {
        if (this.peek() === K.CBrack) {
          this.read();
          break;
        }
        this.value();
        const next = this.read();
        if (next === K.CBrack) break;
        if (next !== K.Comma) throw GIVE_UP;
      }
    }
    this.newlines = nl;
  }

  private object(): void {
    this.read();
    const nl = this.newlines;
    // `for` is looked for without newlines; the items of an object are newline-separated.
    this.newlines = false;
    if (this.peekedWord("for")) {
      this.forExpression(true);
      this.newlines = nl;
      return;
    }
    this.newlines = true;
    for (;;) {
      const code = this.peek();
      if (code === K.Newline) {
        this.read();
        continue;
      }
      if (code === K.CBrace) {
        this.read();
        break;
      }
      this.value();
      const sep = this.read();
      if (sep !== K.Equal && sep !== K.Colon) throw GIVE_UP;
      this.value();
      const next = this.read();
      if (next === K.CBrace) break;
      if (next !== K.Comma && next !== K.Newline) throw GIVE_UP;
    }
    this.newlines = nl;
  }

  /** `for k, v in coll : [key =>] value [...] [if cond]` and the closing bracket; `for` is next. */
  private forExpression(makeObject: boolean): void {
    this.newlines = false;
    this.read();
    this.expect(K.Ident);
    if (this.peek() === K.Comma) {
      this.read();
      this.expect(K.Ident);
    }
    if (!this.peekedWord("in")) throw GIVE_UP;
    this.read();
    this.expression();
    this.expect(K.Colon);
    this.expression();
    let hasKey = false;
    if (this.peek() === K.FatArrow) {
      this.read();
      hasKey = true;
      this.expression();
    }
    let group = false;
    if (this.peek() === K.Ellipsis) {
      this.read();
      group = true;
    }
    if (this.peekedWord("if")) {
      this.read();
      this.expression();
    }
    this.expect(makeObject ? K.CBrace : K.CBrack);
    // Objects need a key; tuples take no key and no grouping.
    if (makeObject ? !hasKey : hasKey || group) throw GIVE_UP;
  }

  // ---- templates (parse-template.ts) ----

  /** Template content up to `end` (read); the opening token has been read. */
  private template(end: number): void {
    for (;;) {
      const code = this.read();
      if (code === end) return;
      if (code === K.QuotedLit) {
        this.simpleEscapes(this.next - 1);
      } else if (code === K.TemplateInterp) {
        const nl = this.newlines;
        this.newlines = false;
        this.value();
        this.expect(K.TemplateSeqEnd);
        this.newlines = nl;
      } else if (code !== K.StringLit) {
        throw GIVE_UP;
      }
    }
  }

  // ---- tokens ----

  /** Whether tokens i and j have the same text. */
  private sameText(i: number, j: number): boolean {
    const a = this.from[i]!;
    const b = this.from[j]!;
    const len = this.to[i]! - a;
    if (this.to[j]! - b !== len) return false;
    const text = this.text;
    for (let k = 0; k < len; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
    return true;
  }

  private tokenText(i: number): string {
    return this.text.slice(this.from[i]!, this.to[i]!);
  }

  /** Label text that needs no escaping, `[A-Za-z0-9_\-.:/ ]*` (terraform-rewrites.ts PLAIN_LABEL). */
  private plainLabel(i: number): boolean {
    const text = this.text;
    for (let k = this.from[i]!, to = this.to[i]!; k < to; k++) {
      const c = text.charCodeAt(k);
      const letter = (c | 32) >= 97 && (c | 32) <= 122;
      if (!letter && !(c >= 48 && c <= 58) && c !== 95 && c !== 45 && c !== 46 && c !== 47 && c !== 32) return false;
    }
    return true;
  }

  /** `.0` (peeked): digits only (`.0.1` scans as one number, an error; `.1e3` is left to the parser). */
  private legacyIndex(): void {
    const i = this.peekedIndex;
    const text = this.text;
    for (let k = this.from[i]!, to = this.to[i]!; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) throw GIVE_UP;
    }
    this.read();
  }

  /** digits [. digits] [e [+-] up to 4 digits]: numbers the parser certainly reads (`1.2.3` is not one). */
  private plainNumber(i: number): boolean {
    const text = this.text;
    const to = this.to[i]!;
    let k = this.from[i]!;
    const start = k;
    while (k < to && isDigit(text.charCodeAt(k))) k++;
    if (k === start) return false;
    if (k < to && text.charCodeAt(k) === 46) {
      const fraction = ++k;
      while (k < to && isDigit(text.charCodeAt(k))) k++;
      if (k === fraction) return false;
    }
    if (k < to && (text.charCodeAt(k) | 32) === 101) {
      k++;
      if (k < to && (text.charCodeAt(k) === 43 || text.charCodeAt(k) === 45)) k++;
      const exponent = k;
      while (k < to && isDigit(text.charCodeAt(k))) k++;
      if (k === exponent || k - exponent > 4) return false;
    }
    return k === to;
  }

  /** A quoted literal's escapes are `\n \r \t \" \\` only (string-lit.ts; `\u` can be an error). */
  private simpleEscapes(i: number): void {
    const text = this.text;
    const to = this.to[i]!;
    for (let k = this.from[i]!; k < to; k++) {
      if (text.charCodeAt(k) !== 92) continue;
      const sel = text.charCodeAt(k + 1);
      if (k + 1 >= to || (sel !== 110 && sel !== 114 && sel !== 116 && sel !== 34 && sel !== 92)) throw GIVE_UP;
      k++;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
