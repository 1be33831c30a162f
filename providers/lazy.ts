// A provider whose implementation module is imported on its first call. The built-in cluster provider pulls
// in the cluster core's client side (~50 modules, ~30 ms of start-up); a configuration that uses only
// terraform_data should not pay for it. Every ProviderInterface method is asynchronous, so waiting for the
// import is invisible to the planner.

import type { ProviderInterface } from "./interface.js";

type Forwarded = Exclude<keyof ProviderInterface, "close" | "upgradeResourceState" | "prepare">;

export class LazyProvider implements ProviderInterface {
  private instance?: Promise<ProviderInterface>;

  /**
   * Present when the provider it loads may upgrade state (a plugin), so that the planner knows without
   * loading it; the built-in providers keep one state layout and are not asked.
   */
  readonly upgradeResourceState?: NonNullable<ProviderInterface["upgradeResourceState"]>;

  constructor(
    private readonly load: () => Promise<ProviderInterface>,
    upgradesState = false,
  ) {
    if (upgradesState) {
      this.upgradeResourceState = async (req) => {
        this.instance ??= this.load();
        const provider = await this.instance;
        return provider.upgradeResourceState === undefined ? { diagnostics: [] } : provider.upgradeResourceState(req);
      };
    }
  }

  /** Whether the implementation has been asked for (tests check that unused providers stay unloaded). */
  get loaded(): boolean {
    return this.instance !== undefined;
  }

  readonly getSchema = this.forward("getSchema");
  readonly validateProviderConfig = this.forward("validateProviderConfig");
  readonly validateResourceConfig = this.forward("validateResourceConfig");
  readonly validateDataResourceConfig = this.forward("validateDataResourceConfig");
  readonly configureProvider = this.forward("configureProvider");
  readonly readResource = this.forward("readResource");
  readonly planResourceChange = this.forward("planResourceChange");
  readonly applyResourceChange = this.forward("applyResourceChange");
  readonly lookupByClientToken = this.forward("lookupByClientToken");
  readonly importResourceState = this.forward("importResourceState");
  readonly readDataSource = this.forward("readDataSource");

  async close(): Promise<void> {
    // Never loaded: nothing was opened, and loading the module only to close it would defeat the point.
    if (this.instance !== undefined) await (await this.instance).close();
  }

  private forward<K extends Forwarded>(name: K): ProviderInterface[K] {
    type Method = (...args: Parameters<ProviderInterface[K]>) => ReturnType<ProviderInterface[K]>;
    const call = async (...args: Parameters<ProviderInterface[K]>): Promise<unknown> => {
      this.instance ??= this.load();
      const provider = await this.instance;
      return (provider[name] as Method).apply(provider, args);
    };
    return call as unknown as ProviderInterface[K];
  }
}
