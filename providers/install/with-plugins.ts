// The hook between installed plugins and the one provider registry: every plugin the working directory
// has (installedPlugins) replaces whatever served its address, built-in providers included, so that a
// filesystem mirror or dev_overrides entry for cairn/cluster runs the plugin. The client module (gRPC,
// protobuf) is imported only when a plugin is first used, or started early (`prestartPlugins`).

import { LazyProvider } from "../lazy.js";
import type { ProviderRegistry } from "../registry.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { pluginLogger } from "../plugin/log.js";
import type { PluginProviderOptions } from "../plugin/client.js";
import type { InstalledPlugin } from "./installed.js";

export interface FoundPlugins {
  readonly plugins: readonly InstalledPlugin[];
  readonly diags: readonly Diagnostic[];
}

function clientOptions(p: InstalledPlugin, cwd: string, env: NodeJS.ProcessEnv): PluginProviderOptions {
  return { addr: p.addr, executable: p.executable, cwd, env, log: pluginLogger(env, p.addr.toString()), ...(p.refusal ? { refusal: p.refusal } : {}) };
}

export function withInstalledPlugins(registry: ProviderRegistry, found: FoundPlugins, cwd: string, env: NodeJS.ProcessEnv): ProviderRegistry {
  for (const p of found.plugins) {
    const opts = clientOptions(p, cwd, env);
    registry.replace(
      p.addr,
      () =>
        new LazyProvider(async () => {
          const { PluginProvider } = await import("../plugin/client.js");
          return new PluginProvider(opts);
        }, true),
    );
  }
  return registry;
}

/** Starts each plugin allowed to run, for the command's first instance of it to take (PluginProvider.prestart). */
export async function prestartPlugins(found: FoundPlugins, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const runnable = found.plugins.filter((p) => p.refusal === undefined);
  if (runnable.length === 0) return;
  // The processes are spawned before the client's code (gRPC, codecs) loads: ~10 ms sooner.
  const { startPlugin } = await import("../plugin/process.js");
  const started = runnable.map((p) => {
    const opts = clientOptions(p, cwd, env);
    return { opts, starting: startPlugin({ executable: opts.executable, cwd: opts.cwd, env: opts.env, log: opts.log }) };
  });
  const { PluginProvider } = await import("../plugin/client.js");
  for (const { opts, starting } of started) PluginProvider.prestart(opts, starting);
}
