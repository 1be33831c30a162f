// Compact AST nodes for the kinds a configuration is mostly made of (attributes, blocks, bodies, literals,
// references, templates, tuples and objects). They implement the interfaces of ast.ts, but keep each range
// as two byte offsets into the file's SourceMap and make the `Range` object when a range is read (a getter:
// consumers see the same `node.range.start.line` as before). A 1.3 MB configuration has some 300,000 ranges;
// as separate objects they were the largest part of the AST and of the garbage collector's work.
//
// Each factory falls back to a plain object when it is handed a range that is not a SourceRange (nothing in
// the native parser makes those, but the AST contract must not depend on it). Nodes are never mutated after
// the parser returns them; `ScopeTraversalNode.extend` is the parser's own step-by-step construction.

import { SourceRange, type Range, type SourceMap } from "../pos.js";
import type { Value } from "../values/value.js";
import type {
  Attribute,
  Block,
  Body,
  Expression,
  LiteralValueExpr,
  ObjectConsExpr,
  ObjectConsItem,
  ObjectConsKeyExpr,
  ScopeTraversalExpr,
  TemplateExpr,
  TemplateWrapExpr,
  Traversal,
  Traverser,
  TraverseAttr,
  TraverseIndex,
  TraverseRoot,
  TupleConsExpr,
} from "./ast.js";

class LiteralNode implements LiteralValueExpr {
  readonly kind = "LiteralValue" as const;
  constructor(
    readonly value: Value,
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

export function literalNode(value: Value, range: Range): LiteralValueExpr {
  if (range instanceof SourceRange) return new LiteralNode(value, range.map, range.startByte, range.endByte);
  return { kind: "LiteralValue", value, range };
}

class RootNode implements TraverseRoot {
  readonly kind = "root" as const;
  constructor(
    readonly name: string,
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

class AttrNode implements TraverseAttr {
  readonly kind = "attr" as const;
  constructor(
    readonly name: string,
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

class IndexNode implements TraverseIndex {
  readonly kind = "index" as const;
  constructor(
    readonly key: Value,
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

export function rootStep(name: string, range: Range): TraverseRoot {
  if (range instanceof SourceRange) return new RootNode(name, range.map, range.startByte, range.endByte);
  return { kind: "root", name, range };
}

export function attrStep(name: string, range: Range): TraverseAttr {
  if (range instanceof SourceRange) return new AttrNode(name, range.map, range.startByte, range.endByte);
  return { kind: "attr", name, range };
}

export function indexStep(key: Value, range: Range): TraverseIndex {
  if (range instanceof SourceRange) return new IndexNode(key, range.map, range.startByte, range.endByte);
  return { kind: "index", key, range };
}

export class ScopeTraversalNode implements ScopeTraversalExpr {
  readonly kind = "ScopeTraversal" as const;
  constructor(
    public traversal: Traversal,
    private readonly m: SourceMap,
    private s: number,
    private e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
  /** Parser only: appends a step (the list is replaced by one of exactly the new length). */
  extend(step: Traverser, r: SourceRange): void {
    const t = this.traversal;
    // Array literals have exactly their length as capacity (push would leave room for 17 steps).
    switch (t.length) {
      case 1:
        this.traversal = [t[0]!, step];
        break;
      case 2:
        this.traversal = [t[0]!, t[1]!, step];
        break;
      case 3:
        this.traversal = [t[0]!, t[1]!, t[2]!, step];
        break;
      default:
        this.traversal = t.concat(step);
    }
    if (r.startByte < this.s) this.s = r.startByte;
    if (r.endByte > this.e) this.e = r.endByte;
  }
  canExtend(r: Range): r is SourceRange {
    return r instanceof SourceRange && r.map === this.m;
  }
}

export function scopeTraversal(root: TraverseRoot, range: Range): ScopeTraversalExpr {
  if (range instanceof SourceRange) return new ScopeTraversalNode([root], range.map, range.startByte, range.endByte);
  return { kind: "ScopeTraversal", traversal: [root], range };
}

class TemplateNode implements TemplateExpr {
  readonly kind = "Template" as const;
  constructor(
    readonly parts: readonly Expression[],
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

class TemplateWrapNode implements TemplateWrapExpr {
  readonly kind = "TemplateWrap" as const;
  constructor(
    readonly wrapped: Expression,
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
  ) {}
  get range(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
}

export function templateNode(parts: readonly Expression[], range: Range): TemplateExpr {
  if (range instanceof SourceRange) return new TemplateNode(parts, range.map, range.startByte, range.endByte);
  return { kind: "Template", parts, range };
}

export function templateWrapNode(wrapped: Expression, range: Range): TemplateWrapExpr {
  if (range instanceof SourceRange) return new TemplateWrapNode(wrapped, range.map, range.startByte, range.endByte);
  return { kind: "TemplateWrap", wrapped, range };
}

class ObjectConsKeyNode implements ObjectConsKeyExpr {
  readonly kind = "ObjectConsKey" as const;
  constructor(
    readonly wrapped: Expression,
    readonly forceNonLiteral: boolean,
  ) {}
  /** The key's range is its expression's. */
  get range(): Range {
    return this.wrapped.range;
  }
}

export function objectConsKey(wrapped: Expression, forceNonLiteral: boolean): ObjectConsKeyExpr {
  return new ObjectConsKeyNode(wrapped, forceNonLiteral);
}

/** Tuple and object constructors: an opening bracket and the whole range. */
class TupleConsNode implements TupleConsExpr {
  readonly kind = "TupleCons" as const;
  constructor(
    readonly exprs: readonly Expression[],
    private readonly m: SourceMap,
    private readonly os: number,
    private readonly oe: number,
    private readonly e: number,
  ) {}
  get openRange(): Range {
    return new SourceRange(this.m, this.os, this.oe);
  }
  get range(): Range {
    return new SourceRange(this.m, this.os, this.e);
  }
}

class ObjectConsNode implements ObjectConsExpr {
  readonly kind = "ObjectCons" as const;
  constructor(
    readonly items: readonly ObjectConsItem[],
    private readonly m: SourceMap,
    private readonly os: number,
    private readonly oe: number,
    private readonly e: number,
  ) {}
  get openRange(): Range {
    return new SourceRange(this.m, this.os, this.oe);
  }
  get range(): Range {
    return new SourceRange(this.m, this.os, this.e);
  }
}

/** True when `range` is exactly `open` extended to some later end, so that it needs only that end. */
function opensRange(open: Range, range: Range): open is SourceRange {
  return (
    open instanceof SourceRange &&
    range instanceof SourceRange &&
    open.map === range.map &&
    range.startByte === open.startByte &&
    range.endByte >= open.endByte
  );
}

export function tupleCons(exprs: readonly Expression[], openRange: Range, range: Range): TupleConsExpr {
  if (opensRange(openRange, range)) return new TupleConsNode(exprs, openRange.map, openRange.startByte, openRange.endByte, (range as SourceRange).endByte);
  return { kind: "TupleCons", exprs, openRange, range };
}

export function objectCons(items: readonly ObjectConsItem[], openRange: Range, range: Range): ObjectConsExpr {
  if (opensRange(openRange, range)) return new ObjectConsNode(items, openRange.map, openRange.startByte, openRange.endByte, (range as SourceRange).endByte);
  return { kind: "ObjectCons", items, openRange, range };
}

class AttributeNode implements Attribute {
  readonly kind = "Attribute" as const;
  constructor(
    readonly name: string,
    readonly expr: Expression,
    private readonly m: SourceMap,
    /** The name's start and end, the equals sign's start (it is one byte), the end of the whole attribute. */
    private readonly ns: number,
    private readonly ne: number,
    private readonly es: number,
    private readonly re: number,
  ) {}
  get nameRange(): Range {
    return new SourceRange(this.m, this.ns, this.ne);
  }
  get equalsRange(): Range {
    return new SourceRange(this.m, this.es, this.es + 1);
  }
  get range(): Range {
    return new SourceRange(this.m, this.ns, this.re);
  }
}

/** An attribute whose expression is parsed the first time it is read (lang/syntax/deferred-expr.ts). */
class DeferredAttributeNode implements Attribute {
  readonly kind = "Attribute" as const;
  #expr: Expression | undefined;
  #source: { expressionAt(tokenIndex: number): Expression } | undefined;
  constructor(
    readonly name: string,
    source: { expressionAt(tokenIndex: number): Expression },
    private readonly at: number,
    private readonly m: SourceMap,
    private readonly ns: number,
    private readonly ne: number,
    private readonly es: number,
    private readonly re: number,
  ) {
    this.#source = source;
  }
  get expr(): Expression {
    if (this.#expr === undefined) {
      this.#expr = this.#source!.expressionAt(this.at);
      // The file's tokens are needed no longer by this attribute.
      this.#source = undefined;
    }
    return this.#expr;
  }
  get nameRange(): Range {
    return new SourceRange(this.m, this.ns, this.ne);
  }
  get equalsRange(): Range {
    return new SourceRange(this.m, this.es, this.es + 1);
  }
  get range(): Range {
    return new SourceRange(this.m, this.ns, this.re);
  }
}

/** attributeNodeAt for an expression starting at token `at` of `source`'s file, parsed when first read. */
export function deferredAttributeNodeAt(
  name: string,
  source: { expressionAt(tokenIndex: number): Expression },
  at: number,
  m: SourceMap,
  nameStart: number,
  nameEnd: number,
  equalsStart: number,
  end: number,
): Attribute {
  return new DeferredAttributeNode(name, source, at, m, nameStart, nameEnd, equalsStart, end);
}

/** An attribute from `name = expr` given by byte offsets: the name, the equals sign, the end of the expression. */
export function attributeNodeAt(name: string, expr: Expression, m: SourceMap, nameStart: number, nameEnd: number, equalsStart: number, end: number): Attribute {
  return new AttributeNode(name, expr, m, nameStart, nameEnd, equalsStart, end > nameEnd ? end : nameEnd);
}

export function attributeNode(name: string, expr: Expression, nameRange: Range, equalsRange: Range, range: Range): Attribute {
  if (nameRange instanceof SourceRange && equalsRange instanceof SourceRange && range instanceof SourceRange) {
    const m = nameRange.map;
    if (
      equalsRange.map === m &&
      range.map === m &&
      equalsRange.endByte === equalsRange.startByte + 1 &&
      range.startByte === nameRange.startByte
    ) {
      return new AttributeNode(name, expr, m, nameRange.startByte, nameRange.endByte, equalsRange.startByte, range.endByte);
    }
  }
  return { kind: "Attribute", name, expr, nameRange, equalsRange, range };
}

class BlockNode implements Block {
  readonly kind = "Block" as const;
  constructor(
    readonly type: string,
    readonly labels: readonly string[],
    readonly body: Body,
    private readonly m: SourceMap,
    /** Type name start and end (the block's range starts there too). */
    private readonly ts: number,
    private readonly te: number,
    /** Start and end of the first two labels' ranges; further labels in `more` (start, end, ...). */
    private readonly l0s: number,
    private readonly l0e: number,
    private readonly l1s: number,
    private readonly l1e: number,
    private readonly more: readonly number[] | null,
    /** Opening brace start (one byte), closing brace start and end, end of the block. */
    private readonly os: number,
    private readonly cs: number,
    private readonly ce: number,
    private readonly re: number,
  ) {}
  get typeRange(): Range {
    return new SourceRange(this.m, this.ts, this.te);
  }
  get labelRanges(): readonly Range[] {
    const n = this.labels.length;
    const out: Range[] = [];
    if (n > 0) out.push(new SourceRange(this.m, this.l0s, this.l0e));
    if (n > 1) out.push(new SourceRange(this.m, this.l1s, this.l1e));
    const more = this.more;
    if (more !== null) for (let i = 0; i < more.length; i += 2) out.push(new SourceRange(this.m, more[i]!, more[i + 1]!));
    return out;
  }
  get openBraceRange(): Range {
    return new SourceRange(this.m, this.os, this.os + 1);
  }
  get closeBraceRange(): Range {
    return new SourceRange(this.m, this.cs, this.ce);
  }
  get range(): Range {
    return new SourceRange(this.m, this.ts, this.re);
  }
}

export function blockNode(
  type: string,
  labels: readonly string[],
  body: Body,
  typeRange: Range,
  labelRanges: readonly Range[],
  openBraceRange: Range,
  closeBraceRange: Range,
  range: Range,
): Block {
  const m = typeRange instanceof SourceRange ? typeRange.map : undefined;
  const same = (r: Range): r is SourceRange => r instanceof SourceRange && r.map === m;
  if (
    m !== undefined &&
    labels.length === labelRanges.length &&
    labelRanges.every(same) &&
    same(openBraceRange) &&
    openBraceRange.endByte === openBraceRange.startByte + 1 &&
    same(closeBraceRange) &&
    same(range) &&
    range.startByte === (typeRange as SourceRange).startByte
  ) {
    const t = typeRange as SourceRange;
    const lr = labelRanges as readonly SourceRange[];
    let more: number[] | null = null;
    if (lr.length > 2) {
      more = [];
      for (let i = 2; i < lr.length; i++) more.push(lr[i]!.startByte, lr[i]!.endByte);
      more = more.slice();
    }
    return new BlockNode(
      type,
      labels,
      body,
      m,
      t.startByte,
      t.endByte,
      lr.length > 0 ? lr[0]!.startByte : 0,
      lr.length > 0 ? lr[0]!.endByte : 0,
      lr.length > 1 ? lr[1]!.startByte : 0,
      lr.length > 1 ? lr[1]!.endByte : 0,
      more,
      openBraceRange.startByte,
      closeBraceRange.startByte,
      closeBraceRange.endByte,
      range.endByte,
    );
  }
  return { kind: "Block", type, labels, body, typeRange, labelRanges, openBraceRange, closeBraceRange, range };
}

/**
 * blockNode for the parser, given by byte offsets in `m`: the type name, the first two labels' start and end
 * (further ones as start, end pairs in `more`, null when there are at most two), the opening brace, the
 * closing brace (the block's range runs from the type name to it).
 */
export function blockNodeOffsets(
  type: string,
  labels: readonly string[],
  body: Body,
  m: SourceMap,
  typeStart: number,
  typeEnd: number,
  l0s: number,
  l0e: number,
  l1s: number,
  l1e: number,
  more: readonly number[] | null,
  openStart: number,
  closeStart: number,
  closeEnd: number,
): Block {
  const end = closeEnd > typeEnd ? closeEnd : typeEnd;
  return new BlockNode(type, labels, body, m, typeStart, typeEnd, l0s, l0e, l1s, l1e, more === null ? null : more.slice(), openStart, closeStart, closeEnd, end);
}

class BodyNode implements Body {
  readonly kind = "Body" as const;
  // Built on first read: a body's consumers mostly iterate `items`, and one Map and one array per body
  // were a tenth of the AST.
  #attributes: ReadonlyMap<string, Attribute> | undefined;
  #blocks: readonly Block[] | undefined;
  constructor(
    readonly items: readonly (Attribute | Block)[],
    private readonly m: SourceMap,
    private readonly s: number,
    private readonly e: number,
    private readonly es: number,
    private readonly ee: number,
  ) {}
  get attributes(): ReadonlyMap<string, Attribute> {
    return (this.#attributes ??= attributesOf(this.items));
  }
  get blocks(): readonly Block[] {
    return (this.#blocks ??= blocksOf(this.items));
  }
  get srcRange(): Range {
    return new SourceRange(this.m, this.s, this.e);
  }
  get endRange(): Range {
    return new SourceRange(this.m, this.es, this.ee);
  }
}

/** Attributes by name, in source order; `items` holds each name once (the parser drops redefinitions). */
function attributesOf(items: readonly (Attribute | Block)[]): Map<string, Attribute> {
  const out = new Map<string, Attribute>();
  for (const it of items) if (it.kind === "Attribute" && !out.has(it.name)) out.set(it.name, it);
  return out;
}

/** The blocks of every body that has none (most resource bodies): one shared empty list. */
const noBlocks: readonly Block[] = Object.freeze([]);

function blocksOf(items: readonly (Attribute | Block)[]): readonly Block[] {
  let n = 0;
  for (let i = 0; i < items.length; i++) if (items[i]!.kind === "Block") n++;
  if (n === 0) return noBlocks;
  if (n === items.length) return items as readonly Block[];
  const out: Block[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === "Block") out.push(it);
  }
  return out.slice();
}

/** bodyNode with the body's range and its end range given by byte offsets in `m`. */
export function bodyNodeAt(items: readonly (Attribute | Block)[], m: SourceMap, start: number, end: number, endStart: number, endEnd: number): Body {
  return new BodyNode(items, m, start, end, endStart, endEnd);
}

/** A body of the given items (attributes with distinct names, and blocks, in source order). */
export function bodyNode(items: readonly (Attribute | Block)[], srcRange: Range, endRange: Range): Body {
  if (srcRange instanceof SourceRange && endRange instanceof SourceRange && srcRange.map === endRange.map) {
    return new BodyNode(items, srcRange.map, srcRange.startByte, srcRange.endByte, endRange.startByte, endRange.endByte);
  }
  return { kind: "Body", attributes: attributesOf(items), blocks: blocksOf(items), items, srcRange, endRange };
}
