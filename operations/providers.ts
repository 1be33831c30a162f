// The one provider registry an operation hands to the core, to schema lookups and to state readers: the
// built-in providers, and for a working directory the provider plugins `init` installed there or
// dev_overrides names (providers/install/with-plugins.ts); backends plug in here too.

import { builtinProviders, type ProviderRegistry } from "../providers/registry.js";
import { withInstalledPlugins } from "../providers/install/with-plugins.js";

export function providerRegistry(workingDir?: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }): ProviderRegistry {
  if (workingDir === undefined) return builtinProviders();
  return withInstalledPlugins(builtinProviders(workingDir.cwd, workingDir.env), workingDir.cwd, workingDir.env).registry;
}
