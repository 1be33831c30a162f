// Provider schemas for the resources recorded in a state file, fetched once per provider from the registry
// (no provider is configured: schemas are available unconfigured).

import type { StateFile } from "../../state/model.js";
import type { ProviderRegistry } from "../../providers/registry.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import type { BlockSpec } from "../../config/schema.js";
import type { StateSchemaLookup } from "./state-values.js";

export async function stateSchemaLookup(state: StateFile | undefined, registry: ProviderRegistry): Promise<StateSchemaLookup> {
  const byProvider = new Map<string, { managed: Map<string, BlockSpec>; data: Map<string, BlockSpec> }>();
  for (const providerStr of new Set(state?.resources.map((r) => r.provider) ?? [])) {
    const { addr } = parseAbsProviderConfigStr(providerStr);
    if (addr === undefined || !registry.has(addr.provider)) continue;
    const { provider } = registry.instantiate(addr.provider);
    if (provider === undefined) continue;
    const schema = await provider.getSchema();
    await provider.close();
    const blocks = (m: ReadonlyMap<string, { block: BlockSpec }>) => new Map([...m].map(([k, s]) => [k, s.block]));
    byProvider.set(providerStr, { managed: blocks(schema.resourceTypes), data: blocks(schema.dataSources) });
  }
  return (provider, mode, type) => byProvider.get(provider)?.[mode].get(type);
}
