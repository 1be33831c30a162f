// Refresh: asks the provider to read an object recorded in state (OpenTofu's NodePlannableResourceInstance
// refresh step). A different result is drift, shown as "Objects have changed outside of Cairn"; an object
// that is gone is removed from the prior state, so the plan creates it again.

import type { AbsResourceInstance } from "../../addrs/resource.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { rawEquals, type Value } from "../../lang/values/value.js";
import type { AbsProviderConfig } from "../../addrs/provider.js";
import type { ProviderInterface } from "../../providers/interface.js";
import type { Schema } from "../../providers/schema.js";
import type { InstanceState } from "../../state/model.js";
import { instanceToValue, nullObject, valueToStateAttributes } from "../eval/state-values.js";
import { remark, sensitivePaths } from "../eval/marks.js";
import type { ResourceInstanceChange } from "./model.js";

/** Told when an object is read back from its provider (Terraform's refresh_start / refresh_complete). */
export interface RefreshHooks {
  refreshStart(addr: string, id?: string): void;
  refreshComplete(addr: string, id?: string): void;
  /** The walk is over: nothing more will be refreshed (a view that batches its lines writes the last ones). */
  walked?(): void;
}

/** Told when a data source is read while planning (Terraform's PreApply/PostApply hooks with the read action). */
export interface ReadHooks {
  preApply(addr: string, action: "read"): void;
  postApply(addr: string, action: "read", idForDisplay: string | undefined, failed: boolean): void;
  /** As RefreshHooks.walked. */
  walked?(): void;
}

/** The object's id as the UI shows it, when it has a string `id` attribute. */
export function displayId(inst: Pick<InstanceState, "attributes">): string | undefined {
  const id = inst.attributes.id;
  return typeof id === "string" ? id : undefined;
}

export interface Refreshed {
  /** The object now, null when it is gone. */
  readonly instance: InstanceState | null;
  readonly drift?: ResourceInstanceChange;
  readonly diags: Diagnostic[];
}

export async function refreshInstance(
  provider: ProviderInterface,
  providerAddr: AbsProviderConfig,
  schema: Schema,
  addr: AbsResourceInstance,
  inst: InstanceState,
): Promise<Refreshed> {
  const prior = instanceToValue(inst, schema.block);
  if (!prior.ok) return { instance: inst, diags: [decodeError(addr, prior.message)] };
  const [plainPrior] = prior.value.unmarkDeep();
  const resp = await provider.readResource({ typeName: addr.resource.resource.type, priorState: plainPrior, private: inst.private });
  if (hasErrors(resp.diagnostics)) return { instance: inst, diags: resp.diagnostics.map((d) => ({ ...d, address: d.address ?? addr.toString() })) };
  const nowPlain: Value = resp.newState;
  if (nowPlain.isNull()) {
    return {
      instance: null,
      drift: { addr, providerAddr, action: "delete", before: prior.value, after: nullObject(schema.block), requiredReplace: [] },
      diags: resp.diagnostics,
    };
  }
  if (rawEquals(nowPlain, plainPrior)) return { instance: inst, diags: resp.diagnostics };
  // The marks recorded with the object stay (as Terraform re-applies the prior marks after a read): the
  // configuration's and those a provider reported as derived are not in the schema.
  const now = remark(nowPlain, schema.block, sensitivePaths(prior.value));
  const attrs = valueToStateAttributes(now, schema.block);
  if ("error" in attrs) return { instance: inst, diags: [decodeError(addr, attrs.error)] };
  return {
    instance: { ...inst, ...attrs, ...(resp.private !== undefined ? { private: resp.private } : {}) },
    drift: { addr, providerAddr, action: "update", before: prior.value, after: now, requiredReplace: [] },
    diags: resp.diagnostics,
  };
}

export function decodeError(addr: AbsResourceInstance, message: string): Diagnostic {
  return {
    severity: "error",
    summary: "Invalid resource instance data in state",
    detail: `Instance ${addr.toString()} data could not be decoded from the state: ${message}.`,
    address: addr.toString(),
  };
}
