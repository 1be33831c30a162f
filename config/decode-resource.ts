// `resource` and `data` blocks: meta-arguments are decoded here; the rest of the body, `dynamic` blocks
// included, stays a SyntaxBody for the provider's schema and for expansion at evaluation time.

import { Provider, Resource as ResourceAddr, type ResourceMode } from "../addrs/index.js";
import type { ContentBlock } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Expression, Traversal } from "../lang/syntax/ast.js";
import { decodeCheckRule, decodeDependsOn, decodeProviderConfigRef } from "./decode-common.js";
import type { CheckRule, ManagedResource, Resource } from "./model.js";
import { checkIdentifier, rangeText } from "./names.js";
import { lifecycleBlockSchema, resourceBlockSchema } from "./schemas.js";
import { decodeConstBool, exprAsKeyword, exprList, relTraversalForExpr } from "./static.js";
import { mergeBodies } from "./merged-body.js";

/** The provider local name a resource type implies: the prefix before the first underscore. */
export function impliedProviderLocalName(type: string): string {
  const i = type.indexOf("_");
  return i < 0 ? type : type.slice(0, i);
}

// What most resources have (no lifecycle block, no depends_on, no conditions), shared by all of them: a
// configuration of thousands of resources kept thousands of empty lists and default lifecycles alive.
const none: readonly never[] = Object.freeze([]);
const defaultLifecycle: ManagedResource = Object.freeze({
  createBeforeDestroy: false,
  createBeforeDestroySet: false,
  preventDestroy: false,
  preventDestroySet: false,
  ignoreChanges: none,
  ignoreAllChanges: false,
  replaceTriggeredBy: none,
});

export function decodeResource(block: ContentBlock, mode: ResourceMode, diags: Diagnostic[]): Resource {
  // Indexes and guarded spreads rather than destructuring and iteration: this runs once per resource block,
  // mostly before V8 has optimised it, where each iterator is an object and a protocol walk.
  const type = block.labels[0]!;
  const name = block.labels[1]!;
  const { content, remain, diags: d } = block.body.partialContent(resourceBlockSchema);
  if (d.length > 0) diags.push(...d);
  const labelRanges = block.labelRanges;
  checkIdentifier(type, mode === "data" ? "Invalid data source name" : "Invalid resource type name", labelRanges[0]!, diags);
  checkIdentifier(name, mode === "data" ? "Invalid data resource name" : "Invalid resource name", labelRanges[1]!, diags);

  const attrs = content.attributes;
  const countAttr = attrs.get("count");
  const forEachAttr = attrs.get("for_each");
  if (countAttr !== undefined && forEachAttr !== undefined) {
    diags.push(
      errorDiag(
        'Invalid combination of "count" and "for_each"',
        'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.',
        forEachAttr.nameRange,
      ),
    );
  }
  const providerAttr = attrs.get("provider");
  const providerConfigRef = providerAttr !== undefined ? decodeProviderConfigRef(providerAttr.expr, "provider", diags) : undefined;
  const depAttr = attrs.get("depends_on");
  const dependsOn = depAttr !== undefined ? decodeDependsOn(depAttr.expr, diags) : none;

  let config = remain;
  let managed: ManagedResource | undefined = mode === "managed" ? defaultLifecycle : undefined;
  let preconditions: CheckRule[] | undefined;
  let postconditions: CheckRule[] | undefined;
  let seenLifecycle: ContentBlock | undefined;
  let seenEscape: ContentBlock | undefined;
  const blocks = content.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === "_") {
      // The escaping block forces its arguments to be provider arguments even when named like meta-arguments.
      if (seenEscape !== undefined) {
        diags.push(
          errorDiag(
            "Duplicate escaping block",
            `The special block type "_" can be used to force particular arguments to be interpreted as resource-type-specific rather than as meta-arguments, but each ${mode === "data" ? "data" : "resource"} block can have only one such block. The first escaping block was at ${rangeText(seenEscape.defRange)}.`,
            b.defRange,
          ),
        );
        continue;
      }
      seenEscape = b;
      config = mergeBodies(config, b.body);
      continue;
    }
    if (seenLifecycle !== undefined) {
      diags.push(
        errorDiag("Duplicate lifecycle block", `This resource already has a lifecycle block at ${rangeText(seenLifecycle.defRange)}.`, b.defRange),
      );
      continue;
    }
    seenLifecycle = b;
    const lc = b.body.content(lifecycleBlockSchema);
    diags.push(...lc.diags);
    if (mode === "data") {
      for (const attr of lc.content.attributes.values()) {
        diags.push(
          errorDiag(
            "Invalid data resource lifecycle argument",
            `The lifecycle argument "${attr.name}" is defined only for managed resources ("resource" blocks), and is not valid for data resources.`,
            attr.nameRange,
          ),
        );
      }
    } else {
      managed = decodeManagedLifecycle(lc.content.attributes, diags);
    }
    for (const cb of lc.content.blocks) {
      const rule = decodeCheckRule(cb, diags);
      if (rule === undefined) continue;
      if (cb.type === "precondition") (preconditions ??= []).push(rule);
      else (postconditions ??= []).push(rule);
    }
  }

  // Optional fields are added only when present (never `undefined`); assigned, not spread, because this runs
  // once per resource block before V8 has optimised it, where each spread is an object copy.
  const resource: { -readonly [K in keyof Resource]: Resource[K] } = {
    mode,
    type,
    name,
    addr: new ResourceAddr(mode, type, name),
    config,
    // Resolved against required_providers when the module is assembled.
    provider: Provider.implied(providerConfigRef?.name ?? impliedProviderLocalName(type)),
    dependsOn,
    preconditions: preconditions ?? none,
    postconditions: postconditions ?? none,
    declRange: block.defRange,
    typeRange: labelRanges[0]!,
  };
  if (countAttr !== undefined) resource.count = countAttr.expr;
  if (forEachAttr !== undefined) resource.forEach = forEachAttr.expr;
  if (providerConfigRef !== undefined) resource.providerConfigRef = providerConfigRef;
  if (managed !== undefined) resource.managed = managed;
  return resource;
}

function decodeManagedLifecycle(
  attrs: ReadonlyMap<string, { readonly expr: Expression; readonly name: string }>,
  diags: Diagnostic[],
): ManagedResource {
  const cbd = attrs.get("create_before_destroy");
  const pd = attrs.get("prevent_destroy");
  const ignoreChanges: Traversal[] = [];
  let ignoreAllChanges = false;
  const ic = attrs.get("ignore_changes");
  if (ic !== undefined) {
    if (exprAsKeyword(ic.expr) === "all") {
      ignoreAllChanges = true;
    } else {
      const list = exprList(ic.expr);
      diags.push(...list.diags);
      for (const e of list.exprs ?? []) {
        if (e.kind === "Template" && e.parts.length === 1 && e.parts[0]!.kind === "LiteralValue" && e.parts[0].value.raw === "*") {
          diags.push(
            errorDiag(
              "Invalid ignore_changes wildcard",
              'The ["*"] form of ignore_changes wildcard is was deprecated and is now invalid. Use "ignore_changes = all" to ignore changes to all attributes.',
              ic.expr.range,
            ),
          );
          continue;
        }
        const t = relTraversalForExpr(e);
        diags.push(...t.diags);
        if (t.traversal !== undefined && t.traversal.length > 0) ignoreChanges.push(t.traversal);
      }
    }
  }
  const rtb = attrs.get("replace_triggered_by");
  let replaceTriggeredBy: readonly Expression[] = [];
  if (rtb !== undefined) {
    const list = exprList(rtb.expr);
    diags.push(...list.diags);
    replaceTriggeredBy = list.exprs ?? [];
  }
  return {
    createBeforeDestroy: cbd !== undefined ? (decodeConstBool(cbd.expr, diags) ?? false) : false,
    createBeforeDestroySet: cbd !== undefined,
    preventDestroy: pd !== undefined ? (decodeConstBool(pd.expr, diags) ?? false) : false,
    preventDestroySet: pd !== undefined,
    ignoreChanges,
    ignoreAllChanges,
    replaceTriggeredBy,
  };
}
