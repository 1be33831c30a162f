// Bodies: attributes (`name = expr`, ended by a newline) and blocks (`type "label" ident {`), including
// HCL's single-line block form `a { b = 1 }`, which may hold exactly one attribute.

import { rangeBetween, rangeEndOf, rangeString, SourceRange, type Range, type SourceMap } from "../pos.js";
import type { Attribute, Block, Body } from "./ast.js";
import type { TokenType } from "./lexer.js";
import type { Tok } from "./peeker.js";
import { fit, MAX_NESTING_DEPTH, type ParserBase } from "./parser-base.js";
import { isPlainQuotedLit, simpleExpressionEnd } from "./deferred-expr.js";
import { K } from "./token-table.js";
import { parseExpression } from "./parse-expr.js";
import { parseStringLiteralToken } from "./string-lit.js";
import { attributeNode, attributeNodeAt, blockNode, blockNodeOffsets, bodyNode, bodyNodeAt, deferredAttributeNodeAt, literalNode, templateNode } from "./nodes.js";

function makeBody(items: (Attribute | Block)[], srcRange: Range, endRange: Range): Body {
  return bodyNode(fit(items), srcRange, endRange);
}

const zeroAtEnd = rangeEndOf;

/** Attributes in a body being parsed beyond which its redefinition check uses a Map instead of a look along them. */
const LINEAR_ATTRIBUTES = 16;

/** The attribute named `name` among items[from...] (names there are distinct: redefinitions are dropped). */
function attributeIn(items: readonly (Attribute | Block)[], from: number, to: number, name: string): Attribute | undefined {
  for (let i = from; i < to; i++) {
    const it = items[i]!;
    if (it.kind === "Attribute" && it.name === name) return it;
  }
  return undefined;
}

export function parseBody(p: ParserBase, end: TokenType): Body {
  // The items go on the parser's one scratch list (a nested body's above its parent's) and are copied out at
  // the end into a list of exactly their number: no list, index or closure per body.
  const items = p.bodyItems;
  const base = p.bodyTop;
  let attrCount = 0;
  let byName: Map<string, Attribute> | undefined;
  // The body's first and last tokens, as indexes (ranges are made only for a diagnostic).
  const startIndex = p.nextIndex === 0 ? p.peekIndex() : p.nextIndex - 1;
  let endIndex: number;
  for (;;) {
    const type = p.peekType();
    if (type === end) {
      endIndex = p.peekIndex();
      p.skip();
      break;
    }
    if (type === "Newline") {
      p.skip();
      continue;
    }
    if (type === "Ident") {
      const item = parseBodyItem(p);
      if (item === undefined) continue;
      if (item.kind === "Attribute") {
        const existing = byName !== undefined ? byName.get(item.name) : attrCount > 0 ? attributeIn(items, base, p.bodyTop, item.name) : undefined;
        if (existing !== undefined) {
          p.error(
            "Attribute redefined",
            `The argument ${JSON.stringify(item.name)} was already set at ${rangeString(existing.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
          continue;
        }
        if (byName !== undefined) byName.set(item.name, item);
        else if (++attrCount > LINEAR_ATTRIBUTES) {
          byName = new Map();
          for (let i = base; i < p.bodyTop; i++) {
            const it = items[i]!;
            if (it.kind === "Attribute") byName.set(it.name, it);
          }
          byName.set(item.name, item);
        }
      }
      items[p.bodyTop++] = item;
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
            p.table.range(startIndex),
          );
        } else {
          p.error("Unclosed configuration body", "Found end of file before the end of this configuration body.", p.table.range(startIndex));
        }
      } else {
        p.error("Argument or block definition required", "An argument or block definition is required here.", bad.range);
      }
    }
    endIndex = p.nextIndex === 0 ? p.peekIndex() : p.nextIndex - 1;
    p.recover(end);
    break;
  }
  // The list is not shortened (that is a slow call while the parser is not optimised): the next body's items
  // overwrite these.
  const own = p.bodyTop === base ? [] : items.slice(base, p.bodyTop);
  p.bodyTop = base;
  // rangeBetween(start, end) and a zero-length range at the end, as byte offsets.
  const t = p.table;
  const ss = t.startByte(startIndex);
  const se = t.endByte(startIndex);
  const es = t.startByte(endIndex);
  const ee = t.endByte(endIndex);
  return bodyNodeAt(own, t.map, ss <= es ? ss : es, se >= ee ? se : ee, ee, ee);
}

function parseBodyItem(p: ParserBase): Attribute | Block | undefined {
  const ident = p.read();
  switch (p.peekType()) {
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
  const eqIndex = p.peekIndex();
  const eqType = p.peekType();
  p.skip();
  const t = p.table;
  if (p.deferred !== undefined && !singleLine && !p.recovery && p.nesting < MAX_NESTING_DEPTH - 8) {
    const at = p.peekIndex();
    const last = simpleExpressionEnd(p.table, at);
    if (last >= 0) {
      // The line ends right after the expression: consume its newline as the eager path does.
      p.nextIndex = last + 1;
      p.skip();
      return deferredAttributeNodeAt(ident.text, p.deferred, at, t.map, ident.startByte, ident.endByte, t.startByte(eqIndex), t.endByte(last));
    }
  }
  if (!singleLine && !p.recovery && p.nesting < MAX_NESTING_DEPTH - 8) {
    const at = p.peekIndex();
    if (t.types[at] === K.OQuote && simpleExpressionEnd(t, at) === at + 2) {
      // A plain quoted string ending its line (`input = "value"`), the commonest argument: the template an
      // eager parse makes, without the descent through every precedence level to reach it.
      const lit = at + 1;
      const expr = templateNode([literalNode(p.stringValue(t.tokenText(lit)), t.range(lit))], t.map.range(t.startByte(at), t.endByte(at + 2)));
      p.nextIndex = at + 3;
      p.skip();
      return attributeNodeAt(ident.text, expr, t.map, ident.startByte, ident.endByte, t.startByte(eqIndex), t.endByte(at + 2));
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
  if (eqType === "Equal" && t.endByte(eqIndex) === t.startByte(eqIndex) + 1) {
    return attributeNodeAt(ident.text, expr, t.map, ident.startByte, ident.endByte, t.startByte(eqIndex), endByte);
  }
  return attributeNode(ident.text, expr, ident.range, t.range(eqIndex), t.map.range(ident.startByte, Math.max(endByte, ident.endByte)));
}

function finishParsingBodyBlock(p: ParserBase, ident: Tok): Block | undefined {
  // Labels as strings and byte offsets (the first two in locals, any further ones in a list): no token,
  // range or pair per label. A label whose range is not plain offsets in this file (none the parser makes
  // today) makes the block through blockNode, with every label's range.
  const t = p.table;
  const types = t.types;
  let n = 0;
  let l0 = "";
  let l1 = "";
  let l0s = 0;
  let l0e = 0;
  let l1s = 0;
  let l1e = 0;
  let more: string[] | null = null;
  let moreOffsets: number[] | null = null;
  let general: Range[] | null = null;
  for (;;) {
    const type = p.peekType();
    if (type === "OBrace") break;
    let label: string;
    let range: Range | null = null;
    let ls = 0;
    let le = 0;
    if (type === "OQuote") {
      // The common label, `"name"` with nothing to decode, straight from the token table.
      const at = p.peekIndex();
      if (types[at + 1] === K.QuotedLit && types[at + 2] === K.CQuote && isPlainQuotedLit(t, at + 1)) {
        p.nextIndex = at + 3;
        // One string per distinct label where the name cache has it (a type label repeats in every block).
        label = t.nameText(at + 1);
        ls = t.startByte(at);
        le = t.endByte(at + 2);
      } else {
        const [text, r] = parseQuotedStringLiteral(p);
        label = text;
        range = r;
      }
    } else if (type === "Ident") {
      const at = p.peekIndex();
      p.skip();
      label = t.nameText(at);
      ls = t.startByte(at);
      le = t.endByte(at);
    } else {
      const tok = p.peek();
      const context = rangeBetween(ident.range, tok.range);
      if (type === "Equal") {
        p.error("Invalid block definition", 'The equals sign "=" indicates an argument definition, and must not be used when defining a block.', tok.range, context);
      } else if (type === "Newline") {
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
      const labels = labelList(n, l0, l1, more);
      const labelRanges = general ?? labelRangeList(t.map, n, l0s, l0e, l1s, l1e, moreOffsets);
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
    if (range !== null && general === null) {
      if (range instanceof SourceRange && range.map === t.map) {
        ls = range.startByte;
        le = range.endByte;
      } else {
        general = labelRangeList(t.map, n, l0s, l0e, l1s, l1e, moreOffsets);
      }
    }
    if (general !== null) general.push(range ?? new SourceRange(t.map, ls, le));
    if (n === 0) {
      l0 = label;
      l0s = ls;
      l0e = le;
    } else if (n === 1) {
      l1 = label;
      l1s = ls;
      l1e = le;
    } else {
      (more ??= []).push(label);
      (moreOffsets ??= []).push(ls, le);
    }
    n++;
  }
  const oBrace = p.read();
  const labels = labelList(n, l0, l1, more);

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
  const cIndex = p.nextIndex === 0 ? p.peekIndex() : p.nextIndex - 1;
  const eolType = p.peekType();
  if (eolType === "Newline" || eolType === "EOF") {
    p.skip();
  } else {
    if (!p.recovery) {
      const eol = p.peek();
      p.error("Missing newline after block definition", "A block definition must end with a newline.", eol.range, rangeBetween(ident.range, eol.range));
    }
    p.recoverAfterBodyItem();
  }
  // Never a missing body, so that analysis of a partial result is safe.
  body ??= makeBody([], rangeBetween(oBrace.range, t.range(cIndex)), t.range(cIndex));
  if (general !== null) {
    const end = Math.max(t.endByte(cIndex), ident.endByte);
    return blockNode(ident.text, labels, body, ident.range, general, t.map.range(oBrace.startByte, oBrace.startByte + 1), t.range(cIndex), t.map.range(ident.startByte, end));
  }
  return blockNodeOffsets(ident.text, labels, body, t.map, ident.startByte, ident.endByte, l0s, l0e, l1s, l1e, moreOffsets, oBrace.startByte, t.startByte(cIndex), t.endByte(cIndex));
}

/** A block's labels as a list of exactly their number. */
function labelList(n: number, l0: string, l1: string, more: readonly string[] | null): string[] {
  if (n === 0) return [];
  if (n === 1) return [l0];
  if (n === 2) return [l0, l1];
  return [l0, l1, ...more!];
}

/** The ranges of the first n labels, given as byte offsets (further labels' as start, end pairs in `more`). */
function labelRangeList(m: SourceMap, n: number, l0s: number, l0e: number, l1s: number, l1e: number, more: readonly number[] | null): Range[] {
  const out: Range[] = [];
  if (n > 0) out.push(new SourceRange(m, l0s, l0e));
  if (n > 1) out.push(new SourceRange(m, l1s, l1e));
  if (more !== null) for (let i = 0; i < more.length; i += 2) out.push(new SourceRange(m, more[i]!, more[i + 1]!));
  return out;
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
