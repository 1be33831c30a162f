// Terraform's static reference checks in the validate walk: references to resources have an instance key
// exactly when the resource is repeated and name attributes its schema has; lifecycle arguments refer to
// what they may.

import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { expressionReferences } from "../../lang/eval/references.js";
import { traverseRel } from "../../lang/eval/traverse.js";
import type { Expression, Traversal } from "../../lang/syntax/ast.js";
import { unknownVal } from "../../lang/values/value.js";
import type { ConfigModule, Resource } from "../../config/model.js";
import { impliedType } from "../../providers/schema.js";
import type { ProviderSet } from "../eval/providers.js";

/**
 * Terraform's staticValidateReferences for resources: an instance key exactly when the resource has count or
 * for_each, and attribute steps the resource type's schema has (checked on an unknown value of its type).
 */
export function staticReferenceDiags(exprs: readonly Expression[], module: ConfigModule, providers: ProviderSet): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const expr of exprs) {
    for (const t of expressionReferences(expr)) {
      const found = resourceOf(t, module);
      if (found === undefined) continue;
      const { res, rest } = found;
      const label = res.addr.toString();
      const repeated = res.count !== undefined || res.forEach !== undefined;
      const first = t[rest];
      if (first === undefined) continue;
      let from = rest;
      if (repeated && first.kind === "attr") {
        const meta = res.count !== undefined ? "count" : "for_each";
        const example = res.count !== undefined ? `${label}[count.index]` : `${label}[each.key]`;
        diags.push(
          errorDiag(
            "Missing resource instance key",
            `Because ${label} has "${meta}" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${example}`,
            rangeOf(t.slice(0, rest + 1)),
          ),
        );
        continue;
      }
      if (!repeated && first.kind === "index") {
        diags.push(
          errorDiag(
            "Unexpected resource instance key",
            `Because ${label} does not have "count" or "for_each" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.`,
            first.range,
          ),
        );
        continue;
      }
      if (repeated) from++;
      const schema = providers.resourceSchema(res.provider, res.mode, res.type);
      if (schema === undefined) continue;
      const before = diags.length;
      traverseRel(unknownVal(impliedType(schema.block)), t, from, diags);
      for (let i = before; i < diags.length; i++) {
        const d = diags[i]!;
        if (d.summary === "Unsupported attribute" && from < t.length && t[from]!.kind === "attr" && d.subject?.start.byte === t[from]!.range.start.byte) {
          diags[i] = { ...d, detail: `This object has no argument, nested block, or exported attribute named "${(t[from] as { name: string }).name}".` };
        }
      }
    }
  }
  return diags;
}

const resourceIndexes = new WeakMap<ConfigModule, Map<string, Resource>>();

/** `type.name` and `data.type.name` -> resource, built once per module. */
function resourceIndex(module: ConfigModule): Map<string, Resource> {
  let index = resourceIndexes.get(module);
  if (index === undefined) {
    index = new Map();
    for (const r of module.managedResources.values()) index.set(`${r.type}.${r.name}`, r);
    for (const r of module.dataResources.values()) index.set(`data.${r.type}.${r.name}`, r);
    resourceIndexes.set(module, index);
  }
  return index;
}

/** The resource a traversal names in `module`, and the index of the first step after its name. */
function resourceOf(t: Traversal, module: ConfigModule): { res: Resource; rest: number } | undefined {
  const root = t[0];
  if (root?.kind !== "root") return undefined;
  const step = (i: number) => (t[i]?.kind === "attr" ? (t[i] as { name: string }).name : undefined);
  if (root.name === "data") {
    const type = step(1);
    const name = step(2);
    const res = type !== undefined && name !== undefined ? resourceIndex(module).get(`data.${type}.${name}`) : undefined;
    return res !== undefined ? { res, rest: 3 } : undefined;
  }
  if (["count", "each", "local", "var", "path", "terraform", "self", "module"].includes(root.name)) return undefined;
  const offset = root.name === "resource" ? 1 : 0;
  const type = offset === 1 ? step(1) : root.name;
  const name = step(1 + offset);
  const res = type !== undefined && name !== undefined ? resourceIndex(module).get(`${type}.${name}`) : undefined;
  return res !== undefined ? { res, rest: 2 + offset } : undefined;
}

/** ignore_changes names attributes of the resource's own schema; replace_triggered_by refers to resources. */
export function lifecycleDiags(res: Resource, providers: ProviderSet): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const schema = providers.resourceSchema(res.provider, res.mode, res.type);
  if (schema !== undefined) {
    for (const t of res.managed?.ignoreChanges ?? []) traverseRel(unknownVal(impliedType(schema.block)), t, 0, diags);
  }
  for (const expr of res.managed?.replaceTriggeredBy ?? []) {
    for (const t of expressionReferences(expr)) {
      const root = t[0];
      if (root?.kind !== "root") continue;
      const allowed = root.name === "count" || root.name === "each" || !["local", "var", "path", "terraform", "self", "module", "data"].includes(root.name);
      if (allowed) continue;
      diags.push(
        errorDiag(
          "Invalid reference in replace_triggered_by expression",
          "Only resources, count.index, and each.key may be used in replace_triggered_by.",
          expr.range,
        ),
      );
    }
  }
  return diags;
}

function rangeOf(t: Traversal) {
  return { filename: t[0]!.range.filename, start: t[0]!.range.start, end: t[t.length - 1]!.range.end };
}
