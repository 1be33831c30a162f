// The Plan model as a JSON document inside a saved plan file and back. Addresses are stored as their
// canonical strings and parsed back with the address parsers; values with value-codec.ts; states as the
// state file layout they already are. Decoding checks every field and reports the first problem.

import { ModuleInstance } from "../../addrs/module.js";
import { OutputValue } from "../../addrs/named-values.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import { parseAbsResourceInstanceStr, parseModuleInstanceStr } from "../../addrs/parse-target.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import type { Value } from "../../lang/values/value.js";
import { actionSymbol, type Action, type ActionReason, type OutputChange, type Plan, type PlanMode, type ResourceInstanceChange } from "../plan/model.js";
import type { CheckResultState, StateFile } from "../../state/model.js";
import { decodePath, decodeValue, encodePath, encodeValue, type EncodedValue } from "./value-codec.js";

// Every action the plan model knows, so a new action cannot be forgotten here.
const actions: ReadonlySet<string> = new Set(Object.keys(actionSymbol));
const modes: ReadonlySet<string> = new Set(["normal", "destroy", "refresh-only"]);

export function encodePlan(plan: Plan): unknown {
  return {
    mode: plan.mode,
    resource_changes: plan.resourceChanges.map(encodeChange),
    output_changes: plan.outputChanges.map((o) => ({
      module: o.addr.module.toString(),
      name: o.addr.output.name,
      action: o.action,
      before: encodeValue(o.before),
      after: encodeValue(o.after),
      sensitive: o.sensitive,
    })),
    drifted_resources: plan.driftedResources.map(encodeChange),
    prev_run_state: plan.prevRunState,
    prior_state: plan.priorState,
    variables: encodeValues(plan.variableValues),
    target_addrs: plan.targetAddrs,
    exclude_addrs: plan.excludeAddrs,
    force_replace_addrs: plan.forceReplaceAddrs,
    timestamp: plan.timestamp.toISOString(),
    applyable: plan.applyable,
    complete: plan.complete,
    errored: plan.errored,
    checks: plan.checks,
  };
}

export function encodeValues(vs: ReadonlyMap<string, Value>): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const [k, v] of vs) Object.defineProperty(out, k, { value: encodeValue(v), enumerable: true });
  return out;
}

function encodeChange(c: ResourceInstanceChange): unknown {
  return {
    addr: c.addr.toString(),
    prev_run_addr: c.prevRunAddr?.toString(),
    deposed_key: c.deposedKey,
    provider: c.providerAddr.toString(),
    action: c.action,
    action_reason: c.actionReason,
    before: encodeValue(c.before),
    after: encodeValue(c.after),
    required_replace: c.requiredReplace.map(encodePath),
    importing: c.importing,
    private: c.privateData,
  };
}

type Obj = { readonly [k: string]: unknown };
export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Thrown inside decodePlan only, for malformed documents; decodePlan turns it into a message. */
class Malformed extends Error {}

export function decodePlan(doc: unknown): Decoded<Plan> {
  try {
    return { ok: true, value: readPlan(obj(doc, "plan")) };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, message: err.message };
    throw err;
  }
}

export function decodeValues(doc: unknown, what: string): Decoded<Map<string, Value>> {
  try {
    return { ok: true, value: values(doc, what) };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, message: err.message };
    throw err;
  }
}

function readPlan(o: Obj): Plan {
  const mode = str(o.mode, "mode");
  if (!modes.has(mode)) throw new Malformed(`unknown plan mode "${mode}"`);
  const ts = new Date(str(o.timestamp, "timestamp"));
  if (Number.isNaN(ts.getTime())) throw new Malformed("invalid timestamp");
  return {
    mode: mode as PlanMode,
    resourceChanges: arr(o.resource_changes, "resource_changes").map(readChange),
    outputChanges: arr(o.output_changes, "output_changes").map(readOutput),
    driftedResources: arr(o.drifted_resources, "drifted_resources").map(readChange),
    prevRunState: obj(o.prev_run_state, "prev_run_state") as unknown as StateFile,
    priorState: obj(o.prior_state, "prior_state") as unknown as StateFile,
    variableValues: values(o.variables, "variables"),
    targetAddrs: strs(o.target_addrs, "target_addrs"),
    excludeAddrs: strs(o.exclude_addrs, "exclude_addrs"),
    forceReplaceAddrs: strs(o.force_replace_addrs, "force_replace_addrs"),
    timestamp: ts,
    applyable: bool(o.applyable, "applyable"),
    complete: bool(o.complete, "complete"),
    errored: bool(o.errored, "errored"),
    checks: o.checks === undefined || o.checks === null ? null : (arr(o.checks, "checks") as CheckResultState[]),
  };
}

function readChange(x: unknown): ResourceInstanceChange {
  const o = obj(x, "resource change");
  const action = str(o.action, "action");
  if (!actions.has(action)) throw new Malformed(`unknown action "${action}"`);
  const provider = parseAbsProviderConfigStr(str(o.provider, "provider")).addr;
  if (provider === undefined) throw new Malformed(`invalid provider address ${String(o.provider)}`);
  const required = arr(o.required_replace, "required_replace").map((p) => {
    const d = decodePath(p);
    if (typeof d === "string") throw new Malformed(d);
    return d;
  });
  const importing = o.importing === undefined ? undefined : { id: str(obj(o.importing, "importing").id, "importing.id") };
  return {
    addr: instanceAddr(o.addr),
    ...(o.prev_run_addr !== undefined ? { prevRunAddr: instanceAddr(o.prev_run_addr) } : {}),
    ...(o.deposed_key !== undefined ? { deposedKey: str(o.deposed_key, "deposed_key") } : {}),
    providerAddr: provider,
    action: action as Action,
    ...(o.action_reason !== undefined ? { actionReason: str(o.action_reason, "action_reason") as ActionReason } : {}),
    before: value(o.before, "before"),
    after: value(o.after, "after"),
    requiredReplace: required,
    ...(importing !== undefined ? { importing } : {}),
    ...(o.private !== undefined ? { privateData: str(o.private, "private") } : {}),
  };
}

function readOutput(x: unknown): OutputChange {
  const o = obj(x, "output change");
  const action = str(o.action, "action");
  if (!actions.has(action)) throw new Malformed(`unknown action "${action}"`);
  const modStr = str(o.module, "module");
  let module = ModuleInstance.root;
  if (modStr !== "") {
    const m = parseModuleInstanceStr(modStr);
    if (m.module === undefined || m.diags.some((d) => d.severity === "error")) throw new Malformed(`invalid module address ${modStr}`);
    module = m.module;
  }
  return {
    addr: new OutputValue(str(o.name, "name")).absolute(module),
    action: action as Action,
    before: value(o.before, "before"),
    after: value(o.after, "after"),
    sensitive: bool(o.sensitive, "sensitive"),
  };
}

function instanceAddr(x: unknown): AbsResourceInstance {
  const s = str(x, "address");
  const a = parseAbsResourceInstanceStr(s).addr;
  if (a === undefined) throw new Malformed(`invalid resource instance address ${s}`);
  return a;
}

function values(x: unknown, what: string): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, v] of Object.entries(obj(x, what))) out.set(k, value(v, `${what}.${k}`));
  return out;
}

function value(x: unknown, what: string): Value {
  const d = decodeValue(x);
  if (!d.ok) throw new Malformed(`${what}: ${d.message}`);
  return d.value;
}

function obj(x: unknown, what: string): Obj {
  if (x === null || typeof x !== "object" || Array.isArray(x)) throw new Malformed(`${what} must be an object`);
  return x as Obj;
}
function arr(x: unknown, what: string): unknown[] {
  if (!Array.isArray(x)) throw new Malformed(`${what} must be an array`);
  return x;
}
function str(x: unknown, what: string): string {
  if (typeof x !== "string") throw new Malformed(`${what} must be a string`);
  return x;
}
function strs(x: unknown, what: string): string[] {
  return arr(x, what).map((s) => str(s, what));
}
function bool(x: unknown, what: string): boolean {
  if (typeof x !== "boolean") throw new Malformed(`${what} must be true or false`);
  return x;
}
