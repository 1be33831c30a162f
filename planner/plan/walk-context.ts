// What the nodes of one plan walk share: options, providers, the scope, the state being refreshed, and the
// changes planned so far. Each resource node writes only its own entries.

import type { AbsResourceInstance } from "../../addrs/resource.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "../eval/nodes.js";
import type { ProviderSet } from "../eval/providers.js";
import type { ScopeView } from "../eval/scope.js";
import type { ModuleInstance } from "../../addrs/module.js";
import type { ModuleInstances } from "../eval/module-instances.js";
import type { Semaphore } from "../eval/semaphore.js";
import type { StateIndex } from "../eval/state-index.js";
import type { Targeting } from "../eval/targeting.js";
import type { OutputChange, PlanMode, ResourceInstanceChange } from "./model.js";
import type { ReadHooks, RefreshHooks } from "./refresh.js";
import type { StateFile } from "../../state/model.js";

export interface PlanWalkContext {
  readonly mode: PlanMode;
  readonly refresh: boolean;
  readonly refreshHooks?: RefreshHooks;
  readonly readHooks?: ReadHooks;
  readonly providers: ProviderSet;
  readonly scope: ScopeView;
  /** Every module instance and its scope (the root's is `scope` before a node narrows it). */
  readonly modules: ModuleInstances;
  /** The module instance the current node runs in (the root outside module nodes). */
  readonly moduleInstance: ModuleInstance;
  /** The prior state, refreshed in place as the walk goes (becomes Plan.priorState). */
  readonly state: StateIndex;
  readonly prevRunState: StateFile;
  readonly graph: Graph<GraphNode>;
  readonly targeting: Targeting;
  readonly forceReplace: ReadonlySet<string>;
  /** Instances whose state a `moved` block renamed: new address key -> previous address. */
  readonly movedFrom: ReadonlyMap<string, AbsResourceInstance>;
  /** Import blocks by target instance address key. */
  readonly imports: ReadonlyMap<string, { readonly id: string }>;
  /** Resource ids with a `removed { lifecycle { destroy = false } }` block. */
  readonly forget: ReadonlySet<string>;
  readonly semaphore: Semaphore;
  readonly changes: Map<string, ResourceInstanceChange>;
  readonly drift: ResourceInstanceChange[];
  readonly outputChanges: OutputChange[];
  /** Warnings found by nodes that otherwise succeeded. */
  readonly warnings: Diagnostic[];
}
