// Test helpers: a temporary working directory with a state file written through LocalStateStore (as the
// commands write it), and small states built from (name -> attributes) tables.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalStateStore } from "../../../state/local-store.js";
import { emptyState, sortState, type JsonObject, type StateFile } from "../../../state/model.js";
import { openHistory, type HistoryOptions, type VersionMeta } from "../../../state/history/index.js";
import type { JsonValue } from "../../../lang/values/json-exact.js";

export const LINEAGE = "11111111-2222-3333-4444-555555555555";
export const PROVIDER = 'provider["registry.terraform.io/hashicorp/terraform"]';

export function tempWorkdir(): { dir: string; statePath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "cairn-history-"));
  return { dir, statePath: join(dir, "cairn.tfstate"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ResSpec {
  readonly name: string;
  readonly attrs: JsonObject;
  readonly sensitive?: readonly string[];
  readonly tainted?: boolean;
}

export function stateOf(resources: readonly ResSpec[], outputs: { [name: string]: { value: JsonValue; sensitive?: boolean } } = {}): StateFile {
  const s = emptyState("0.1.0", LINEAGE);
  for (const r of resources) {
    s.resources.push({
      mode: "managed",
      type: "terraform_data",
      name: r.name,
      provider: PROVIDER,
      instances: [
        {
          schema_version: 0,
          attributes: r.attrs,
          sensitive_attributes: (r.sensitive ?? []).map((a) => [{ type: "get_attr", value: a }]),
          ...(r.tainted ? { status: "tainted" as const } : {}),
        },
      ],
    });
  }
  for (const [name, o] of Object.entries(outputs)) s.outputs[name] = { value: o.value, type: "string", ...(o.sensitive ? { sensitive: true } : {}) };
  sortState(s);
  return s;
}

/** Persists `state` through the store and records it, as a state-changing command does. */
export async function applyAndRecord(statePath: string, state: StateFile, meta: VersionMeta, opts: HistoryOptions = {}) {
  const store = new LocalStateStore({ path: statePath });
  const current = await store.read();
  const next = { ...state, serial: current.state?.serial ?? 0 };
  store.write(next);
  const diags = await store.persist();
  if (diags.length > 0) throw new Error(JSON.stringify(diags));
  const persisted = (await store.read()).state!;
  const { history } = openHistory(statePath, { fsync: false, ...opts });
  return { persisted, ...history.recordVersion({ env: { CAIRN_ACTOR: "alice@ci" }, ...meta }, persisted), history };
}

/** Three applies: create a and b; change a; destroy b and add c. */
export async function threeVersions(statePath: string, opts: HistoryOptions = {}) {
  await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "one" } }, { name: "b", attrs: { id: "b", input: "x" } }]), { command: "apply", args: ["-auto-approve", "-var", "token=hunter2"] }, opts);
  await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "two" } }, { name: "b", attrs: { id: "b", input: "x" } }]), { command: "apply", args: ["-var=token=hunter2"] }, opts);
  return applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "two" } }, { name: "c", attrs: { id: "c", input: "y" } }], { url: { value: "http://c" } }), { command: "apply" }, opts);
}
