// Templates (quoted strings, heredocs, template mode): first the raw tokens become a flat list of template
// items (literals with strip markers and heredoc flushing applied, interpolations, directive markers),
// then the directives are matched into ConditionalExpr / TemplateJoinExpr(ForExpr) as hclsyntax does.

import { rangeBetween, rangeEndOf, rangeStartOf, rangeString, SourceRange, type Range } from "../pos.js";
import { EmptyString } from "../values/value.js";
import type { Expression, TemplateExpr } from "./ast.js";
import type { TokenType } from "./lexer.js";
import { tokenCode } from "./token-table.js";
import { fit, type ParserBase } from "./parser-base.js";
import { parseExpression, placeholder } from "./parse-expr.js";
import { parseStringLiteralToken } from "./string-lit.js";
import { nameSuggestion } from "../suggest.js";
import { literalNode, templateNode } from "./nodes.js";

type Item =
  | { kind: "lit"; val: string; range: Range }
  | { kind: "interp"; expr: Expression; range: Range }
  | { kind: "if"; cond: Expression; range: Range }
  | { kind: "for"; keyVar: string; valVar: string; coll: Expression; range: Range }
  | { kind: "endctrl"; name: "endif" | "else" | "endfor"; range: Range }
  | { kind: "end"; range: Range };

export interface TemplateInner {
  readonly exprs: Expression[];
  /** The template is exactly one interpolation: `"${x}"` yields x's value unconverted. */
  readonly passthrough: boolean;
  readonly range: Range;
}

const QUOTED_LIT = tokenCode("QuotedLit");
const C_QUOTE = tokenCode("CQuote");

/** Parses template content up to the token `end` (consumed). */
export function parseTemplateInner(p: ParserBase, end: TokenType, flushHeredoc: boolean): TemplateInner {
  // The commonest template by far is a quoted string of plain text ("value"): one literal token and the
  // closing quote, which needs neither the item list nor the directive matching below (same result).
  const types = p.table.types;
  const i = p.nextIndex;
  if (end === "CQuote" && types[i] === QUOTED_LIT && types[i + 1] === C_QUOTE) {
    const tok = p.read();
    const lit = parseStringLiteralToken(tok, true);
    for (const d of lit.diags) p.diags.push(d);
    const close = p.read();
    const expr = literalNode(lit.value === "" ? EmptyString : p.stringValue(lit.value), tok.range);
    return { exprs: [expr], passthrough: false, range: rangeBetween(tok.range, close.range) };
  }
  const parts = parseTemplateParts(p, end);
  if (flushHeredoc) flushHeredocParts(parts.items);
  const items = mergeLiterals(parts.items);
  const exprs = new TemplateStructure(p, items).parseRoot();
  const passthrough = items.length === 2 && items[0]!.kind === "interp";
  return { exprs, passthrough, range: parts.range };
}

/** hcl's unicode.IsSpace set (Go), for strip markers and heredoc indentation. */
const leadingSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const trailingSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

function isKeyword(tok: { type: TokenType; text: string }, kw: string): boolean {
  return tok.type === "Ident" && tok.text === kw;
}

function parseTemplateParts(p: ParserBase, end: TokenType): { items: Item[]; range: Range } {
  const items: Item[] = [];
  const startRange = p.nextRange();
  let ltrimNext = false;
  let nextCanTrimPrev = false;
  let endRange: Range;
  const trimPrev = (canTrimPrev: boolean, opener: string): void => {
    if (canTrimPrev && opener.length === 3 && opener.charCodeAt(2) === 126 && items.length > 0) {
      const prev = items[items.length - 1]!;
      if (prev.kind === "lit") prev.val = prev.val.replace(trailingSpace, "");
    }
  };
  for (;;) {
    const next = p.read();
    if (next.type === end) {
      endRange = next.range;
      break;
    }
    const ltrim = ltrimNext;
    ltrimNext = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;
    if (next.type === "StringLit" || next.type === "QuotedLit") {
      const lit = parseStringLiteralToken(next, next.type === "QuotedLit");
      for (const d of lit.diags) p.diags.push(d);
      items.push({ kind: "lit", val: ltrim ? lit.value.replace(leadingSpace, "") : lit.value, range: next.range });
      nextCanTrimPrev = true;
      continue;
    }
    if (next.type === "BadUTF8") {
      // Already reported as "Invalid character encoding"; keep the string going rather than also calling
      // it unterminated (hclsyntax does), which would send the user looking for a missing quote.
      items.push({ kind: "lit", val: "\uFFFD", range: next.range });
      nextCanTrimPrev = true;
      continue;
    }
    if (next.type === "TemplateInterp") {
      trimPrev(canTrimPrev, next.text);
      p.pushIncludeNewlines(false);
      const expr = parseExpression(p);
      const close = p.peek();
      if (close.type !== "TemplateSeqEnd") {
        if (!p.recovery) {
          if (close.type === "EOF") {
            p.error(
              "Unclosed template interpolation sequence",
              "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.",
              startRange,
            );
          } else if (close.type === "Colon") {
            p.error(
              "Extra characters after interpolation expression",
              'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
              close.range,
              rangeBetween(startRange, close.range),
            );
          } else if ((close.type === "CQuote" || close.type === "OQuote") && end === "CQuote") {
            p.error(
              "Unclosed template interpolation sequence",
              "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.",
              startRange,
            );
          } else {
            p.error(
              "Extra characters after interpolation expression",
              'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
              close.range,
              rangeBetween(startRange, close.range),
            );
          }
        }
        p.recover("TemplateSeqEnd");
      } else {
        p.read();
        if (close.text.length === 2 && close.text.charCodeAt(0) === 126) ltrimNext = true;
      }
      p.popIncludeNewlines();
      items.push({ kind: "interp", expr, range: rangeBetween(next.range, close.range) });
      continue;
    }
    if (next.type === "TemplateControl") {
      trimPrev(canTrimPrev, next.text);
      p.pushIncludeNewlines(false);
      if (!parseDirective(p, next.range, startRange, items)) {
        p.popIncludeNewlines();
        continue;
      }
      const close = p.peek();
      if (close.type !== "TemplateSeqEnd") {
        if (!p.recovery) {
          const kw = items.length > 0 ? directiveKeyword(items[items.length - 1]!) : "template";
          p.error(
            `Extra characters in ${kw} marker`,
            "Expected a closing brace to end the sequence, but found extra characters.",
            close.range,
            rangeBetween(startRange, close.range),
          );
        }
        p.recover("TemplateSeqEnd");
      } else {
        p.read();
        if (close.text.length === 2 && close.text.charCodeAt(0) === 126) ltrimNext = true;
      }
      p.popIncludeNewlines();
      continue;
    }
    if (!p.recovery) {
      p.error("Unterminated template string", "No closing marker was found for the string.", next.range, rangeBetween(startRange, next.range));
    }
    const final = p.recover(end);
    endRange = final.range;
    break;
  }
  if (items.length === 0) {
    // "" means the empty string: a zero-length literal just after the opening quote.
    items.push({ kind: "lit", val: "", range: rangeStartOf(startRange) });
  }
  items.push({ kind: "end", range: endRange });
  return { items, range: rangeBetween(startRange, endRange) };
}

function directiveKeyword(item: Item): string {
  switch (item.kind) {
    case "if":
      return "if";
    case "for":
      return "for";
    case "endctrl":
      return item.name;
    default:
      return "template";
  }
}

/** Reads a directive after `%{`; false when it was invalid (already reported and recovered). */
function parseDirective(p: ParserBase, openRange: Range, _startRange: Range, items: Item[]): boolean {
  const kw = p.peek();
  if (kw.type !== "Ident") {
    if (!p.recovery) {
      p.error(
        "Invalid template directive",
        'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
        kw.range,
        rangeBetween(openRange, kw.range),
      );
    }
    p.recover("TemplateSeqEnd");
    return false;
  }
  p.read();
  switch (kw.text) {
    case "if": {
      const cond = parseExpression(p);
      items.push({ kind: "if", cond, range: rangeBetween(openRange, p.nextRange()) });
      return true;
    }
    case "else":
    case "endif":
    case "endfor":
      items.push({ kind: "endctrl", name: kw.text, range: rangeBetween(openRange, p.nextRange()) });
      return true;
    case "for": {
      const fail = (detail: string): false => {
        if (!p.recovery) p.error("Invalid 'for' directive", detail, p.peek().range);
        p.recover("TemplateSeqEnd");
        return false;
      };
      if (p.peekType() !== "Ident") return fail("For directive requires variable name after 'for'.");
      let keyVar = "";
      let valVar = p.read().text;
      if (p.peekType() === "Comma") {
        keyVar = valVar;
        p.read();
        if (p.peekType() !== "Ident") return fail("For directive requires value variable name after comma.");
        valVar = p.read().text;
      }
      if (!isKeyword(p.peek(), "in")) return fail("For directive requires 'in' keyword after names.");
      p.read();
      const coll = parseExpression(p);
      items.push({ kind: "for", keyVar, valVar, coll, range: rangeBetween(openRange, p.nextRange()) });
      return true;
    }
    default: {
      if (!p.recovery) {
        const suggestion = nameSuggestion(kw.text, ["if", "for", "else", "endif", "endfor"]);
        p.error(
          "Invalid template control keyword",
          `${JSON.stringify(kw.text)} is not a valid template control keyword.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ""}`,
          kw.range,
          rangeBetween(openRange, kw.range),
        );
      }
      p.recover("TemplateSeqEnd");
      return false;
    }
  }
}

/**
 * `<<-` heredocs: remove from every line the smallest indentation found among the lines' leading literals
 * (blank lines do not count). Applied to the literal source, so interpolated values cannot affect it.
 */
function flushHeredocParts(items: Item[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: Extract<Item, { kind: "lit" }>[] = [];
  for (const item of items) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (item.kind === "lit") {
        const trimmed = item.val.replace(leadingSpace, "");
        if (trimmed.length === 0 && item.val.endsWith("\n")) {
          spaces = Number.MAX_SAFE_INTEGER;
        } else {
          spaces = countCodePoints(item.val.slice(0, item.val.length - trimmed.length));
          adjust.push(item);
        }
      } else if (item.kind === "end") {
        break;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (item.kind === "lit" && item.val.endsWith("\n")) newline = true;
  }
  for (const lit of adjust) {
    let cut = 0;
    let bytes = 0;
    for (let k = 0; k < minSpaces && cut < lit.val.length; k++) {
      const cp = lit.val.codePointAt(cut)!;
      const w = cp > 0xffff ? 2 : 1;
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      cut += w;
    }
    lit.val = lit.val.slice(cut);
    const r = lit.range;
    if (r instanceof SourceRange) {
      lit.range = new SourceRange(r.map, r.startByte + bytes, r.endByte);
    } else {
      const s = r.start;
      lit.range = { filename: r.filename, start: { line: s.line, column: s.column + minSpaces, byte: s.byte + bytes }, end: r.end };
    }
  }
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    n++;
  }
  return n;
}

/**
 * The scanner splits literal text at `$` and `%`; adjacent literals are joined into one part (after strip
 * markers and flushing, which work per token) so that "50%" is one LiteralValue like "abc" is.
 */
function mergeLiterals(items: Item[]): Item[] {
  let merged: Item[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const prev = merged ? merged[merged.length - 1] : i > 0 ? items[i - 1] : undefined;
    if (it.kind === "lit" && prev !== undefined && prev.kind === "lit") {
      merged ??= items.slice(0, i);
      merged[merged.length - 1] = { kind: "lit", val: prev.val + it.val, range: rangeBetween(prev.range, it.range) };
      continue;
    }
    if (merged) merged.push(it);
  }
  return merged ?? items;
}

/** A template structure over no items (kept alive by parser.ts; see the note above Scanner in lexer.ts). */
export function residentTemplateStructure(p: ParserBase): unknown {
  const s = new TemplateStructure(p, [{ kind: "end", range: p.nextRange() }]);
  s.parseRoot();
  return s;
}

class TemplateStructure {
  private pos = 0;
  constructor(
    private readonly p: ParserBase,
    private readonly items: Item[],
  ) {}

  private peek(): Item {
    return this.items[this.pos]!;
  }

  private read(): Item {
    const it = this.items[this.pos]!;
    if (it.kind !== "end") this.pos++;
    return it;
  }

  parseRoot(): Expression[] {
    const exprs: Expression[] = [];
    while (this.peek().kind !== "end") exprs.push(this.parseExpr());
    return fit(exprs);
  }

  private parseExpr(): Expression {
    const next = this.read();
    switch (next.kind) {
      case "lit":
        return literalNode(next.val === "" ? EmptyString : this.p.stringValue(next.val), next.range);
      case "interp":
        return next.expr;
      case "if":
      case "for": {
        // Directives nest by recursion here; the parser's nesting guard bounds it.
        if (!this.p.enter(next.range)) {
          this.pos = this.items.length - 1;
          return placeholder(next.range);
        }
        try {
          return next.kind === "if" ? this.finishIf(next) : this.finishFor(next);
        } finally {
          this.p.leave();
        }
      }
      case "end":
        this.p.error("Unexpected end of template", "The control directives within this template are unbalanced.", next.range);
        return placeholder(next.range);
      case "endctrl":
        this.p.error(`Unexpected ${next.name} directive`, "The control directives within this template are unbalanced.", next.range);
        return placeholder(next.range);
    }
  }

  private finishIf(open: Extract<Item, { kind: "if" }>): Expression {
    const ifExprs: Expression[] = [];
    const elseExprs: Expression[] = [];
    let current = ifExprs;
    let endifRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.kind === "end") {
        this.p.error(
          "Unexpected end of template",
          `The if directive at ${rangeString(open.range)} is missing its corresponding endif directive.`,
          next.range,
        );
        return placeholder(next.range);
      }
      if (next.kind === "endctrl") {
        this.read();
        if (next.name === "else") {
          if (current === ifExprs) {
            current = elseExprs;
            continue;
          }
          this.p.error("Unexpected else directive", `Already in the else clause for the if started at ${rangeString(open.range)}.`, next.range);
        } else if (next.name === "endif") {
          endifRange = next.range;
          break;
        } else {
          this.p.error(`Unexpected ${next.name} directive`, `Expecting an endif directive for the if started at ${rangeString(open.range)}.`, next.range);
        }
        return placeholder(next.range);
      }
      current.push(this.parseExpr());
    }
    if (ifExprs.length === 0) ifExprs.push(emptyLiteral(open.range, "end"));
    if (elseExprs.length === 0) elseExprs.push(emptyLiteral(endifRange, "start"));
    return {
      kind: "Conditional",
      condition: open.cond,
      trueResult: templateOf(ifExprs),
      falseResult: templateOf(elseExprs),
      range: rangeBetween(open.range, endifRange),
    };
  }

  private finishFor(open: Extract<Item, { kind: "for" }>): Expression {
    const content: Expression[] = [];
    let endforRange: Range;
    for (;;) {
      const next = this.peek();
      if (next.kind === "end") {
        this.p.error(
          "Unexpected end of template",
          `The for directive at ${rangeString(open.range)} is missing its corresponding endfor directive.`,
          next.range,
        );
        return placeholder(next.range);
      }
      if (next.kind === "endctrl") {
        this.read();
        if (next.name === "endfor") {
          endforRange = next.range;
          break;
        }
        if (next.name === "else") {
          this.p.error("Unexpected else directive", "An else clause is not expected for a for directive.", next.range);
        } else {
          this.p.error(
            `Unexpected ${next.name} directive`,
            `Expecting an endfor directive corresponding to the for directive at ${rangeString(open.range)}.`,
            next.range,
          );
        }
        return placeholder(next.range);
      }
      content.push(this.parseExpr());
    }
    if (content.length === 0) content.push(emptyLiteral(open.range, "end"));
    const range = rangeBetween(open.range, endforRange);
    return {
      kind: "TemplateJoin",
      tuple: {
        kind: "For",
        keyVar: open.keyVar,
        valVar: open.valVar,
        collExpr: open.coll,
        valExpr: templateOf(content),
        group: false,
        openRange: open.range,
        closeRange: endforRange,
        range,
      },
      range,
    };
  }
}

function templateOf(parts: Expression[]): TemplateExpr {
  return templateNode(parts, rangeBetween(parts[0]!.range, parts[parts.length - 1]!.range));
}

function emptyLiteral(at: Range, which: "start" | "end"): Expression {
  return literalNode(EmptyString, which === "start" ? rangeStartOf(at) : rangeEndOf(at));
}

