// `terraform` blocks (required_version, required_providers, backend) and `provider` blocks.

import { checkRequiredVersion } from "./required-version.js";
import { Provider, parseProviderSource } from "../addrs/index.js";
import type { ContentBlock } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Backend, ProviderConfig, RequiredProvider, VersionConstraint } from "./model.js";
import { checkIdentifier } from "./names.js";
import { providerBlockSchema, terraformBlockSchema } from "./schemas.js";
import { absTraversalForExpr, decodeConstString, exprList, exprMap } from "./static.js";
import { constValue } from "./static.js";

export interface TerraformBlock {
  readonly requiredVersions: VersionConstraint[];
  readonly requiredProviders: RequiredProvider[];
  readonly backends: Backend[];
  /** `encryption` blocks (state encryption at rest), kept undecoded: see ConfigModule.encryption. */
  readonly encryption: ContentBlock[];
}

export function decodeTerraformBlock(block: ContentBlock, diags: Diagnostic[]): TerraformBlock {
  const { content, diags: d } = block.body.content(terraformBlockSchema);
  diags.push(...d);
  const out: TerraformBlock = { requiredVersions: [], requiredProviders: [], backends: [], encryption: [] };
  const rv = content.attributes.get("required_version");
  if (rv !== undefined) {
    out.requiredVersions.push({ expr: rv.expr, declRange: rv.range });
    diags.push(...checkRequiredVersion(rv.expr));
  }
  const experiments = content.attributes.get("experiments");
  if (experiments !== undefined) {
    // Terraform allows experiments only in its alpha releases; Cairn implements a release.
    diags.push(
      errorDiag(
        "Module uses experimental features",
        "Experimental features are intended only for gathering early feedback on new language designs, and so are available only in alpha releases of Terraform.",
        experiments.expr.range,
      ),
    );
  }
  for (const b of content.blocks) {
    if (b.type === "backend") {
      out.backends.push({ type: b.labels[0]!, config: b.body, typeRange: b.labelRanges[0]!, declRange: b.defRange });
    } else if (b.type === "encryption") {
      out.encryption.push(b);
    } else if (b.type === "required_providers") {
      out.requiredProviders.push(...decodeRequiredProviders(b, diags));
    }
  }
  return out;
}

function decodeRequiredProviders(block: ContentBlock, diags: Diagnostic[]): RequiredProvider[] {
  const { attributes, diags: d } = block.body.justAttributes();
  diags.push(...d);
  const out: RequiredProvider[] = [];
  for (const attr of attributes.values()) {
    checkIdentifier(attr.name, "Invalid provider local name", attr.nameRange, diags);
    const m = exprMap(attr.expr);
    if (m.items === undefined) {
      // The legacy form `aws = "~> 1.0"` is a version constraint only.
      out.push({ name: attr.name, provider: Provider.implied(attr.name), versionConstraint: attr.expr, configurationAliases: [], declRange: attr.range });
      continue;
    }
    let source: string | undefined;
    let provider = Provider.implied(attr.name);
    let versionConstraint;
    const configurationAliases: { localName: string; alias: string }[] = [];
    for (const item of m.items) {
      const keyDiags: Diagnostic[] = [];
      const k = constValue(item.key, keyDiags);
      const key = k.type.kind === "string" && k.isKnown() && !k.isNull() ? k.asString() : "";
      switch (key) {
        case "source": {
          source = decodeConstString(item.value, diags);
          if (source !== undefined) {
            const p = parseProviderSource(source, item.value.range);
            diags.push(...p.diags);
            if (p.provider !== undefined) provider = p.provider;
          }
          break;
        }
        case "version":
          versionConstraint = item.value;
          break;
        case "configuration_aliases": {
          const l = exprList(item.value);
          diags.push(...l.diags);
          for (const e of l.exprs ?? []) {
            const t = absTraversalForExpr(e);
            diags.push(...t.diags);
            const tr = t.traversal;
            if (tr === undefined) continue;
            if (tr.length !== 2 || tr[1]!.kind !== "attr" || tr[0]!.kind !== "root" || tr[0].name !== attr.name) {
              diags.push(errorDiag("Invalid configuration_aliases value", `Configuration aliases can only contain references to local provider configuration names in the format of provider.alias`, e.range));
              continue;
            }
            configurationAliases.push({ localName: attr.name, alias: tr[1].name });
          }
          break;
        }
        default:
          diags.push(
            errorDiag(
              "Invalid required_providers object",
              'required_providers objects can only contain "version", "source" and "configuration_aliases" attributes. To configure a provider, use a "provider" block.',
              item.key.range,
            ),
          );
      }
    }
    out.push({
      name: attr.name,
      ...(source !== undefined ? { source } : {}),
      provider,
      ...(versionConstraint !== undefined ? { versionConstraint } : {}),
      configurationAliases,
      declRange: attr.range,
    });
  }
  return out;
}

export function decodeProviderBlock(block: ContentBlock, diags: Diagnostic[]): ProviderConfig {
  const name = block.labels[0]!;
  const { content, remain, diags: d } = block.body.partialContent(providerBlockSchema);
  diags.push(...d);
  checkIdentifier(name, "Invalid provider local name", block.labelRanges[0]!, diags);
  let alias = "";
  const aliasAttr = content.attributes.get("alias");
  if (aliasAttr !== undefined) {
    alias = decodeConstString(aliasAttr.expr, diags) ?? "";
    if (alias !== "") checkIdentifier(alias, "Invalid provider configuration alias", aliasAttr.expr.range, diags);
  }
  const version = content.attributes.get("version")?.expr;
  return {
    name,
    nameRange: block.labelRanges[0]!,
    alias,
    ...(aliasAttr !== undefined ? { aliasRange: aliasAttr.expr.range } : {}),
    ...(version !== undefined ? { version } : {}),
    config: remain,
    declRange: block.defRange,
  };
}
