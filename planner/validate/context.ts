// What the nodes of the validate walk share, and what one node sees in one module instance.

import type { ModuleInstance } from "../../addrs/module.js";
import type { ConfigModule } from "../../config/model.js";
import type { ModuleInstances } from "../eval/module-instances.js";
import type { ProviderSet } from "../eval/providers.js";
import type { ScopeView } from "../eval/scope.js";

export interface ValidateWalkContext {
  readonly modules: ModuleInstances;
  readonly providers: ProviderSet;
  /** Every module's configuration by path key (`""` for the root). */
  readonly configs: ReadonlyMap<string, ConfigModule>;
}

export interface ValidateInstanceContext extends ValidateWalkContext {
  readonly moduleInstance: ModuleInstance;
  readonly scope: ScopeView;
}
