// Bodies: attributes (`name = expr`, ended by a newline) and blocks (`type "label" ident {`), including
// HCL's single-line block form `a { b = 1 }`, which may hold exactly one attribute.

import { rangeBetween, rangeEndOf, rangeString, SourceRange, type Range } from "../pos.js";
import type { Attribute, Block, Body } from "./ast.js";
import type { TokenType } from "./lexer.js";
import type { Tok } from "./peeker.js";
import { fit, MAX_NESTING_DEPTH, type ParserBase } from "./parser-base.js";
import { isPlainQuotedLit, simpleExpressionEnd } from "./deferred-expr.js";
import { K } from "./token-table.js";
import { parseExpression } from "./parse-expr.js";
import { parseStringLiteralToken } from "./string-lit.js";
import { attributeNode, attributeNodeAt, blockNodeAt, bodyNode, bodyNodeAt, deferredAttributeNodeAt } from "./nodes.js";

function makeBody(items: (Attribute | Block)[], srcRange: Range, endRange: Range): Body {
  return bodyNode(fit(items), srcRange, endRange);
}

/**
 * The attributes of a body being parsed, by name, to find redefinitions: a list scanned linearly while
 * short (most bodies have a handful of attributes), a Map once it grows.
 */
export class AttrIndex {
  private readonly list: Attribute[] = [];
  private map: Map<string, Attribute> | undefined;

  get(name: string): Attribute | undefined {
    if (this.map !== undefined) return this.map.get(name);
    for (const a of this.list) if (a.name === name) return a;
    return undefined;
  }

  add(attr: Attribute): void {
    if (this.map !== undefined) {
      this.map.set(attr.name, attr);
      return;
    }
    this.list.push(attr);
    if (this.list.length > 16) this.map = new Map(this.list.map((a) => [a.name, a]));
  }
}

const zeroAtEnd = rangeEndOf;

export function parseBody(p: ParserBase, end: TokenType): Body {
  const attrs = new AttrIndex();
  const items: (Attribute | Block)[] = [];
  // The body's first and last tokens, as indexes (ranges are made only for a diagnostic).
  const startIndex = p.nextIndex === 0 ? p.peek().index : p.nextIndex - 1;
  const startRange = (): Range => p.table.range(startIndex);
  let endIndex: number;
  for (;;) {
    const next = p.peek();
    if (next.type === end) {
      endIndex = next.index;
      p.read();
      break;
    }
    if (next.type === "Newline") {
      p.read();
      continue;
    }
    if (next.type === "Ident") {
      const item = parseBodyItem(p);
      if (item === undefined) continue;
      if (item.kind === "Attribute") {
        const existing = attrs.get(item.name);
        if (existing !== undefined) {
          p.error(
            "Attribute redefined",
            `The argument ${JSON.stringify(item.name)} was already set at ${rangeString(existing.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
          continue;
        }
        attrs.add(item);
      }
      items.push(item);
      continue;
    }
    const bad = p.read();
    if (!p.recovery) {
      if (bad.type === "OQuote") {
        p.error("Invalid argument name", "Argument names must not be quoted.", bad.range);
      } else if (bad.type === "EOF") {
        if (end === "CBrace") {
          p.error(
            "Unclosed configuration block",
            "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
            startRange(),
          );
        } else {
          p.error("Unclosed configuration body", "Found end of file before the end of this configuration body.", startRange());
        }
      } else {
        p.error("Argument or block definition required", "An argument or block definition is required here.", bad.range);
      }
    }
    endIndex = p.nextIndex === 0 ? p.peek().index : p.nextIndex - 1;
    p.recover(end);
    break;
  }
  // rangeBetween(start, end) and a zero-length range at the end, as byte offsets.
  const t = p.table;
  const ss = t.startByte(startIndex);
  const se = t.endByte(startIndex);
  const es = t.startByte(endIndex);
  const ee = t.endByte(endIndex);
  return bodyNodeAt(fit(items), t.map, ss <= es ? ss : es, se >= ee ? se : ee, ee, ee);
}

function parseBodyItem(p: ParserBase): Attribute | Block | undefined {
  const ident = p.read();
  const next = p.peek();
  switch (next.type) {
    case "Equal":
      return finishParsingBodyAttribute(p, ident, false);
    case "OQuote":
    case "OBrace":
    case "Ident":
      return finishParsingBodyBlock(p, ident);
    default:
      p.recoverAfterBodyItem();
      p.error(
        "Argument or block definition required",
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
        ident.range,
      );
      return undefined;
  }
}

/** The body of `a { b = 1 }`: one attribute, closed on the same line. */
function parseSingleAttrBody(p: ParserBase): Body | undefined {
  const ident = p.read();
  if (ident.type !== "Ident") {
    p.recoverAfterBodyItem();
    p.error("Argument or block definition required", "An argument or block definition is required here.", ident.range);
    return undefined;
  }
  const next = p.peek();
  switch (next.type) {
    case "Equal": {
      const attr = finishParsingBodyAttribute(p, ident, true);
      return makeBody([attr], attr.range, zeroAtEnd(attr.range));
    }
    case "OQuote":
    case "OBrace":
    case "Ident":
      p.recoverAfterBodyItem();
      p.error(
        "Argument definition required",
        `A single-line block definition can contain only a single argument. If you meant to define argument ${JSON.stringify(ident.text)}, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
        rangeBetween(ident.range, next.range),
      );
      return undefined;
    default:
      p.recoverAfterBodyItem();
      p.error(
        "Argument or block definition required",
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
        ident.range,
      );
      return undefined;
  }
}

function finishParsingBodyAttribute(p: ParserBase, ident: Tok, singleLine: boolean): Attribute {
  const eqTok = p.read();
  if (p.deferred !== undefined && !singleLine && !p.recovery && p.nesting < MAX_NESTING_DEPTH - 8) {
    const at = p.peek().index;
    const last = simpleExpressionEnd(p.table, at);
    if (last >= 0) {
      // The line ends right after the expression: consume its newline as the eager path does.
      p.nextIndex = last + 1;
      p.read();
      return deferredAttributeNodeAt(ident.text, p.deferred, at, p.table.map, ident.startByte, ident.endByte, eqTok.startByte, p.table.endByte(last));
    }
  }
  const m = p.mark();
  const expr = parseExpression(p);
  // The attribute ends where the last token of its expression does (kept as a byte offset: attributes are
  // the commonest node, and their ranges are made when read).
  let endByte: number;
  if (p.recovery && p.failedSince(m)) {
    // Recovery inside expressions is unreliable; resynchronise at the start of the next item.
    endByte = p.prevEndByte();
    p.recoverAfterBodyItem();
  } else {
    endByte = p.prevEndByte();
    if (!singleLine) {
      const end = p.peek();
      if (end.type !== "Newline" && end.type !== "EOF") {
        if (!p.recovery) {
          const comma = end.type === "Comma";
          p.error(
            comma ? "Unexpected comma after argument" : "Missing newline after argument",
            comma
              ? "Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline."
              : "An argument definition must end with a newline.",
            end.range,
            rangeBetween(ident.range, end.range),
          );
        }
        p.recoverAfterBodyItem();
      } else {
        p.read();
      }
    }
  }
  if (eqTok.type === "Equal" && eqTok.endByte === eqTok.startByte + 1) {
    return attributeNodeAt(ident.text, expr, p.table.map, ident.startByte, ident.endByte, eqTok.startByte, endByte);
  }
  return attributeNode(ident.text, expr, ident.range, eqTok.range, p.table.map.range(ident.startByte, Math.max(endByte, ident.endByte)));
}

function finishParsingBodyBlock(p: ParserBase, ident: Tok): Block | undefined {
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  let oBrace: Tok;
  for (;;) {
    const tok = p.peek();
    if (tok.type === "OBrace") {
      oBrace = p.read();
      break;
    }
    if (tok.type === "OQuote") {
      const [label, labelRange] = parseQuotedStringLiteral(p);
      labels.push(label);
      labelRanges.push(labelRange);
      continue;
    }
    if (tok.type === "Ident") {
      p.read();
      labels.push(tok.text);
      labelRanges.push(tok.range);
      continue;
    }
    const context = rangeBetween(ident.range, tok.range);
    if (tok.type === "Equal") {
      p.error("Invalid block definition", 'The equals sign "=" indicates an argument definition, and must not be used when defining a block.', tok.range, context);
    } else if (tok.type === "Newline") {
      p.error(
        "Invalid block definition",
        'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        tok.range,
        context,
      );
    } else if (!p.recovery) {
      p.error("Invalid block definition", 'Either a quoted string block label or an opening brace ("{") is expected here.', tok.range, context);
    }
    p.recoverAfterBodyItem();
    const emptyBody = makeBody([], ident.range, ident.range);
    return {
      kind: "Block",
      type: ident.text,
      labels,
      body: emptyBody,
      typeRange: ident.range,
      labelRanges,
      openBraceRange: ident.range,
      closeBraceRange: ident.range,
      range: ident.range,
    };
  }

  if (!p.enterAt(oBrace)) return undefined;
  let body: Body | undefined;
  try {
    const first = p.peekType();
    if (first === "Newline" || first === "EOF" || first === "CBrace") {
      body = parseBody(p, "CBrace");
    } else {
      body = parseSingleAttrBody(p);
      finishSingleLineBlock(p, ident, oBrace);
    }
  } finally {
    p.leave();
  }
  // The closing brace (or where the body's parse stopped), as byte offsets.
  const cIndex = p.nextIndex === 0 ? p.peek().index : p.nextIndex - 1;
  const eol = p.peek();
  if (eol.type === "Newline" || eol.type === "EOF") {
    p.read();
  } else {
    if (!p.recovery) {
      p.error("Missing newline after block definition", "A block definition must end with a newline.", eol.range, rangeBetween(ident.range, eol.range));
    }
    p.recoverAfterBodyItem();
  }
  const t = p.table;
  // Never a missing body, so that analysis of a partial result is safe.
  body ??= makeBody([], rangeBetween(oBrace.range, t.range(cIndex)), t.range(cIndex));
  return blockNodeAt(ident.text, fit(labels), body, t.map, ident.startByte, ident.endByte, labelRanges, oBrace.startByte, t.startByte(cIndex), t.endByte(cIndex));
}

function finishSingleLineBlock(p: ParserBase, ident: Tok, oBrace: Tok): void {
  const t = p.peek();
  switch (t.type) {
    case "CBrace":
      p.read();
      return;
    case "Comma":
      p.error(
        "Invalid single-argument block definition",
        "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.",
        t.range,
      );
      p.recover("CBrace");
      return;
    case "Newline":
      p.error(
        "Invalid single-argument block definition",
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
        t.range,
      );
      p.recover("CBrace");
      return;
    default:
      if (!p.recovery) {
        if (t.type === "EOF") {
          p.error(
            "Unclosed configuration block",
            "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
            oBrace.range,
            rangeBetween(ident.range, oBrace.range),
          );
        } else {
          p.error(
            "Invalid single-argument block definition",
            "A single-line block definition must end with a closing brace immediately after its single argument definition.",
            t.range,
          );
        }
      }
      p.recover("CBrace");
  }
}

/** A quoted string that may not contain template sequences (block labels, traversal keys). */
export function parseQuotedStringLiteral(p: ParserBase): [string, Range] {
  // The common label, `"name"` with nothing to decode: its text straight from the token table, without token
  // objects or a decoding pass.
  const at = p.peek().index;
  const t = p.table;
  const types = t.types;
  if (types[at] === K.OQuote && types[at + 1] === K.QuotedLit && types[at + 2] === K.CQuote && isPlainQuotedLit(t, at + 1)) {
    p.nextIndex = at + 3;
    return [t.tokenText(at + 1), new SourceRange(t.map, t.startByte(at), t.endByte(at + 2))];
  }
  const oQuote = p.read();
  if (oQuote.type !== "OQuote") {
    p.error("Invalid string literal", "A quoted string is required here.", oQuote.range);
    return ["", oQuote.range];
  }
  let ret = "";
  let endRange: Range;
  for (;;) {
    const tok = p.read();
    if (tok.type === "CQuote") {
      endRange = tok.range;
      break;
    }
    if (tok.type === "QuotedLit") {
      const lit = parseStringLiteralToken(tok, true);
      for (const d of lit.diags) p.diags.push(d);
      ret += lit.value;
      continue;
    }
    if (tok.type === "TemplateControl" || tok.type === "TemplateInterp") {
      const which = tok.type === "TemplateControl" ? "%" : "$";
      p.error(
        "Invalid string literal",
        `Template sequences are not allowed in this string. To include a literal ${JSON.stringify(which)}, double it (as "${which}${which}") to escape it.`,
        tok.range,
        rangeBetween(oQuote.range, tok.range),
      );
      ret += `${which}{ ... }`;
      p.recover("TemplateSeqEnd");
      continue;
    }
    if (tok.type === "EOF") {
      p.error("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.", tok.range, rangeBetween(oQuote.range, tok.range));
      endRange = tok.range;
      break;
    }
    p.error("Invalid string literal", "This item is not valid in a string literal.", tok.range, rangeBetween(oQuote.range, tok.range));
    p.recover("CQuote");
    endRange = tok.range;
    break;
  }
  return [ret, rangeBetween(oQuote.range, endRange)];
}

/** See the note above Scanner in lexer.ts. */
export const residentAttrIndex = new AttrIndex();
