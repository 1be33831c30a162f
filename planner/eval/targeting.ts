// -target and -exclude as address sets: which resources (and which of their instances) a plan may touch.
// The graph side (transform-targets.ts) prunes nodes; the plan walk asks `includesInstance` for each instance.

import type { AbsResourceInstance } from "../../addrs/resource.js";
import { AbsResource, AbsResourceInstance as AbsRI } from "../../addrs/resource.js";
import type { Target } from "../../addrs/parse-target.js";
import { Module, ModuleInstance } from "../../addrs/module.js";
import { instanceKeyEquals } from "../../addrs/instance-key.js";

export class Targeting {
  constructor(
    readonly targets: readonly Target[],
    readonly excludes: readonly Target[],
  ) {}

  get active(): boolean {
    return this.targets.length > 0 || this.excludes.length > 0;
  }

  /** The static resource node id a resource or instance target names (`module.web.x` for `module.web[0].x[1]`). */
  static resourceIdOf(t: Target): string | undefined {
    const s = t.subject;
    if (s instanceof AbsResource) return s.config().toString();
    if (s instanceof AbsRI) return s.containingResource().config().toString();
    return undefined;
  }

  /** For a module target, its static path: every resource inside it is targeted. */
  static modulePathOf(t: Target): Module | undefined {
    const s = t.subject;
    return s instanceof ModuleInstance ? s.module() : undefined;
  }

  /** Whether the walk may plan this instance (the resource node itself is already known to be kept). */
  includesInstance(addr: AbsResourceInstance, resourceIsDirectTarget: boolean): boolean {
    for (const e of this.excludes) if (matches(e, addr)) return false;
    if (this.targets.length === 0 || !resourceIsDirectTarget) return true;
    return this.targets.some((t) => matches(t, addr));
  }

  /** Whether some target names this resource (by static id), one of its instances, or a module holding it. */
  directlyTargets(resourceId: string): boolean {
    return this.targets.some((t) => {
      if (Targeting.resourceIdOf(t) === resourceId) return true;
      const m = Targeting.modulePathOf(t);
      return m !== undefined && (m.isRoot() || resourceId.startsWith(`${m.toString()}.`));
    });
  }
}

/**
 * Terraform's TargetContains: a target step without an instance key covers every instance of that call, so
 * `module.web.x` covers `module.web["a"].x`.
 */
function moduleContains(target: ModuleInstance, m: ModuleInstance): boolean {
  if (target.steps.length > m.steps.length) return false;
  return target.steps.every((s, i) => {
    const o = m.steps[i]!;
    return s.name === o.name && (s.instanceKey.kind === "none" || instanceKeyEquals(s.instanceKey, o.instanceKey));
  });
}

function matches(t: Target, addr: AbsResourceInstance): boolean {
  const s = t.subject;
  if (s instanceof AbsRI) return moduleContains(s.module, addr.module) && s.resource.equals(addr.resource);
  if (s instanceof AbsResource) return moduleContains(s.module, addr.module) && s.resource.equals(addr.resource.resource);
  return moduleContains(s, addr.module);
}
