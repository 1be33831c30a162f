// Decoding a resource, data source or provider body into one object Value of the schema's implied type,
// evaluating every argument in the given scope and expanding `dynamic` blocks with their for_each (HCL's
// dynblock + hcldec). Unset attributes are null; a dynamic block whose for_each is unknown makes its block
// collection unknown. Recursion follows the schema's nesting, which the provider defines.

import type { SyntaxBody } from "../../lang/body.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { childContext, type EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { convert } from "../../lang/values/convert.js";
import { setVal } from "../../lang/values/set.js";
import {
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  nullVal,
  numberVal,
  objectVal,
  objectValOwning,
  setValEmpty,
  stringVal,
  unknownVal,
  type Value,
} from "../../lang/values/value.js";
import { attributeConfigType, bodySchemaWithDynamicFor, type BlockSpec, type NestedBlockSpec } from "../../config/schema.js";
import { attributesOf, impliedType, nestedBlockType, nestedBlocksOf } from "../../providers/schema.js";
import { expressionReferences } from "../../lang/eval/references.js";
import { pushTo } from "./multimap.js";

export interface Decoded {
  readonly value: Value;
  readonly diags: Diagnostic[];
}

export function decodeBody(body: SyntaxBody, spec: BlockSpec, ctx: EvalContext): Decoded {
  const diags: Diagnostic[] = [];
  const value = decodeBlock(body, spec, ctx, diags);
  return { value, diags };
}

/** Every expression in the body, including inside dynamic blocks, for reference analysis. */
export function bodyExpressions(body: SyntaxBody, spec: BlockSpec): Expression[] {
  const out: Expression[] = [];
  const work: { body: SyntaxBody; spec: BlockSpec }[] = [{ body, spec }];
  while (work.length > 0) {
    const { body: b, spec: s } = work.pop()!;
    const { content } = b.partialContent(bodySchemaWithDynamicFor(s));
    for (const a of content.attributes.values()) out.push(a.expr);
    for (const blk of content.blocks) {
      if (blk.type === "dynamic") {
        const nested = s.blocks?.[blk.labels[0] ?? ""];
        const dyn = blk.body.partialContent({ attributes: [{ name: "for_each" }, { name: "iterator" }, { name: "labels" }], blocks: [{ type: "content" }] });
        for (const [name, a] of dyn.content.attributes) if (name !== "iterator") out.push(a.expr);
        if (nested) for (const c of dyn.content.blocks) work.push({ body: c.body, spec: nested.block });
        continue;
      }
      const nested = s.blocks?.[blk.type];
      if (nested) work.push({ body: blk.body, spec: nested.block });
    }
  }
  return out;
}

/** The name a dynamic block's iterator is bound to: the `iterator` argument (a bare name) or the block type. */
function iteratorName(expr: Expression | undefined, fallback: string): string {
  if (expr === undefined) return fallback;
  const refs = expressionReferences(expr);
  const root = refs[0]?.[0];
  return root?.kind === "root" ? root.name : fallback;
}

interface BlockInstance {
  readonly body: SyntaxBody;
  readonly ctx: EvalContext;
  readonly labels: readonly string[];
}

function decodeBlock(body: SyntaxBody, spec: BlockSpec, ctx: EvalContext, diags: Diagnostic[]): Value {
  const { content, diags: d } = body.content(bodySchemaWithDynamicFor(spec));
  diags.push(...d);
  const out = new Map<string, Value>();
  // The schema's cached entries and indexed loops: this runs once per instance, much of it before V8 has
  // optimised it, where Object.entries and for-of make objects per call and per step.
  const attrs = attributesOf(spec);
  for (let i = 0; i < attrs.length; i++) {
    const [name, a] = attrs[i]!;
    const attr = content.attributes.get(name);
    if (attr === undefined) {
      out.set(name, nullVal(a.type));
      continue;
    }
    const ev = evaluate(attr.expr, ctx);
    diags.push(...ev.diags);
    if (hasErrors(ev.diags)) {
      out.set(name, unknownVal(a.type));
      continue;
    }
    // A nested type's optional attributes may be left out: converted to its configuration type, they are null.
    const conv = convert(ev.value, attributeConfigType(a));
    if (!conv.ok) {
      diags.push(errorDiag("Incorrect attribute value type", `Inappropriate value for attribute "${name}": ${conv.message}.`, attr.expr.range, attr.range));
      out.set(name, unknownVal(a.type));
      continue;
    }
    out.set(name, conv.value);
  }
  const nested = nestedBlocksOf(spec);
  if (nested.length === 0 && content.blocks.length === 0) return objectValOwning(inKeyOrder(out, spec));
  const instances = new Map<string, BlockInstance[]>();
  const unknownBlocks = new Set<string>();
  for (const blk of content.blocks) {
    if (blk.type !== "dynamic") {
      pushTo(instances, blk.type, { body: blk.body, ctx, labels: blk.labels });
      continue;
    }
    const target = blk.labels[0] ?? "";
    if (spec.blocks?.[target] === undefined) {
      diags.push(errorDiag("Unsupported block type", `Blocks of type "${target}" are not expected here.`, blk.labelRanges[0]));
      continue;
    }
    const dyn = blk.body.content({ attributes: [{ name: "for_each", required: true }, { name: "iterator" }, { name: "labels" }], blocks: [{ type: "content" }] });
    diags.push(...dyn.diags);
    const forEachAttr = dyn.content.attributes.get("for_each");
    const contentBlock = dyn.content.blocks[0];
    if (forEachAttr === undefined || contentBlock === undefined) continue;
    const fe = evaluate(forEachAttr.expr, ctx);
    diags.push(...fe.diags);
    if (hasErrors(fe.diags)) continue;
    const [coll] = fe.value.unmarkDeep();
    if (!coll.isKnown()) {
      unknownBlocks.add(target);
      continue;
    }
    if (coll.isNull() || !(Array.isArray(coll.raw) || coll.raw instanceof Map)) {
      diags.push(errorDiag("Invalid dynamic for_each value", `Cannot use a ${coll.isNull() ? "null value" : coll.type.kind} in for_each. An iterable collection is required.`, forEachAttr.expr.range));
      continue;
    }
    const iter = iteratorName(dyn.content.attributes.get("iterator")?.expr, target);
    const pairs: [Value, Value][] = Array.isArray(coll.raw)
      ? (fe.value.unmark().asElements()).map((v, i) => [coll.type.kind === "set" ? v : numberVal(i), v])
      : [...fe.value.unmark().asEntries()].map(([k, v]) => [stringVal(k), v]);
    for (const [k, v] of pairs) {
      const child = childContext(ctx, new Map([[iter, objectVal({ key: k, value: v })]]));
      let labels: string[] = [];
      const labelsAttr = dyn.content.attributes.get("labels");
      if (labelsAttr !== undefined) {
        const lv = evaluate(labelsAttr.expr, child);
        diags.push(...lv.diags);
        if (!hasErrors(lv.diags) && lv.value.isWhollyKnown() && Array.isArray(lv.value.unmarkDeep()[0].raw)) {
          labels = lv.value.unmarkDeep()[0].asElements().map((x) => (x.type.kind === "string" ? x.asString() : ""));
        }
      }
      pushTo(instances, target, { body: contentBlock.body, ctx: child, labels });
    }
  }
  for (const [name, nb] of nested) {
    if (unknownBlocks.has(name)) {
      out.set(name, unknownVal(nestedBlockType(nb)));
      continue;
    }
    out.set(name, nestedValue(nb, instances.get(name) ?? [], diags));
  }
  return objectValOwning(inKeyOrder(out, spec));
}

const keyOrders = new WeakMap<BlockSpec, readonly string[]>();

/**
 * `out` (every attribute and block of `spec`, in the schema's order, which is the order diagnostics come in)
 * rebuilt in the object's key order directly, without the generic sort of pairs.
 */
function inKeyOrder(out: Map<string, Value>, spec: BlockSpec): Map<string, Value> {
  let order = keyOrders.get(spec);
  if (order === undefined) {
    const names = [...Object.keys(spec.attributes ?? {}), ...Object.keys(spec.blocks ?? {})];
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    keyOrders.set(spec, (order = sorted.every((n, i) => n === names[i]) ? [] : sorted));
  }
  if (order.length === 0 || order.length !== out.size) return out;
  const sorted = new Map<string, Value>();
  for (const name of order) sorted.set(name, out.get(name)!);
  return sorted;
}

function nestedValue(nb: NestedBlockSpec, blocks: readonly BlockInstance[], diags: Diagnostic[]): Value {
  const objType = impliedType(nb.block);
  const decoded = blocks.map((b) => decodeBlock(b.body, nb.block, b.ctx, diags));
  switch (nb.nesting) {
    case "single":
    case "group":
      return decoded[0] ?? (nb.nesting === "group" ? decodeEmptyGroup(nb) : nullVal(objType));
    case "list":
      return decoded.length === 0 ? listValEmpty(objType) : listVal(decoded);
    case "set":
      return decoded.length === 0 ? setValEmpty(objType) : setVal(decoded);
    case "map": {
      if (decoded.length === 0) return mapValEmpty(objType);
      const m = new Map<string, Value>();
      blocks.forEach((b, i) => m.set(b.labels[0] ?? "", decoded[i]!));
      return mapVal(m);
    }
  }
}

/** A `group` block that is absent decodes as an object of nulls, as Terraform's NestingGroup does. */
function decodeEmptyGroup(nb: NestedBlockSpec): Value {
  const out = new Map<string, Value>();
  for (const [name, a] of Object.entries(nb.block.attributes ?? {})) out.set(name, nullVal(a.type));
  for (const [name, inner] of Object.entries(nb.block.blocks ?? {})) out.set(name, nullVal(nestedBlockType(inner)));
  return objectValOwning(out);
}
