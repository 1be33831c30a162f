// Validation of resource and data blocks against their providers' schemas, as Terraform's validate walk does
// before evaluation: a provider nobody serves is "Missing required provider", a type the provider lacks is
// "Invalid resource type"/"Invalid data source" (with Terraform's suggestions), and a body is checked for
// unknown arguments, missing required ones and block counts (config's validateResourceBody).

import { errorDiag, type Diagnostic } from "../lang/diagnostics.js";
import { nameSuggestion } from "../lang/suggest.js";
import type { Provider } from "../addrs/index.js";
import { validateResourceBody, type ConfigModule, type Resource } from "../config/index.js";
import type { GetSchemaResponse } from "../providers/interface.js";
import type { ProviderRegistry } from "../providers/registry.js";
import { providerRegistry } from "./providers.js";

export async function validateAgainstSchemas(module: ConfigModule, registry: ProviderRegistry = providerRegistry()): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  const resources = [...module.managedResources.values(), ...module.dataResources.values()];
  const schemas = new Map<string, GetSchemaResponse | undefined>();
  for (const r of resources) {
    const key = r.provider.key();
    if (!schemas.has(key)) schemas.set(key, await loadSchema(r.provider, registry, diags));
    const schema = schemas.get(key);
    if (schema === undefined) continue;
    diags.push(...validateResource(r, schema));
  }
  return diags;
}

async function loadSchema(provider: Provider, registry: ProviderRegistry, diags: Diagnostic[]): Promise<GetSchemaResponse | undefined> {
  if (!registry.has(provider)) {
    diags.push(
      errorDiag(
        "Missing required provider",
        provider.isBuiltIn()
          ? `This configuration requires built-in provider ${provider.toString()}, but that provider isn't available in this Cairn version.`
          : `This configuration requires provider ${provider.toString()}, but that provider isn't available. You may be able to install it automatically by running:\n  cairn init`,
      ),
    );
    return undefined;
  }
  const inst = registry.instantiate(provider);
  diags.push(...inst.diags);
  if (inst.provider === undefined) return undefined;
  const schema = await inst.provider.getSchema();
  diags.push(...schema.diagnostics);
  return schema;
}

function validateResource(r: Resource, schema: GetSchemaResponse): Diagnostic[] {
  const own = r.mode === "managed" ? schema.resourceTypes : schema.dataSources;
  const other = r.mode === "managed" ? schema.dataSources : schema.resourceTypes;
  const s = own.get(r.type);
  if (s === undefined) {
    let suggestion = "";
    if (other.has(r.type)) {
      suggestion =
        r.mode === "managed"
          ? `\n\nDid you intend to use the data source ${JSON.stringify(r.type)}? If so, declare this using a "data" block instead of a "resource" block.`
          : `\n\nDid you intend to use the managed resource type ${JSON.stringify(r.type)}? If so, declare this using a "resource" block instead of a "data" block.`;
    } else if (own.size > 0) {
      const s2 = nameSuggestion(r.type, own.keys());
      if (s2 !== undefined) suggestion = ` Did you mean ${JSON.stringify(s2)}?`;
    }
    const what = r.mode === "managed" ? "resource type" : "data source";
    return [
      errorDiag(
        r.mode === "managed" ? "Invalid resource type" : "Invalid data source",
        `The provider ${r.provider.forDisplay()} does not support ${what} ${JSON.stringify(r.type)}.${suggestion}`,
        r.typeRange,
      ),
    ];
  }
  return validateResourceBody(r.config, s.block).diags;
}
