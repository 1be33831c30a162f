// The hook between installed plugins and the one provider registry: every plugin the working directory
// has (installedPlugins) replaces whatever served its address, built-in providers included, so that a
// filesystem mirror or dev_overrides entry for cairn/cluster runs the plugin. The client module (gRPC,
// protobuf) is imported only when a plugin is first used.

import { LazyProvider } from "../lazy.js";
import type { ProviderRegistry } from "../registry.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { pluginLogger } from "../plugin/log.js";
import { installedPlugins } from "./installed.js";

export function withInstalledPlugins(registry: ProviderRegistry, cwd: string, env: NodeJS.ProcessEnv): { registry: ProviderRegistry; diags: Diagnostic[] } {
  const { plugins, diags } = installedPlugins(cwd, env);
  for (const p of plugins) {
    const log = pluginLogger(env, p.addr.toString());
    registry.replace(
      p.addr,
      () =>
        new LazyProvider(async () => {
          const { PluginProvider } = await import("../plugin/client.js");
          return new PluginProvider({ addr: p.addr, executable: p.executable, cwd, env, log, ...(p.refusal ? { refusal: p.refusal } : {}) });
        }, true),
    );
  }
  return { registry, diags };
}
