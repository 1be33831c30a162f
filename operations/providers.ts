// The one provider registry an operation hands to the core, to schema lookups and to state readers: the
// built-in providers, and for a working directory the provider plugins `init` installed there or
// dev_overrides names (providers/install/with-plugins.ts); backends plug in here too.

import { builtinProviders, type ProviderRegistry } from "../providers/registry.js";
import { installedPlugins } from "../providers/install/installed.js";
import { type FoundPlugins, prestartPlugins, withInstalledPlugins } from "../providers/install/with-plugins.js";

export interface PluginWorkingDir {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The plugins found (and started) for this command by `startProviderPlugins`, not to be looked up again. */
  readonly plugins?: FoundPlugins;
}

export function providerRegistry(workingDir?: PluginWorkingDir): ProviderRegistry {
  if (workingDir === undefined) return builtinProviders();
  const found = workingDir.plugins ?? installedPlugins(workingDir.cwd, workingDir.env);
  return withInstalledPlugins(builtinProviders(workingDir.cwd, workingDir.env), found, workingDir.cwd, workingDir.env);
}

/**
 * Finds the working directory's plugins (their packages checked against the lock file) and starts those that
 * may run, before the command loads its own code: a plugin's start-up (a process, its handshake and schema)
 * then overlaps Cairn's instead of following it. Each one is taken by the command's first instance of its
 * provider; one not taken is shut down a few seconds later or killed when Cairn exits.
 */
export async function startProviderPlugins(cwd: string, env: NodeJS.ProcessEnv): Promise<FoundPlugins> {
  const found = installedPlugins(cwd, env);
  await prestartPlugins(found, cwd, env);
  return found;
}
