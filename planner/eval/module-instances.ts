// The instances of every module path during one walk, with one evaluation Scope per module instance
// (OpenTofu's instances.Expander plus its per-instance evaluation state). The root module has one instance;
// a call's expansion node records, for every instance of the calling module, the instances its `count` or
// `for_each` gave, and each new module instance gets its own Scope. Nodes inside a module run once per
// instance of their module path, so nothing of a module is evaluated before its call was expanded.

import { Module, ModuleInstance } from "../../addrs/module.js";
import type { Expansion } from "./expand.js";
import type { InstanceExtra, Scope } from "./scope.js";
import { pushTo } from "./multimap.js";
import { CheckResults } from "./check-results.js";

export class ModuleInstances {
  /** Instances by static path (`Module.toString()`), in expansion order. */
  private readonly byPath = new Map<string, ModuleInstance[]>([["", [ModuleInstance.root]]]);
  /** Scopes by module instance (`ModuleInstance.toString()`). */
  private readonly scopes = new Map<string, Scope>();
  /** `count.index` / `each.*` of the call instance that made each module instance (for its input variables). */
  private readonly callExtras = new Map<string, InstanceExtra>();

  constructor(
    readonly root: Scope,
    private readonly newScope: (mi: ModuleInstance) => Scope,
    /** The walk's check results (an apply's start from its plan's). */
    readonly checks: CheckResults = new CheckResults(),
  ) {
    this.scopes.set("", root);
  }

  instancesOf(path: Module): readonly ModuleInstance[] {
    return this.byPath.get(path.toString()) ?? [];
  }

  scope(mi: ModuleInstance): Scope | undefined {
    return this.scopes.get(mi.toString());
  }

  callExtra(mi: ModuleInstance): InstanceExtra {
    return this.callExtras.get(mi.toString()) ?? {};
  }

  /**
   * Records the instances the call `path` has inside `parent` (none when its count/for_each failed) and
   * tells the parent's scope the call's shape (`module.web` is an object, a tuple, or an object by key).
   */
  expand(parent: ModuleInstance, path: Module, expansion: Expansion | undefined): ModuleInstance[] {
    const name = path.names[path.names.length - 1]!;
    const made: ModuleInstance[] = [];
    for (const ei of expansion?.instances ?? []) {
      const mi = parent.child(name, ei.key);
      pushTo(this.byPath, path.toString(), mi);
      made.push(mi);
      this.callExtras.set(mi.toString(), { ...(ei.count !== undefined ? { count: ei.count } : {}), ...(ei.each !== undefined ? { each: ei.each } : {}) });
      this.scopes.set(mi.toString(), this.newScope(mi));
    }
    if (expansion !== undefined) {
      this.scope(parent)?.expandModuleCall(
        name,
        expansion.repetition,
        expansion.instances.map((i) => i.key),
      );
    }
    return made;
  }
}

/** The call instance key that made `mi` (`module.web["a"]` → "a"). */
export function lastStep(mi: ModuleInstance): ModuleInstance["steps"][number] {
  return mi.steps[mi.steps.length - 1]!;
}
