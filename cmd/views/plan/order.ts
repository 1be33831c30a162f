// Terraform's order of resource instances in a plan (AbsResourceInstance.Less, then deposed key): module path
// (shorter first, then by step name and key), data before managed, type, name, instance key.

import { compareInstanceKeys } from "../../../addrs/instance-key.js";
import type { ModuleInstance } from "../../../addrs/module.js";
import type { AbsResourceInstance } from "../../../addrs/resource.js";
import type { ResourceInstanceChange } from "../../../planner/plan/model.js";

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareModules(a: ModuleInstance, b: ModuleInstance): number {
  if (a.steps.length !== b.steps.length) return a.steps.length - b.steps.length;
  for (let i = 0; i < a.steps.length; i++) {
    const x = a.steps[i]!;
    const y = b.steps[i]!;
    if (x.name !== y.name) return cmp(x.name, y.name);
    const k = compareInstanceKeys(x.instanceKey, y.instanceKey);
    if (k !== 0) return k;
  }
  return 0;
}

export function compareResourceInstances(a: AbsResourceInstance, b: AbsResourceInstance): number {
  const m = compareModules(a.module, b.module);
  if (m !== 0) return m;
  const ra = a.resource.resource;
  const rb = b.resource.resource;
  if (ra.mode !== rb.mode) return ra.mode === "data" ? -1 : 1;
  if (ra.type !== rb.type) return cmp(ra.type, rb.type);
  if (ra.name !== rb.name) return cmp(ra.name, rb.name);
  return compareInstanceKeys(a.resource.instanceKey, b.resource.instanceKey);
}

export function sortChanges(changes: readonly ResourceInstanceChange[]): ResourceInstanceChange[] {
  return [...changes].sort(
    (a, b) => compareResourceInstances(a.addr, b.addr) || cmp(a.deposedKey ?? "", b.deposedKey ?? ""),
  );
}
