// Decoding a body with a spec (hcldec.Decode) and listing the references it would evaluate
// (hcldec.Variables), with hcldec's diagnostics: attribute type errors, duplicate, missing, too few or too
// many blocks, inconsistent block types.

import { errorDiag, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { BodyContent, ContentBlock, SyntaxBody } from "../body.js";
import { childContext, type EvalContext } from "../eval/context.js";
import { evaluate } from "../eval/evaluate.js";
import { expressionReferences } from "../eval/references.js";
import { goQuote } from "../funcs/helpers.js";
import { rangeBetween, type Range } from "../pos.js";
import { rangeString } from "../pos.js";
import type { Traversal } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { setVal } from "../values/set.js";
import { listOf, type Type } from "../values/types.js";
import { unifyTypes } from "../values/unify.js";
import {
  DynamicVal,
  Value,
  listValEmpty,
  mapValEmpty,
  nullVal,
  objectVal,
  setValEmpty,
  tupleVal,
  unknownVal,
} from "../values/value.js";
import { impliedSchema, impliedType, sameBodyChildren, type Spec } from "./spec.js";

/** Decodes `body` with `spec` in `ctx`: every item of the body must be claimed by the spec. */
export function decode(body: SyntaxBody, spec: Spec, ctx: EvalContext | undefined): { value: Value; diags: Diagnostic[] } {
  const { content, diags } = body.content(impliedSchema(spec));
  const value = decodeContent(spec, content, ctx, diags);
  return { value, diags };
}

/** The type of the value `spec` decodes to. */
export function specType(spec: Spec): Type {
  return impliedType(spec, transformType);
}

// TransformExprSpec.impliedType: the transform evaluated on an unknown of the wrapped type.
function transformType(s: Extract<Spec, { kind: "transform" }>): Type {
  const wrapped = unknownVal(specType(s.wrapped));
  return evaluate(s.expr, childContext(s.ctx, new Map([[s.varName, wrapped]]))).value.type;
}

function decodeContent(spec: Spec, content: BodyContent, ctx: EvalContext | undefined, diags: Diagnostic[]): Value {
  switch (spec.kind) {
    case "object": {
      const vals = new Map<string, Value>();
      for (const [k, s] of spec.attrs) vals.set(k, decodeContent(s, content, ctx, diags));
      return objectVal(vals);
    }
    case "tuple":
      return tupleVal(spec.elems.map((s) => decodeContent(s, content, ctx, diags)));
    case "literal":
      return spec.value;
    case "expr": {
      const r = evaluate(spec.expr, ctx);
      diags.push(...r.diags);
      return r.value;
    }
    case "attr":
      return decodeAttr(spec, content, ctx, diags);
    case "block":
      return decodeBlock(spec, content, ctx, diags);
    case "block_list":
    case "block_set":
      return decodeBlockSequence(spec, content, ctx, diags);
    case "block_map":
      return decodeBlockMap(spec, content, ctx, diags);
    case "block_attrs":
      return decodeBlockAttrs(spec, content, ctx, diags);
    case "default": {
      const v = decodeContent(spec.primary, content, ctx, diags);
      return v.isNull() ? decodeContent(spec.fallback, content, ctx, diags) : v;
    }
    case "transform": {
      const inner: Diagnostic[] = [];
      const wrapped = decodeContent(spec.wrapped, content, ctx, inner);
      diags.push(...inner);
      if (hasErrors(inner)) return unknownVal(specType(spec));
      const r = evaluate(spec.expr, childContext(spec.ctx, new Map([[spec.varName, wrapped]])));
      diags.push(...r.diags);
      return r.value;
    }
  }
}

function decodeAttr(
  spec: Extract<Spec, { kind: "attr" }>,
  content: BodyContent,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
): Value {
  const attr = content.attributes.get(spec.name);
  if (attr === undefined) return nullVal(spec.type);
  const r = evaluate(attr.expr, ctx);
  diags.push(...r.diags);
  const c = convert(r.value, spec.type);
  if (c.ok) return c.value;
  diags.push(
    errorDiag(
      "Incorrect attribute value type",
      `Inappropriate value for attribute ${goQuote(spec.name)}: ${c.message}.`,
      attr.expr.range,
      rangeBetween(attr.nameRange, attr.expr.range),
    ),
  );
  return unknownVal(spec.type);
}

function blocksOfType(content: BodyContent, typeName: string): ContentBlock[] {
  return content.blocks.filter((b) => b.type === typeName);
}

/** The nested value of one block: its body decoded with the nested spec. */
function decodeChild(block: ContentBlock, nested: Spec, ctx: EvalContext | undefined, diags: Diagnostic[]): Value {
  const r = decode(block.body, nested, ctx);
  diags.push(...r.diags);
  return r.value;
}

// hcldec's sourceRange: where a block's decoded value came from, for diagnostics about the whole value.
function blockSourceRange(block: ContentBlock, nested: Spec): Range {
  const { content } = block.body.partialContent(impliedSchema(nested));
  return specSourceRange(nested, content);
}

function specSourceRange(spec: Spec, content: BodyContent): Range {
  switch (spec.kind) {
    case "attr": {
      const attr = content.attributes.get(spec.name);
      return attr === undefined ? content.missingItemRange : attr.expr.range;
    }
    case "literal":
      return { filename: "<unknown>", start: { line: 0, column: 0, byte: 0 }, end: { line: 0, column: 0, byte: 0 } };
    case "expr":
      return spec.expr.range;
    case "block":
    case "block_list":
    case "block_set":
    case "block_map": {
      const first = blocksOfType(content, spec.typeName)[0];
      return first === undefined ? content.missingItemRange : blockSourceRange(first, spec.nested);
    }
    case "block_attrs": {
      const first = blocksOfType(content, spec.typeName)[0];
      return first === undefined ? content.missingItemRange : first.defRange;
    }
    case "default":
      return specSourceRange(spec.primary, content);
    case "transform":
      return specSourceRange(spec.wrapped, content);
    default:
      return content.missingItemRange;
  }
}

function decodeBlock(
  spec: Extract<Spec, { kind: "block" }>,
  content: BodyContent,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
): Value {
  const found = blocksOfType(content, spec.typeName);
  const first = found[0];
  if (found.length > 1) {
    diags.push(
      errorDiag(
        `Duplicate ${spec.typeName} block`,
        `Only one block of type ${goQuote(spec.typeName)} is allowed. Previous definition was at ${rangeString(first!.defRange)}.`,
        found[1]!.defRange,
      ),
    );
  }
  if (first === undefined) {
    if (spec.required) {
      diags.push(
        errorDiag(
          `Missing ${spec.typeName} block`,
          `A block of type ${goQuote(spec.typeName)} is required here.`,
          content.missingItemRange,
        ),
      );
    }
    return nullVal(specType(spec.nested));
  }
  return decodeChild(first, spec.nested, ctx, diags);
}

function decodeBlockSequence(
  spec: Extract<Spec, { kind: "block_list" | "block_set" }>,
  content: BodyContent,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
): Value {
  const elems: Value[] = [];
  const ranges: Range[] = [];
  for (const block of blocksOfType(content, spec.typeName)) {
    elems.push(decodeChild(block, spec.nested, ctx, diags));
    ranges.push(blockSourceRange(block, spec.nested));
  }
  if (elems.length < spec.minItems) {
    diags.push(
      errorDiag(
        `Insufficient ${spec.typeName} blocks`,
        `At least ${spec.minItems} ${goQuote(spec.typeName)} blocks are required.`,
        content.missingItemRange,
      ),
    );
  } else if (spec.maxItems > 0 && elems.length > spec.maxItems) {
    diags.push(
      errorDiag(
        `Too many ${spec.typeName} blocks`,
        `No more than ${spec.maxItems} ${goQuote(spec.typeName)} blocks are allowed`,
        ranges[spec.maxItems],
      ),
    );
  }
  const ety = specType(spec.nested);
  if (elems.length === 0) return spec.kind === "block_list" ? listValEmpty(ety) : setValEmpty(ety);

  const unified = unifyTypes(elems.map((v) => v.type));
  if (unified === undefined) {
    diags.push(
      errorDiag(
        `Unconsistent argument types in ${spec.typeName} blocks`,
        "Corresponding attributes in all blocks of this type must be the same.",
        ranges[0],
      ),
    );
    return DynamicVal;
  }
  const converted: Value[] = [];
  for (let i = 0; i < elems.length; i++) {
    const c = convert(elems[i]!, unified);
    if (!c.ok) {
      diags.push(
        errorDiag(
          `Unconsistent argument types in ${spec.typeName} blocks`,
          `Block with index ${i} has inconsistent argument types: ${c.message}.`,
          ranges[i],
        ),
      );
      return DynamicVal;
    }
    converted.push(c.value);
  }
  return spec.kind === "block_list" ? new Value(listOf(unified), converted) : setVal(converted);
}

type Nested = Map<string, Nested | Value>;

function decodeBlockMap(
  spec: Extract<Spec, { kind: "block_map" }>,
  content: BodyContent,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
): Value {
  const root: Nested = new Map();
  const depth = spec.labelNames.length;
  for (const block of blocksOfType(content, spec.typeName)) {
    const val = decodeChild(block, spec.nested, ctx, diags);
    let target = root;
    for (const key of block.labels.slice(0, depth - 1)) {
      let next = target.get(key);
      if (next === undefined) {
        next = new Map();
        target.set(key, next);
      }
      target = next as Nested;
    }
    const key = block.labels[depth - 1]!;
    if (target.has(key)) {
      const labels = block.labels.map((l) => ` ${goQuote(l)}`).join("");
      diags.push(
        errorDiag(
          `Duplicate ${spec.typeName} block`,
          `A block for ${spec.typeName}${labels} was already defined. The ${spec.typeName} labels must be unique.`,
          block.defRange,
        ),
      );
      continue;
    }
    target.set(key, val);
  }
  if (root.size === 0) return mapValEmpty(specType(spec.nested));
  return toMapValue(root, depth);
}

function toMapValue(raw: Nested, depth: number): Value {
  const entries = new Map<string, Value>();
  for (const [k, v] of raw) entries.set(k, depth === 1 ? (v as Value) : toMapValue(v as Nested, depth - 1));
  const sorted = [...entries.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const first = sorted[0]![1];
  return new Value({ kind: "map", elem: first.type }, new Map(sorted));
}

function decodeBlockAttrs(
  spec: Extract<Spec, { kind: "block_attrs" }>,
  content: BodyContent,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
): Value {
  const found = blocksOfType(content, spec.typeName);
  const block = found[0];
  if (block === undefined) {
    if (spec.required) {
      diags.push(
        errorDiag(
          `Missing ${spec.typeName} block`,
          `A block of type ${goQuote(spec.typeName)} is required here.`,
          content.missingItemRange,
        ),
      );
    }
    return nullVal({ kind: "map", elem: spec.elementType });
  }
  if (found.length > 1) {
    diags.push(
      errorDiag(
        `Duplicate ${spec.typeName} block`,
        `Only one block of type ${goQuote(spec.typeName)} is allowed. Previous definition was at ${rangeString(block.defRange)}.`,
        found[1]!.defRange,
      ),
    );
  }
  const { attributes, diags: attrDiags } = block.body.justAttributes();
  diags.push(...attrDiags);
  if (attributes.size === 0) return mapValEmpty(spec.elementType);
  const vals: [string, Value][] = [];
  for (const [name, attr] of attributes) {
    const r = evaluate(attr.expr, ctx);
    diags.push(...r.diags);
    const c = convert(r.value, spec.elementType);
    if (c.ok) vals.push([name, c.value]);
    else {
      diags.push(
        errorDiag(
          "Invalid attribute value",
          `Invalid value for attribute of ${goQuote(spec.typeName)} block: ${c.message}.`,
          attr.expr.range,
          rangeBetween(attr.nameRange, attr.expr.range),
        ),
      );
      vals.push([name, unknownVal(spec.elementType)]);
    }
  }
  vals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Value({ kind: "map", elem: spec.elementType }, new Map(vals));
}

/** The references `spec` would evaluate in `body` (hcldec.Variables). */
export function specVariables(body: SyntaxBody, spec: Spec): Traversal[] {
  const { content } = body.partialContent(impliedSchema(spec));
  const out: Traversal[] = [];
  const visit = (s: Spec): void => {
    out.push(...variablesNeeded(s, content));
    for (const c of sameBodyChildren(s)) visit(c);
  };
  visit(spec);
  return out;
}

function variablesNeeded(spec: Spec, content: BodyContent): readonly Traversal[] {
  switch (spec.kind) {
    case "attr": {
      const attr = content.attributes.get(spec.name);
      return attr === undefined ? [] : expressionReferences(attr.expr);
    }
    case "expr":
      return expressionReferences(spec.expr);
    case "block": {
      const first = blocksOfType(content, spec.typeName)[0];
      return first === undefined ? [] : specVariables(first.body, spec.nested);
    }
    case "block_list":
    case "block_set":
    case "block_map":
      return blocksOfType(content, spec.typeName).flatMap((b) => specVariables(b.body, spec.nested));
    default:
      return [];
  }
}

