// -target and -exclude as address sets: which resources (and which of their instances) a plan may touch.
// The graph side (transform-targets.ts) prunes nodes; the plan walk asks `includesInstance` for each instance.

import type { AbsResourceInstance } from "../addrs/resource.js";
import { AbsResource, AbsResourceInstance as AbsRI } from "../addrs/resource.js";
import type { Target } from "../addrs/parse-target.js";

export class Targeting {
  constructor(
    readonly targets: readonly Target[],
    readonly excludes: readonly Target[],
  ) {}

  get active(): boolean {
    return this.targets.length > 0 || this.excludes.length > 0;
  }

  /** Resource node ids named by -target (module targets name every resource in the root: issue 5 refines). */
  static resourceIdOf(t: Target): string | undefined {
    const s = t.subject;
    if (s instanceof AbsResource) return s.resource.toString();
    if (s instanceof AbsRI) return s.resource.resource.toString();
    return undefined;
  }

  /** Whether the walk may plan this instance (the resource node itself is already known to be kept). */
  includesInstance(addr: AbsResourceInstance, resourceIsDirectTarget: boolean): boolean {
    for (const e of this.excludes) if (matches(e, addr)) return false;
    if (this.targets.length === 0 || !resourceIsDirectTarget) return true;
    return this.targets.some((t) => matches(t, addr) || (t.subject instanceof AbsRI ? false : Targeting.resourceIdOf(t) === addr.resource.resource.toString()));
  }

  /** Whether some target names this resource or one of its instances directly. */
  directlyTargets(resourceId: string): boolean {
    return this.targets.some((t) => Targeting.resourceIdOf(t) === resourceId);
  }
}

function matches(t: Target, addr: AbsResourceInstance): boolean {
  const s = t.subject;
  if (s instanceof AbsRI) return s.equals(addr);
  if (s instanceof AbsResource) return s.equals(addr.containingResource());
  return s.isRoot() || addr.module.toString().startsWith(s.toString());
}
