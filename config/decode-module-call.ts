// `module` blocks: meta-arguments here, every other argument is an input variable of the child module.

import type { ContentBlock } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { decodeDependsOn, decodeProviderConfigRef } from "./decode-common.js";
import type { ModuleCall, PassedProviderConfig } from "./model.js";
import { checkIdentifier } from "./names.js";
import { moduleBlockSchema } from "./schemas.js";
import { decodeConstString, exprMap } from "./static.js";

export function decodeModuleCall(block: ContentBlock, diags: Diagnostic[]): ModuleCall {
  const name = block.labels[0]!;
  const { content, remain, diags: d } = block.body.partialContent(moduleBlockSchema);
  diags.push(...d);
  checkIdentifier(name, "Invalid module instance name", block.labelRanges[0]!, diags);
  const attrs = content.attributes;
  const src = attrs.get("source");
  const sourceAddr = src !== undefined ? (decodeConstString(src.expr, diags) ?? "") : "";
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
  const providers: PassedProviderConfig[] = [];
  const provAttr = attrs.get("providers");
  if (provAttr !== undefined) {
    const m = exprMap(provAttr.expr);
    diags.push(...m.diags);
    for (const item of m.items ?? []) {
      const keyExpr = item.key.kind === "ObjectConsKey" ? item.key.wrapped : item.key;
      const inChild = decodeProviderConfigRef(keyExpr, "providers", diags);
      const inParent = decodeProviderConfigRef(item.value, "providers", diags);
      if (inChild !== undefined && inParent !== undefined) providers.push({ inChild, inParent });
    }
  }
  for (const b of content.blocks) {
    diags.push(
      errorDiag(
        "Reserved block type name in module block",
        `The block type name "${b.type}" is reserved for use by Terraform in a future version.`,
        b.typeRange,
      ),
    );
  }
  const depAttr = attrs.get("depends_on");
  return {
    name,
    sourceAddr,
    sourceAddrRange: src?.expr.range ?? block.defRange,
    ...(attrs.get("version") !== undefined ? { version: attrs.get("version")!.expr } : {}),
    ...(countAttr !== undefined ? { count: countAttr.expr } : {}),
    ...(forEachAttr !== undefined ? { forEach: forEachAttr.expr } : {}),
    dependsOn: depAttr !== undefined ? decodeDependsOn(depAttr.expr, diags) : [],
    providers,
    config: remain,
    declRange: block.defRange,
  };
}
