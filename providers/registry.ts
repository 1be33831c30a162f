// Which provider implementation serves a provider source address. Built-in providers are registered by
// builtinProviders(); tests register their own (test/providers/support) on a registry of their own, so no
// global state is shared between tests. Each factory call makes a fresh, unconfigured instance: the planner
// makes one per provider configuration (`provider "x" { alias = ... }`).

import { Provider } from "../addrs/index.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { ProviderInterface } from "./interface.js";
import { TerraformProvider } from "./terraform/index.js";
import { LazyProvider } from "./lazy.js";
import { builtinClusterProviderAddr, clusterProviderSourceAddr, terraformProviderAddr } from "./builtin-addrs.js";

export type ProviderFactory = () => ProviderInterface;

export class ProviderRegistry {
  private readonly factories = new Map<string, { readonly addr: Provider; readonly factory: ProviderFactory }>();

  /** Registering an address twice is a bug in the caller. */
  register(addr: Provider, factory: ProviderFactory): this {
    if (this.factories.has(addr.key())) throw new Error(`bug: provider ${addr.toString()} registered twice`);
    this.factories.set(addr.key(), { addr, factory });
    return this;
  }

  /**
   * Serves an address by another implementation from now on (a plugin installed for it, which wins over a
   * built-in provider of the same address: providers/install/with-plugins.ts).
   */
  replace(addr: Provider, factory: ProviderFactory): this {
    this.factories.set(addr.key(), { addr, factory });
    return this;
  }

  has(addr: Provider): boolean {
    return this.factories.has(addr.key());
  }

  /** The factory serving addr, if any. */
  factory(addr: Provider): ProviderFactory | undefined {
    return this.factories.get(addr.key())?.factory;
  }

  /** The registered addresses, in registration order. */
  addresses(): Provider[] {
    return [...this.factories.values()].map((f) => f.addr);
  }

  /** A new unconfigured instance, or a diagnostic naming the address nobody serves. */
  instantiate(addr: Provider): { provider?: ProviderInterface; diags: Diagnostic[] } {
    const entry = this.factories.get(addr.key());
    if (entry === undefined) {
      return {
        diags: [
          errorDiag(
            "Failed to load plugin schemas",
            `Failed to instantiate provider "${addr.toString()}" to obtain schema: unavailable provider "${addr.toString()}".`,
          ),
        ],
      };
    }
    return { provider: entry.factory(), diags: [] };
  }
}

/**
 * A registry holding the built-in providers; the cluster provider's module is imported on first use.
 * `workingDir` is what terraform_remote_state's relative paths are read from, `env` what its backends read
 * (PG_CONN_STR, ...); both default to the process's.
 */
export function builtinProviders(workingDir?: string, env?: NodeJS.ProcessEnv): ProviderRegistry {
  const cluster = () => new LazyProvider(async () => new (await import("./cluster/provider.js")).ClusterProvider());
  return new ProviderRegistry()
    .register(terraformProviderAddr, () => new TerraformProvider({ ...(workingDir !== undefined ? { workingDir } : {}), ...(env !== undefined ? { env } : {}) }))
    .register(builtinClusterProviderAddr, cluster)
    .register(clusterProviderSourceAddr, cluster);
}
