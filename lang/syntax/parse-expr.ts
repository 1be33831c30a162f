// Expressions: conditionals, binary operators by precedence, unary operators, terms (literals, references,
// calls, tuples, objects, `for`, templates, parentheses) and their traversal/index/splat suffixes.
// Follows hclsyntax's parser.go in structure, messages and recovery; binary operators use precedence
// climbing (same result as hclsyntax's per-level recursion, fewer stack frames per nesting level).
// Nesting is counted once per parseExpression (every bracket, call, template interpolation and operand
// goes through it) plus unary operators, splats, blocks and template directives, which recurse without it.

import { rangeBetween, type Range } from "../pos.js";
import { NumberType } from "../values/types.js";
import { DynamicVal, False, NullDynamic, True, unknownVal, type Value } from "../values/value.js";
import type {
  AnonSymbolExpr,
  BinaryOp,
  Expression,
  ObjectConsItem,
  TemplateExpr,
  Traverser,
} from "./ast.js";
import type { TokenType } from "./lexer.js";
import type { Tok } from "./peeker.js";
import { fit, type ParserBase } from "./parser-base.js";
import { parseTemplateInner } from "./parse-template.js";
import {
  attrStep,
  indexStep,
  literalNode,
  objectCons,
  objectConsKey,
  rootStep,
  scopeTraversal,
  ScopeTraversalNode,
  templateNode,
  templateWrapNode,
  tupleCons,
} from "./nodes.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Operator precedence, lowest first (hclsyntax's binaryOps table). */
const binaryPrecedence: Partial<Record<TokenType, [number, BinaryOp]>> = {
  Or: [0, "||"],
  And: [1, "&&"],
  EqualOp: [2, "=="],
  NotEqual: [2, "!="],
  GreaterThan: [3, ">"],
  GreaterThanEq: [3, ">="],
  LessThan: [3, "<"],
  LessThanEq: [3, "<="],
  Plus: [4, "+"],
  Minus: [4, "-"],
  Star: [5, "*"],
  Slash: [5, "/"],
  Percent: [5, "%"],
};

export function placeholder(range: Range): Expression {
  return literalNode(DynamicVal, range);
}

export function parseExpression(p: ParserBase): Expression {
  const start = p.peek().range;
  if (!p.enter(start)) return placeholder(start);
  try {
    return parseTernaryConditional(p, start);
  } finally {
    p.leave();
  }
}

function parseTernaryConditional(p: ParserBase, startRange: Range): Expression {
  const m = p.mark();
  const condExpr = parseBinaryOps(p, 0);
  if (p.recovery && p.failedSince(m)) return condExpr;
  if (p.peekType() !== "Question") return condExpr;
  p.read();
  const mt = p.mark();
  const trueExpr = parseExpression(p);
  if (p.recovery && p.failedSince(mt)) return condExpr;
  const colon = p.peek();
  if (colon.type !== "Colon") {
    p.error(
      "Missing false expression in conditional",
      "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
      colon.range,
      rangeBetween(startRange, colon.range),
    );
    return condExpr;
  }
  p.read();
  const mf = p.mark();
  const falseExpr = parseExpression(p);
  if (p.recovery && p.failedSince(mf)) return condExpr;
  return { kind: "Conditional", condition: condExpr, trueResult: trueExpr, falseResult: falseExpr, range: rangeBetween(startRange, falseExpr.range) };
}

function parseBinaryOps(p: ParserBase, minPrec: number): Expression {
  const m = p.mark();
  let lhs = parseExpressionWithTraversals(p);
  if (p.recovery && p.failedSince(m)) return lhs;
  for (;;) {
    const op = binaryPrecedence[p.peekType()];
    if (op === undefined || op[0] < minPrec) return lhs;
    p.read();
    const mr = p.mark();
    const rhs = parseBinaryOps(p, op[0] + 1);
    if (p.recovery && p.failedSince(mr)) return lhs;
    lhs = { kind: "BinaryOp", op: op[1], lhs, rhs, range: rangeBetween(lhs.range, rhs.range) };
  }
}

export function parseExpressionWithTraversals(p: ParserBase): Expression {
  const term = parseExpressionTerm(p);
  return parseExpressionTraversals(p, term);
}

function makeRelativeTraversal(expr: Expression, step: Traverser, rng: Range): Expression {
  if (expr instanceof ScopeTraversalNode && expr.canExtend(rng)) {
    expr.extend(step, rng);
    return expr;
  }
  if (expr.kind === "ScopeTraversal" || expr.kind === "RelativeTraversal") {
    const t = expr as Mutable<typeof expr>;
    // concat allocates exactly the new length (push would leave room for 17 steps).
    t.traversal = t.traversal.concat(step);
    t.range = rangeBetween(t.range, rng);
    return expr;
  }
  return { kind: "RelativeTraversal", source: expr, traversal: [step], range: rangeBetween(expr.range, rng) };
}

function parseExpressionTraversals(p: ParserBase, from: Expression): Expression {
  let ret = from;
  for (;;) {
    const next = p.peek();
    if (next.type === "Dot") {
      const dot = p.read();
      const attrTok = p.peek();
      if (attrTok.type === "Ident") {
        p.read();
        const rng = dot.spanTo(attrTok);
        ret = makeRelativeTraversal(ret, attrStep(attrTok.text, rng), rng);
      } else if (attrTok.type === "NumberLit") {
        p.read();
        const rng = rangeBetween(dot.range, attrTok.range);
        ret = makeRelativeTraversal(ret, indexStep(legacyIndexKey(p, attrTok, false), rng), rng);
      } else if (attrTok.type === "Star") {
        ret = finishLegacySplat(p, ret, from, dot);
      } else {
        p.error("Invalid attribute name", "An attribute name is required after a dot.", attrTok.range);
        p.setRecovery();
        return ret;
      }
    } else if (next.type === "OBrack") {
      const open = p.read();
      if (p.peekType() === "Star") {
        p.read();
        let close = p.read();
        if (close.type !== "CBrack" && !p.recovery) {
          p.error("Missing close bracket on splat index", 'The star for a full splat operator must be immediately followed by a closing bracket ("]").', close.range);
          close = p.recover("CBrack");
        }
        const item: AnonSymbolExpr = { kind: "AnonSymbol", range: rangeBetween(open.range, close.range) };
        if (!p.enter(open.range)) return ret;
        let each: Expression;
        try {
          each = parseExpressionTraversals(p, item);
        } finally {
          p.leave();
        }
        ret = { kind: "Splat", source: ret, each, item, markerRange: item.range, range: rangeBetween(from.range, each.range) };
      } else {
        p.pushIncludeNewlines(false);
        const mk = p.mark();
        const keyExpr = parseExpression(p);
        let close: Tok;
        if (p.recovery && p.failedSince(mk)) {
          close = p.recover("CBrack");
        } else {
          close = p.read();
          if (close.type !== "CBrack" && !p.recovery) {
            p.error("Missing close bracket on index", 'The index operator must end with a closing bracket ("]").', close.range);
            close = p.recover("CBrack");
          }
        }
        p.popIncludeNewlines();
        const rng = rangeBetween(open.range, close.range);
        const literalKey = staticKey(keyExpr);
        if (literalKey !== undefined) {
          ret = makeRelativeTraversal(ret, indexStep(literalKey, rng), rng);
        } else {
          ret = { kind: "Index", collection: ret, key: keyExpr, bracketRange: rng, range: rangeBetween(from.range, rng) };
        }
      }
    } else {
      return ret;
    }
  }
}

/** A literal index key (`[0]`, `["k"]`) makes a static traversal step, as in hclsyntax. */
function staticKey(e: Expression): Value | undefined {
  if (e.kind === "LiteralValue") return e.value;
  if (e.kind === "Template" && isStringLiteralTemplate(e)) return (e.parts[0] as { value: Value }).value;
  return undefined;
}

export function isStringLiteralTemplate(t: TemplateExpr): boolean {
  return t.parts.length === 1 && t.parts[0]!.kind === "LiteralValue";
}

/** `.0` legacy index; `.0.1` scans as one number and is rejected, as hclsyntax does. */
function legacyIndexKey(p: ParserBase, numTok: Tok, inSplat: boolean): Value {
  const dotIdx = numTok.text.indexOf(".");
  if (dotIdx >= 0) {
    const first = numTok.text.slice(0, dotIdx);
    const second = numTok.text.slice(dotIdx + 1);
    p.error(
      "Invalid legacy index syntax",
      inSplat
        ? `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [${first}][${second}].`
        : `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${first}][${second}].`,
      numTok.range,
    );
    return DynamicVal;
  }
  return numberLitValue(p, numTok);
}

/** `x.*.a.b`: an attribute-only splat; the star has not been read yet. */
function finishLegacySplat(p: ParserBase, source: Expression, from: Expression, dot: Tok): Expression {
  const marker = p.read();
  const trav: Traverser[] = [];
  const firstRange = p.nextRange();
  let lastRange = marker.range;
  while (p.peekType() === "Dot") {
    const innerDot = p.read();
    const t = p.peek();
    if (t.type === "NumberLit") {
      p.read();
      trav.push(indexStep(legacyIndexKey(p, t, true), rangeBetween(innerDot.range, t.range)));
      lastRange = t.range;
      continue;
    }
    if (t.type !== "Ident") {
      if (!p.recovery) {
        if (t.type === "Star") {
          p.error("Nested splat expression not allowed", "A splat expression (*) cannot be used inside another attribute-only splat expression.", t.range);
        } else {
          p.error("Invalid attribute name", "An attribute name is required after a dot.", t.range);
        }
      }
      p.setRecovery();
      break;
    }
    p.read();
    trav.push(attrStep(t.text, rangeBetween(innerDot.range, t.range)));
    lastRange = t.range;
  }
  const item: AnonSymbolExpr = { kind: "AnonSymbol", range: rangeBetween(dot.range, marker.range) };
  const each: Expression =
    trav.length === 0 ? item : { kind: "RelativeTraversal", source: item, traversal: trav, range: rangeBetween(firstRange, lastRange) };
  return {
    kind: "Splat",
    source,
    each,
    item,
    markerRange: rangeBetween(dot.range, marker.range),
    range: rangeBetween(from.range, lastRange),
  };
}

export function numberLitValue(p: ParserBase, tok: Tok): Value {
  try {
    return p.numberValue(tok.text);
  } catch {
    p.error("Invalid number literal", "Failed to recognize the value of this number literal.", tok.range);
    return unknownVal(NumberType);
  }
}

function parseExpressionTerm(p: ParserBase): Expression {
  const start = p.peek();
  switch (start.type) {
    case "OParen":
      return parseParentheses(p);
    case "NumberLit": {
      p.read();
      return literalNode(numberLitValue(p, start), start.range);
    }
    case "Ident": {
      p.read();
      if (p.peekType() === "OParen") return finishParsingFunctionCall(p, start);
      const namespaced = readNamespacedName(p, start);
      if (namespaced !== undefined) {
        if (p.peekType() === "OParen") return finishParsingFunctionCall(p, start, namespaced);
        p.error("Missing function call", "Function scope resolution symbol :: must be followed by a function call.", p.nextRange());
        return literalNode(DynamicVal, namespaced.range);
      }
      switch (start.text) {
        case "true":
          return literalNode(True, start.range);
        case "false":
          return literalNode(False, start.range);
        case "null":
          return literalNode(NullDynamic, start.range);
        default:
          return scopeTraversal(rootStep(start.text, start.range), start.range);
      }
    }
    case "OQuote":
    case "OHeredoc": {
      p.read();
      const flush = start.type === "OHeredoc" && start.text.startsWith("<<-");
      const inner = parseTemplateInner(p, start.type === "OQuote" ? "CQuote" : "CHeredoc", flush);
      const range = rangeBetween(start.range, p.prevRange());
      if (inner.passthrough) return templateWrapNode(inner.exprs[0]!, range);
      return templateNode(inner.exprs, range);
    }
    case "Minus":
    case "Bang": {
      if (!p.enter(start.range)) return placeholder(start.range);
      try {
        p.read();
        // Only the term and its traversals: -46+5 is (-46)+5, not -(46+5).
        const operand = parseExpressionWithTraversals(p);
        return {
          kind: "UnaryOp",
          op: start.type === "Minus" ? "-" : "!",
          val: operand,
          symbolRange: start.range,
          range: rangeBetween(start.range, operand.range),
        };
      } finally {
        p.leave();
      }
    }
    case "OBrack":
      return parseTupleCons(p);
    case "OBrace":
      return parseObjectCons(p);
    default:
      if (!p.recovery) {
        if (start.type === "EOF") {
          p.error("Missing expression", "Expected the start of an expression, but found the end of the file.", start.range);
        } else {
          p.error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", start.range);
        }
      }
      p.setRecovery();
      return placeholder(start.range);
  }
}

function parseParentheses(p: ParserBase): Expression {
  const oParen = p.read();
  p.pushIncludeNewlines(false);
  const m = p.mark();
  const expr = parseExpression(p);
  if (p.failedSince(m)) {
    p.recover("CParen");
    p.popIncludeNewlines();
    return expr;
  }
  const close = p.peek();
  if (close.type !== "CParen") {
    p.error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", close.range, rangeBetween(oParen.range, close.range));
    p.setRecovery();
  }
  const cParen = p.read();
  p.popIncludeNewlines();
  return { kind: "Parentheses", expr, range: rangeBetween(oParen.range, cParen.range) };
}

/**
 * `core::max`, `provider::kubernetes::manifest_decode`: an identifier followed by `::`-joined identifiers
 * (two adjacent colons each; HCL allows spaces around them: `provider :: aws :: f`). Undefined, with
 * nothing consumed, when the identifier stands alone.
 */
function readNamespacedName(p: ParserBase, first: Tok): { text: string; range: Range } | undefined {
  let text = first.text;
  let end = first.range;
  for (;;) {
    const save = p.nextIndex;
    const c1 = p.peek();
    if (c1.type !== "Colon") break;
    p.read();
    const c2 = p.peek();
    if (c2.type !== "Colon" || c2.range.start.byte !== c1.range.end.byte) {
      p.nextIndex = save;
      break;
    }
    p.read();
    const id = p.peek();
    if (id.type !== "Ident") {
      p.nextIndex = save;
      break;
    }
    p.read();
    text += "::" + id.text;
    end = id.range;
  }
  return text === first.text ? undefined : { text, range: rangeBetween(first.range, end) };
}

function finishParsingFunctionCall(p: ParserBase, name: Tok, namespaced?: { text: string; range: Range }): Expression {
  const openTok = p.read();
  const args: Expression[] = [];
  let expandFinal = false;
  let closeTok: Tok = openTok;
  p.pushIncludeNewlines(false);
  for (;;) {
    if (p.peekType() === "CParen") {
      closeTok = p.read();
      break;
    }
    const m = p.mark();
    const arg = parseExpression(p);
    args.push(arg);
    if (p.recovery && p.failedSince(m)) {
      closeTok = p.recover("CParen");
      break;
    }
    const sep = p.read();
    if (sep.type === "CParen") {
      closeTok = sep;
      break;
    }
    if (sep.type === "Ellipsis") {
      expandFinal = true;
      if (p.peekType() !== "CParen") {
        if (!p.recovery) {
          p.error(
            "Missing closing parenthesis",
            "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
            sep.range,
            rangeBetween(name.range, sep.range),
          );
        }
        closeTok = p.recover("CParen");
      } else {
        closeTok = p.read();
      }
      break;
    }
    if (sep.type !== "Comma") {
      if (sep.type === "EOF") {
        p.error(
          "Unterminated function call",
          "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parethesis nesting elsewhere in this file.",
          rangeBetween(name.range, openTok.range),
        );
      } else {
        p.error("Missing argument separator", "A comma is required to separate each function argument from the next.", sep.range, rangeBetween(name.range, sep.range));
      }
      closeTok = p.recover("CParen");
      break;
    }
    if (p.peekType() === "CParen") {
      closeTok = p.read();
      break;
    }
  }
  p.popIncludeNewlines();
  return {
    kind: "FunctionCall",
    name: namespaced?.text ?? name.text,
    args: fit(args),
    expandFinal,
    nameRange: namespaced?.range ?? name.range,
    openParenRange: openTok.range,
    closeParenRange: closeTok.range,
    range: rangeBetween(name.range, closeTok.range),
  };
}

function isKeyword(tok: Tok, kw: string): boolean {
  return tok.type === "Ident" && tok.text === kw;
}

function parseTupleCons(p: ParserBase): Expression {
  const open = p.read();
  p.pushIncludeNewlines(false);
  try {
    if (isKeyword(p.peek(), "for")) return finishParsingForExpr(p, open);
    const exprs: Expression[] = [];
    let close: Tok;
    for (;;) {
      if (p.peekType() === "CBrack") {
        close = p.read();
        break;
      }
      const m = p.mark();
      exprs.push(parseExpression(p));
      if (p.recovery && p.failedSince(m)) {
        close = p.recover("CBrack");
        break;
      }
      const next = p.peek();
      if (next.type === "CBrack") {
        close = p.read();
        break;
      }
      if (next.type !== "Comma") {
        if (!p.recovery) {
          if (next.type === "EOF") {
            p.error(
              "Unterminated tuple constructor expression",
              "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.",
              open.range,
            );
          } else {
            p.error("Missing item separator", "Expected a comma to mark the beginning of the next item.", next.range, rangeBetween(open.range, next.range));
          }
        }
        close = p.recover("CBrack");
        break;
      }
      p.read();
    }
    return tupleCons(fit(exprs), open.range, rangeBetween(open.range, close.range));
  } finally {
    p.popIncludeNewlines();
  }
}

function parseObjectCons(p: ParserBase): Expression {
  const open = p.read();
  // `for` expressions are not newline-sensitive, even though object constructors are.
  p.pushIncludeNewlines(false);
  const isFor = isKeyword(p.peek(), "for");
  p.popIncludeNewlines();
  if (isFor) return finishParsingForExpr(p, open);

  p.pushIncludeNewlines(true);
  try {
    const items: ObjectConsItem[] = [];
    let close: Tok;
    for (;;) {
      let next = p.peek();
      if (next.type === "Newline") {
        p.read();
        continue;
      }
      if (next.type === "CBrace") {
        close = p.read();
        break;
      }
      // Parentheses force the key to be an expression rather than a bare name.
      const forceNonLiteral = next.type === "OParen";
      const mk = p.mark();
      const rawKey = parseExpression(p);
      if (p.recovery && p.failedSince(mk)) {
        close = p.recover("CBrace");
        break;
      }
      const key: Expression = objectConsKey(rawKey, forceNonLiteral);
      next = p.peek();
      if (next.type !== "Equal" && next.type !== "Colon") {
        if (!p.recovery) {
          switch (next.type) {
            case "Newline":
            case "Comma":
              p.error("Missing attribute value", 'Expected an attribute value, introduced by an equals sign ("=").', next.range, rangeBetween(open.range, next.range));
              break;
            case "Ident":
              p.error(
                "Missing key/value separator",
                'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
                next.range,
                rangeBetween(open.range, next.range),
              );
              break;
            case "EOF":
              p.error(
                "Unterminated object constructor expression",
                "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
                open.range,
              );
              break;
            default:
              p.error("Missing key/value separator", 'Expected an equals sign ("=") to mark the beginning of the attribute value.', next.range, rangeBetween(open.range, next.range));
          }
        }
        close = p.recover("CBrace");
        break;
      }
      p.read();
      const mv = p.mark();
      const value = parseExpression(p);
      if (p.recovery && p.failedSince(mv)) {
        close = p.recover("CBrace");
        break;
      }
      items.push({ key, value });
      next = p.peek();
      if (next.type === "CBrace") {
        close = p.read();
        break;
      }
      if (next.type !== "Comma" && next.type !== "Newline") {
        if (!p.recovery) {
          if (next.type === "EOF") {
            p.error(
              "Unterminated object constructor expression",
              "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
              open.range,
            );
          } else {
            p.error("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.", next.range, rangeBetween(open.range, next.range));
          }
        }
        close = p.recover("CBrace");
        break;
      }
      p.read();
    }
    return objectCons(fit(items), open.range, rangeBetween(open.range, close.range));
  } finally {
    p.popIncludeNewlines();
  }
}

function finishParsingForExpr(p: ParserBase, open: Tok): Expression {
  p.pushIncludeNewlines(false);
  try {
    p.read(); // `for`
    const makeObj = open.type === "OBrace";
    const closeType: TokenType = makeObj ? "CBrace" : "CBrack";
    const fail = (detail: string): Expression => {
      if (!p.recovery) {
        const at = p.peek().range;
        p.error("Invalid 'for' expression", detail, at, rangeBetween(open.range, at));
      }
      const close = p.recover(closeType);
      return placeholder(rangeBetween(open.range, close.range));
    };
    if (p.peekType() !== "Ident") return fail("For expression requires variable name after 'for'.");
    let keyVar = "";
    let valVar = p.read().text;
    if (p.peekType() === "Comma") {
      keyVar = valVar;
      p.read();
      if (p.peekType() !== "Ident") return fail("For expression requires value variable name after comma.");
      valVar = p.read().text;
    }
    if (!isKeyword(p.peek(), "in")) return fail("For expression requires the 'in' keyword after its name declarations.");
    p.read();
    const mc = p.mark();
    const collExpr = parseExpression(p);
    if (p.recovery && p.failedSince(mc)) {
      const close = p.recover(closeType);
      return placeholder(rangeBetween(open.range, close.range));
    }
    if (p.peekType() !== "Colon") return fail("For expression requires a colon after the collection expression.");
    p.read();
    const mv = p.mark();
    let keyExpr: Expression | undefined;
    let valExpr = parseExpression(p);
    if (p.peekType() === "FatArrow") {
      p.read();
      keyExpr = valExpr;
      valExpr = parseExpression(p);
    }
    if (p.recovery && p.failedSince(mv)) {
      const close = p.recover(closeType);
      return placeholder(rangeBetween(open.range, close.range));
    }
    let group = false;
    let ellipsis: Tok | undefined;
    if (p.peekType() === "Ellipsis") {
      ellipsis = p.read();
      group = true;
    }
    let condExpr: Expression | undefined;
    if (isKeyword(p.peek(), "if")) {
      p.read();
      const mi = p.mark();
      condExpr = parseExpression(p);
      if (p.recovery && p.failedSince(mi)) {
        const close = p.recover(closeType);
        return placeholder(rangeBetween(open.range, close.range));
      }
    }
    let close: Tok;
    if (p.peekType() === closeType) {
      close = p.read();
    } else {
      if (!p.recovery) {
        const at = p.peek().range;
        p.error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", at, rangeBetween(open.range, at));
      }
      close = p.recover(closeType);
    }
    const whole = rangeBetween(open.range, close.range);
    if (!makeObj) {
      if (keyExpr !== undefined) p.error("Invalid 'for' expression", "Key expression is not valid when building a tuple.", keyExpr.range, whole);
      if (group && ellipsis) p.error("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", ellipsis.range, whole);
    } else if (keyExpr === undefined) {
      p.error("Invalid 'for' expression", "Key expression is required when building an object.", valExpr.range, whole);
    }
    return {
      kind: "For",
      keyVar,
      valVar,
      collExpr,
      keyExpr,
      valExpr,
      condExpr,
      group,
      openRange: open.range,
      closeRange: close.range,
      range: whole,
    };
  } finally {
    p.popIncludeNewlines();
  }
}

