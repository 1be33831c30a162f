// The one provider registry an operation hands to the core, to schema lookups and to state readers: the
// built-in providers today; providers installed by `init` (plugins) and backends plug in here.

import { builtinProviders, type ProviderRegistry } from "../providers/registry.js";

export function providerRegistry(): ProviderRegistry {
  return builtinProviders();
}
