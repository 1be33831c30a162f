// The results of one walk's checks (Terraform's checks.State): every checkable object the walk evaluated (a
// resource instance's pre/postconditions, an output's preconditions, a check block's assertions, a
// variable's validations) with its status and failure messages, gathered by configuration object. A plan
// keeps them as the JSON plan's `checks`; an apply records them in state as `check_results`.
//
// An apply starts from the plan's results with every status unknown (as Terraform re-reports the plan's
// objects), so an object the apply does not evaluate again stays in the results as "unknown".

import type { CheckObjectKind, CheckResultObject, CheckResultState, CheckStatus } from "../../state/model.js";
import { compareGoStrings } from "../../lang/values/json-exact.js";
import type { ModuleInstance } from "../../addrs/module.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";

interface ConfigEntry {
  readonly kind: CheckObjectKind;
  readonly objects: Map<string, { status: CheckStatus; messages: string[] }>;
}

export class CheckResults {
  private readonly configs = new Map<string, ConfigEntry>();

  /** `from`: a plan's results, whose objects an apply reports again (statuses start unknown). */
  constructor(from?: readonly CheckResultState[] | null) {
    for (const r of from ?? []) {
      const e = this.entry(r.object_kind, r.config_addr);
      for (const o of r.objects ?? []) e.objects.set(o.object_addr, { status: "unknown", messages: [] });
    }
  }

  private entry(kind: CheckObjectKind, configAddr: string): ConfigEntry {
    let e = this.configs.get(configAddr);
    if (e === undefined) this.configs.set(configAddr, (e = { kind, objects: new Map() }));
    return e;
  }

  /** One object's result: several reports for the same object (preconditions, then postconditions) combine. */
  report(kind: CheckObjectKind, configAddr: string, objectAddr: string, status: CheckStatus, messages: readonly string[] = []): void {
    const e = this.entry(kind, configAddr);
    const prev = e.objects.get(objectAddr);
    if (prev === undefined || prev.status === "unknown") e.objects.set(objectAddr, { status, messages: [...messages] });
    else e.objects.set(objectAddr, { status: aggregate([prev.status, status]), messages: [...prev.messages, ...messages] });
  }

  /** Sorted by configuration address, objects by their address; null when nothing was checked. */
  toState(): CheckResultState[] | null {
    if (this.configs.size === 0) return null;
    const out: CheckResultState[] = [];
    for (const addr of [...this.configs.keys()].sort(compareGoStrings)) {
      const e = this.configs.get(addr)!;
      const objects: CheckResultObject[] = [...e.objects.keys()].sort(compareGoStrings).map((a) => {
        const o = e.objects.get(a)!;
        return { object_addr: a, status: o.status, ...(o.messages.length > 0 ? { failure_messages: [...o.messages] } : {}) };
      });
      out.push({ object_kind: e.kind, config_addr: addr, status: aggregate(objects.map((o) => o.status)), objects });
    }
    return out;
  }
}

/** Terraform's aggregateCheckStatus: an error wins, then a failure, then anything unknown; nothing is a pass. */
export function aggregate(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes("error")) return "error";
  if (statuses.includes("fail")) return "fail";
  if (statuses.includes("unknown")) return "unknown";
  return "pass";
}

/** The outcome of one object's rules, as evalCheckRules reports it. */
export interface RuleOutcome {
  readonly status: CheckStatus;
  readonly messages: readonly string[];
}

/** Reports a resource instance's conditions. */
export function resourceCheck(checks: CheckResults, addr: AbsResourceInstance): (o: RuleOutcome) => void {
  // Made for every instance planned, called only for those with conditions: the addresses are spelled then.
  return (o) => checks.report("resource", addr.containingResource().config().toString(), addr.toString(), o.status, o.messages);
}

/** Reports a check block's, output's or variable's rules in module instance `mi` (`local` is e.g. `check.c`). */
export function namedCheck(checks: CheckResults, kind: "check" | "output" | "var", mi: ModuleInstance, local: string): (o: RuleOutcome) => void {
  const path = mi.module().toString();
  const inst = mi.toString();
  const config = path === "" ? local : `${path}.${local}`;
  const object = inst === "" ? local : `${inst}.${local}`;
  return (o) => checks.report(kind, config, object, o.status, o.messages);
}
