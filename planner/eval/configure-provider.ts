// Configuring one provider configuration in a walk: its block decoded against the provider's schema (an
// absent block configures with an empty body, as Terraform does), then ConfigureProvider.

import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { objectVal } from "../../lang/values/value.js";
import type { SyntaxBody, BodyContent } from "../../lang/body.js";
import { decodeBody } from "./decode-body.js";
import type { GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";
import type { ScopeView } from "./scope.js";

export async function configureProvider(ctx: { readonly providers: ProviderSet; readonly scope: ScopeView }, node: GraphNode & { kind: "provider" }): Promise<Diagnostic[]> {
  const schema = ctx.providers.providerSchema(node.addr.provider);
  if (schema === undefined) return [];
  let config = objectVal({});
  const diags: Diagnostic[] = [];
  if (node.config !== undefined) {
    const d = decodeBody(node.config.config, schema.block, ctx.scope.context());
    diags.push(...d.diags);
    if (hasErrors(d.diags)) return diags;
    config = d.value;
  } else {
    config = decodeBody(emptyBody, schema.block, ctx.scope.context()).value;
  }
  diags.push(...(await ctx.providers.configure(node.addr, config)).map((d) => (d.subject ? d : { ...d, subject: node.config?.declRange })));
  return diags;
}

const emptyRange = { filename: "", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 1, byte: 0 } };
const emptyContent: BodyContent = { attributes: new Map(), blocks: [], missingItemRange: emptyRange };
const emptyBody: SyntaxBody = {
  content: () => ({ content: emptyContent, diags: [] }),
  partialContent: () => ({ content: emptyContent, remain: emptyBody, diags: [] }),
  justAttributes: () => ({ attributes: new Map(), diags: [] }),
  missingItemRange: () => emptyRange,
};
