// Crash recovery (Cairn's addition to Terraform's model): the journal's pending intents are creates that were
// sent (or about to be) when the previous run died. For each, ask the provider whether an object with the
// intent's client token exists: adopt it into state, or abandon the intent. Nothing is created twice.

import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import type { AbsProviderConfig } from "../../addrs/provider.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { markSchemaSensitive } from "../eval/marks.js";
import type { ProviderSet } from "../eval/providers.js";
import { valueToStateAttributes } from "../eval/state-values.js";
import type { PendingIntent } from "../../state/replay.js";
import { withClientToken } from "../../state/private.js";
import { clientTokenOf } from "../../state/private.js";
import type { StateSink } from "./state-sink.js";

export interface RecoveryResult {
  readonly adopted: string[];
  readonly abandoned: number;
  readonly diags: Diagnostic[];
}

export async function recoverPendingIntents(
  pending: readonly PendingIntent[],
  providers: ProviderSet,
  sink: StateSink,
  configure: (addr: AbsProviderConfig) => Promise<Diagnostic[]>,
): Promise<RecoveryResult> {
  const diags: Diagnostic[] = [];
  const adopted: string[] = [];
  let abandoned = 0;
  for (const p of pending) {
    if (p.action !== "create") {
      sink.recordAbandon({ token: p.token });
      abandoned++;
      continue;
    }
    const pa = parseAbsProviderConfigStr(p.provider);
    if (pa.addr === undefined) {
      diags.push(...pa.diags);
      continue;
    }
    const schema = providers.resourceSchema(pa.addr.provider, p.ref.mode, p.ref.type);
    const provider = providers.instance(pa.addr);
    if (!schema || !provider) continue;
    const cd = await configure(pa.addr);
    if (hasErrors(cd)) {
      diags.push(...cd);
      continue;
    }
    const state = sink.currentState();
    const r = state.resources.find((x) => x.module === p.ref.module && x.mode === p.ref.mode && x.type === p.ref.type && x.name === p.ref.name);
    const recordedInst = r?.instances.find((i) => i.index_key === p.ref.index_key && i.deposed === p.ref.deposed);
    const resp = await provider.lookupByClientToken({
      typeName: p.ref.type,
      clientToken: p.token,
      ...(recordedInst && clientTokenOf(recordedInst) === p.token ? { recorded: { state: attrsValue(recordedInst), private: recordedInst.private } } : {}),
    });
    diags.push(...resp.diagnostics);
    if (hasErrors(resp.diagnostics)) continue;
    if (resp.found === undefined) {
      sink.recordAbandon({ token: p.token });
      abandoned++;
      continue;
    }
    const attrs = valueToStateAttributes(markSchemaSensitive(resp.found.state, schema.block), schema.block);
    if ("error" in attrs) continue;
    const each = typeof p.ref.index_key === "number" ? "list" : typeof p.ref.index_key === "string" ? "map" : undefined;
    const inst = withClientToken({ schema_version: schema.version, ...attrs, ...(resp.found.private ? { private: resp.found.private } : {}) }, p.token);
    sink.recordResult({ ref: p.ref, provider: p.provider, ...(each ? { each } : {}), instance: resp.found.private ? { ...inst, private: resp.found.private } : inst });
    adopted.push(p.ref.type + "." + p.ref.name + (p.ref.index_key === undefined ? "" : `[${JSON.stringify(p.ref.index_key)}]`));
  }
  diags.push(...(await sink.flush()));
  return { adopted, abandoned, diags };
}

import { jsonTextToValue } from "../../lang/values/json.js";
import { canonicalJson } from "../../lang/values/json-exact.js";
import { DynamicVal, type Value } from "../../lang/values/value.js";
import type { InstanceState } from "../../state/model.js";
function attrsValue(i: InstanceState): Value {
  const r = jsonTextToValue(canonicalJson(i.attributes));
  return r.ok ? r.value : DynamicVal;
}
