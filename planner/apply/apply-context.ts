// What the nodes of one apply walk share.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { ProviderSet } from "../eval/providers.js";
import type { ScopeView } from "../eval/scope.js";
import type { ModuleInstance } from "../../addrs/module.js";
import type { ModuleInstances } from "../eval/module-instances.js";
import type { Semaphore } from "../eval/semaphore.js";
import type { Plan, ResourceInstanceChange } from "../plan/model.js";
import type { ApplyHooks } from "./hooks.js";
import type { TrackedSink } from "./state-sink.js";

export interface ApplyCounts {
  added: number;
  changed: number;
  destroyed: number;
  imported: number;
}

export interface ApplyWalkContext {
  readonly plan: Plan;
  readonly providers: ProviderSet;
  readonly scope: ScopeView;
  /** Every module instance and its scope (the root's is `scope` before a node narrows it). */
  readonly modules: ModuleInstances;
  /** The module instance the current node runs in (the root outside module nodes). */
  readonly moduleInstance: ModuleInstance;
  readonly sink: TrackedSink;
  readonly hooks: ApplyHooks;
  readonly semaphore: Semaphore;
  /** The first Ctrl-C: nothing new starts. */
  readonly signal?: AbortSignal;
  /** Changes by instance address key. */
  readonly changes: ReadonlyMap<string, ResourceInstanceChange>;
  /** Resource ids each resource depends on (recorded as `dependencies` in state). */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** Deposed keys given to objects replaced with create_before_destroy, by instance address key. */
  readonly deposed: Map<string, string>;
  readonly counts: ApplyCounts;
  /** Errors of individual instances, each with its address. */
  readonly failures: Diagnostic[];
}
