// `moved`, `import`, `removed` and `check` blocks.

import { parseAbsResourceInstance, parseMoveEndpoint, parseRemoveEndpoint } from "../addrs/index.js";
import type { ContentBlock } from "../lang/body.js";
import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import { decodeCheckRule, decodeProviderConfigRef } from "./decode-common.js";
import { decodeResource } from "./decode-resource.js";
import type { Check, CheckRule, Import, Moved, Removed, Resource } from "./model.js";
import { checkIdentifier } from "./names.js";
import { checkBlockSchema, importBlockSchema, movedBlockSchema, removedBlockSchema, removedLifecycleSchema } from "./schemas.js";
import { absTraversalForExpr, decodeConstBool } from "./static.js";

export function decodeMoved(block: ContentBlock, diags: Diagnostic[]): Moved | undefined {
  const { content, diags: d } = block.body.content(movedBlockSchema);
  diags.push(...d);
  const ends = (["from", "to"] as const).map((which) => {
    const attr = content.attributes.get(which);
    if (attr === undefined) return undefined;
    const t = absTraversalForExpr(attr.expr);
    diags.push(...t.diags);
    if (t.traversal === undefined) return undefined;
    const ep = parseMoveEndpoint(t.traversal);
    diags.push(...ep.diags);
    const e = ep.endpoint;
    if (e !== undefined && "resource" in e.subject && e.subject.resource.resource.mode === "data") {
      diags.push(
        errorDiag('Invalid "moved" address', `The resource referenced by the "${which}" attribute is not allowed to be moved.`, attr.expr.range),
      );
      return undefined;
    }
    return e;
  });
  const [from, to] = ends;
  if (from === undefined || to === undefined) return undefined;
  if (from.isModule() !== to.isModule()) {
    diags.push(
      errorDiag(
        'Invalid "moved" addresses',
        'The "from" and "to" addresses must either both refer to resources or both refer to modules.',
        block.defRange,
      ),
    );
    return undefined;
  }
  return { from, to, declRange: block.defRange };
}

export function decodeImport(block: ContentBlock, diags: Diagnostic[]): Import | undefined {
  const { content, diags: d } = block.body.content(importBlockSchema);
  diags.push(...d);
  const to = content.attributes.get("to");
  const id = content.attributes.get("id");
  if (to === undefined || id === undefined) return undefined;
  const forEach = content.attributes.get("for_each")?.expr;
  const provAttr = content.attributes.get("provider");
  const providerConfigRef = provAttr !== undefined ? decodeProviderConfigRef(provAttr.expr, "provider", diags) : undefined;
  // With for_each the target's key is an expression (`a.b[each.key]`), resolved at plan time.
  const t = forEach === undefined ? absTraversalForExpr(to.expr) : { traversal: undefined, diags: [] };
  diags.push(...t.diags);
  if (t.traversal !== undefined) {
    const parsed = parseAbsResourceInstance(t.traversal);
    diags.push(...parsed.diags);
    if (hasErrors(parsed.diags)) return undefined;
  }
  return {
    to: to.expr,
    ...(t.traversal !== undefined ? { toTraversal: t.traversal } : {}),
    id: id.expr,
    ...(forEach !== undefined ? { forEach } : {}),
    ...(providerConfigRef !== undefined ? { providerConfigRef } : {}),
    declRange: block.defRange,
  };
}

export function decodeRemoved(block: ContentBlock, diags: Diagnostic[]): Removed | undefined {
  const { content, diags: d } = block.body.content(removedBlockSchema);
  diags.push(...d);
  const fromAttr = content.attributes.get("from");
  if (fromAttr === undefined) return undefined;
  const t = absTraversalForExpr(fromAttr.expr);
  diags.push(...t.diags);
  if (t.traversal === undefined) return undefined;
  const ep = parseRemoveEndpoint(t.traversal);
  diags.push(...ep.diags);
  if (ep.endpoint === undefined) return undefined;
  let destroy = true;
  for (const b of content.blocks) {
    const lc = b.body.content(removedLifecycleSchema);
    diags.push(...lc.diags);
    const attr = lc.content.attributes.get("destroy");
    if (attr !== undefined) destroy = decodeConstBool(attr.expr, diags) ?? true;
  }
  return { from: ep.endpoint, destroy, declRange: block.defRange };
}

export function decodeCheck(block: ContentBlock, diags: Diagnostic[]): Check {
  const name = block.labels[0]!;
  checkIdentifier(name, "Invalid check block name", block.labelRanges[0]!, diags);
  const { content, diags: d } = block.body.content(checkBlockSchema);
  diags.push(...d);
  let dataResource: Resource | undefined;
  const asserts: CheckRule[] = [];
  for (const b of content.blocks) {
    if (b.type === "assert") {
      const rule = decodeCheckRule(b, diags);
      if (rule !== undefined) asserts.push(rule);
      continue;
    }
    if (dataResource !== undefined) {
      diags.push(
        errorDiag("Multiple data resource blocks", `This check block already has a data resource defined at ${dataResource.declRange.filename}.`, b.defRange),
      );
      continue;
    }
    dataResource = decodeResource(b, "data", diags);
  }
  if (asserts.length === 0) {
    diags.push(errorDiag("Zero assert blocks", "Check blocks must have at least one assert block.", block.defRange));
  }
  return { name, ...(dataResource !== undefined ? { dataResource } : {}), asserts, declRange: block.defRange };
}
