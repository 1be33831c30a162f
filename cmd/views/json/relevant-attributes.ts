// `relevant_attributes`: the resource attributes that contribute to the planned changes (Terraform's
// globalref.ContributingResourceReferences), which tools use to tell relevant drift from noise. For every
// changed resource, the references in its configuration are followed through local values to the resource
// attributes they end at. Cairn plans the root module only, so locals are the only indirection there is.

import { LocalValue } from "../../../addrs/named-values.js";
import { referenceFromTraversal, type Reference } from "../../../addrs/reference.js";
import { Resource, ResourceInstance } from "../../../addrs/resource.js";
import type { SyntaxBody } from "../../../lang/body.js";
import { bodySchemaFor, type BlockSpec } from "../../../config/schema.js";
import type { ConfigModule } from "../../../config/model.js";
import { expressionReferences } from "../../../lang/eval/references.js";
import type { Expression, Traverser } from "../../../lang/syntax/ast.js";
import { Decimal } from "../../../lang/values/decimal.js";
import type { ResourceInstanceChange } from "../../../planner/plan/model.js";
import { compareGoStrings, type JsonValue } from "../../../lang/values/json-exact.js";
import { array, jsonString, jsonValue, struct, type JsonText } from "../state/go-json.js";
import type { JsonSchemaLookup } from "./resource-change.js";

export function relevantAttributesJson(changes: readonly ResourceInstanceChange[], config: ConfigModule, schemaFor: JsonSchemaLookup): JsonText | undefined {
  const found = new Map<string, { resource: string; attr: JsonValue }>();
  for (const rc of changes) {
    if (rc.action === "no-op" || !rc.addr.module.isRoot()) continue;
    const res = rc.addr.resource.resource;
    const r = (res.mode === "managed" ? config.managedResources : config.dataResources).get(res.key());
    if (r === undefined) continue;
    const block = schemaFor(rc.providerAddr.toString(), res.mode, res.type)?.block;
    const exprs = [...bodyExpressions(r.config, block), ...(r.count ? [r.count] : []), ...(r.forEach ? [r.forEach] : [])];
    for (const ref of contributingRefs(exprs, config)) {
      const s = ref.subject;
      const inst = s instanceof ResourceInstance ? s : s instanceof Resource ? s.instance() : undefined;
      if (inst === undefined) continue;
      const attr: JsonValue = ref.remaining.map(stepJson);
      const resource = inst.toString();
      found.set(`${resource} ${JSON.stringify(attr)}`, { resource, attr });
    }
  }
  if (found.size === 0) return undefined;
  const items = [...found.entries()].sort((a, b) => compareGoStrings(a[0], b[0])).map(([, v]) => v);
  return array(items.map((i) => struct([["resource", jsonString(i.resource)], ["attribute", jsonValue(i.attr)]])));
}

function stepJson(s: Traverser): JsonValue {
  if (s.kind === "index") {
    const k = s.key.raw;
    if (typeof k === "string") return k;
    if (k instanceof Decimal) return k.toNumber();
    return null;
  }
  return s.name;
}

/** Every reference the expressions make, with references to local values replaced by what those refer to. */
function contributingRefs(exprs: readonly Expression[], config: ConfigModule): Reference[] {
  const out: Reference[] = [];
  const seenLocals = new Set<string>();
  const work = [...exprs];
  for (let e = work.pop(); e !== undefined; e = work.pop()) {
    for (const t of expressionReferences(e)) {
      const { ref } = referenceFromTraversal(t);
      if (ref === undefined) continue;
      if (ref.subject instanceof LocalValue) {
        const l = config.locals.get(ref.subject.name);
        if (l !== undefined && !seenLocals.has(l.name)) {
          seenLocals.add(l.name);
          work.push(l.expr);
        }
        continue;
      }
      out.push(ref);
    }
  }
  return out;
}

/**
 * Every expression in a resource body, read through its schema: attributes, nested blocks, and `dynamic`
 * blocks (their for_each and the expressions of their content), as Terraform's ReferencesInBlock finds them.
 * Without a schema only the top-level attributes can be told apart.
 */
export function bodyExpressions(body: SyntaxBody, block: BlockSpec | undefined): Expression[] {
  if (block === undefined) return [...body.justAttributes().attributes.values()].map((a) => a.expr);
  const schema = bodySchemaFor(block);
  const { content } = body.partialContent({ ...schema, blocks: [...(schema.blocks ?? []), { type: "dynamic", labelNames: ["type"] }] });
  const out = [...content.attributes.values()].map((a) => a.expr);
  for (const b of content.blocks) {
    if (b.type === "dynamic") {
      const nested = block.blocks?.[b.labels[0] ?? ""];
      const dyn = b.body.partialContent({ attributes: [{ name: "for_each" }, { name: "iterator" }, { name: "labels" }], blocks: [{ type: "content" }] });
      const forEach = dyn.content.attributes.get("for_each");
      if (forEach !== undefined) out.push(forEach.expr);
      for (const c of dyn.content.blocks) out.push(...bodyExpressions(c.body, nested?.block));
      continue;
    }
    out.push(...bodyExpressions(b.body, block.blocks?.[b.type]?.block));
  }
  return out;
}
