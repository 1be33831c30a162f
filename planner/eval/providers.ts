// The provider instances of one operation: schemas (fetched once per provider type), one instance per
// provider configuration, configured at most once, closed at the end. A provider with no factory is
// "Missing required provider", as Terraform reports one that `init` did not install.

import type { AbsProviderConfig, Provider } from "../../addrs/provider.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { Value } from "../../lang/values/value.js";
import type { GetSchemaResponse, ProviderInterface } from "../../providers/interface.js";
import type { Schema } from "../../providers/schema.js";
import type { ProviderRegistry } from "../../providers/registry.js";


export class ProviderSet {
  private readonly schemas = new Map<string, GetSchemaResponse>();
  private readonly instances = new Map<string, ProviderInterface>();
  private readonly configuring = new Map<string, Promise<Diagnostic[]>>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly cairnVersion: string,
  ) {}

  /** Loads the schemas of these providers; diagnostics for missing ones. */
  async loadSchemas(providers: Iterable<Provider>): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    for (const p of providers) {
      const key = p.toString();
      if (this.schemas.has(key)) continue;
      const factory = this.registry.factory(p);
      if (factory === undefined) {
        diags.push(
          errorDiag(
            "Missing required provider",
            `This configuration requires provider ${key}, but that provider isn't available. You may be able to install it automatically by running:\n  cairn init`,
          ),
        );
        continue;
      }
      const inst = factory();
      const resp = await inst.getSchema();
      await inst.close();
      diags.push(...resp.diagnostics);
      if (!hasErrors(resp.diagnostics)) this.schemas.set(key, resp);
    }
    return diags;
  }

  has(p: Provider): boolean {
    return this.schemas.has(p.toString());
  }

  providerSchema(p: Provider): Schema | undefined {
    return this.schemas.get(p.toString())?.provider;
  }

  resourceSchema(p: Provider, mode: "managed" | "data", type: string): Schema | undefined {
    const s = this.schemas.get(p.toString());
    return mode === "managed" ? s?.resourceTypes.get(type) : s?.dataSources.get(type);
  }

  /** Validates and configures the instance for `addr` once; later calls return the first result. */
  configure(addr: AbsProviderConfig, config: Value): Promise<Diagnostic[]> {
    const key = addr.toString();
    let p = this.configuring.get(key);
    if (p === undefined) {
      p = this.doConfigure(addr, config);
      this.configuring.set(key, p);
    }
    return p;
  }

  private async doConfigure(addr: AbsProviderConfig, config: Value): Promise<Diagnostic[]> {
    const inst = this.instance(addr);
    if (inst === undefined) return [errorDiag("Missing required provider", `The provider ${addr.provider.toString()} is not available.`)];
    const [plain] = config.unmarkDeep();
    const v = await inst.validateProviderConfig({ config: plain });
    if (hasErrors(v.diagnostics)) return v.diagnostics;
    const c = await inst.configureProvider({ cairnVersion: this.cairnVersion, config: v.preparedConfig });
    return [...v.diagnostics, ...c.diagnostics];
  }

  /** Whether configure() already ran for this configuration. */
  isConfigured(addr: AbsProviderConfig): boolean {
    return this.configuring.has(addr.toString());
  }

  /** The instance for a provider configuration (created on first use; configure before calling configured methods). */
  instance(addr: AbsProviderConfig): ProviderInterface | undefined {
    const key = addr.toString();
    let inst = this.instances.get(key);
    if (inst === undefined) {
      const f = this.registry.factory(addr.provider);
      if (f === undefined) return undefined;
      inst = f();
      this.instances.set(key, inst);
    }
    return inst;
  }

  async closeAll(): Promise<void> {
    const all = [...this.instances.values()];
    this.instances.clear();
    this.configuring.clear();
    await Promise.all(all.map((i) => i.close().catch(() => undefined)));
  }
}
