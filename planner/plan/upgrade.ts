// Upgrading an object read from state to the provider's current schema (Terraform's upgradeResourceState):
// before anything reads a managed object recorded in state, a provider that can upgrade (a plugin: the
// protocol's UpgradeResourceState) is handed the stored JSON and the schema version it was written with, and
// answers the object in its current schema. State written by a newer schema version than the provider's is
// refused, as Terraform refuses it, for every provider.

import type { AbsResourceInstance } from "../../addrs/resource.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { canonicalJson } from "../../lang/values/json-exact.js";
import type { ProviderInterface } from "../../providers/interface.js";
import type { Schema } from "../../providers/schema.js";
import type { InstanceState } from "../../state/model.js";
import { valueMatchesStateJson, valueToStateAttributes } from "../eval/state-values.js";

export interface Upgraded {
  /** The object in the current schema (the same object when nothing changed). */
  readonly instance: InstanceState;
  readonly diags: Diagnostic[];
}

/** Whether upgradeInstance has anything to do (most built-in providers keep one state layout). */
export function upgradeNeeded(provider: ProviderInterface, schema: Schema, inst: InstanceState): boolean {
  return provider.upgradeResourceState !== undefined || inst.schema_version > schema.version;
}

export async function upgradeInstance(provider: ProviderInterface, providerName: string, schema: Schema, addr: AbsResourceInstance, inst: InstanceState): Promise<Upgraded> {
  const where = addr.toString();
  if (inst.schema_version > schema.version) {
    const detail = `The current state of ${where} was created by a newer provider version than is currently selected. Upgrade the ${providerName} provider to work with this state.`;
    return { instance: inst, diags: [{ ...errorDiag("Resource instance managed by newer provider version", detail), address: where }] };
  }
  if (provider.upgradeResourceState === undefined) return { instance: inst, diags: [] };
  const rawStateJson = canonicalJson(inst.attributes);
  const resp = await provider.upgradeResourceState({ typeName: addr.resource.resource.type, version: inst.schema_version, rawStateJson });
  const diags = resp.diagnostics.map((d) => ({ ...d, address: d.address ?? where }));
  if (hasErrors(diags) || resp.upgradedState === undefined) return { instance: inst, diags };
  if (inst.schema_version === schema.version && valueMatchesStateJson(resp.upgradedState, schema.block, inst.attributes)) return { instance: inst, diags };
  const attrs = valueToStateAttributes(resp.upgradedState, schema.block);
  if ("error" in attrs) return { instance: inst, diags: [...diags, { ...errorDiag("Provider produced invalid object", `Provider ${providerName} upgraded the state of ${where} to an invalid object: ${attrs.error}. This is a bug in the provider.`), address: where }] };
  if (inst.schema_version === schema.version && canonicalJson(attrs.attributes) === rawStateJson) return { instance: inst, diags };
  // The stored sensitive paths stay: the upgraded value carries no marks of its own.
  return { instance: { ...inst, schema_version: schema.version, attributes: attrs.attributes }, diags };
}
