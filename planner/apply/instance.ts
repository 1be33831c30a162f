// One resource instance operation at apply time (OpenTofu's NodeApplyableResourceInstance and
// NodeDestroyResourceInstance): re-plan with the now-known configuration (unless the plan asked the provider
// the same question in this run: docs/providers.md), record a create's intent durably
// before sending it, call the provider, record the result at once (a failed create that left an object is
// recorded tainted), and tell the view.

import { randomBytes, randomUUID } from "node:crypto";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { rawEquals, type Value } from "../../lang/values/value.js";
import { remark, sensitivePaths } from "../eval/marks.js";
import { instanceRefOf } from "../eval/state-index.js";
import { instanceToValue, nullObject, valueToStateAttributes } from "../eval/state-values.js";
import { proposedNewState } from "../../providers/objchange/proposed-new.js";
import type { PlanResourceChangeResponse, ProviderInterface } from "../../providers/interface.js";
import type { PlannedWith } from "../plan/model.js";
import type { Schema } from "../../providers/schema.js";
import type { SyntaxBody } from "../../lang/body.js";
import { withClientToken } from "../../state/private.js";
import type { InstanceState } from "../../state/model.js";
import type { ApplyWalkContext } from "./apply-context.js";
import { inconsistencies } from "./consistency.js";
import { compareGoStrings } from "../../lang/values/json-exact.js";

export interface InstanceTarget {
  readonly addr: AbsResourceInstance;
  readonly provider: ProviderInterface;
  readonly providerAddr: string;
  readonly schema: Schema;
  readonly each?: "list" | "map";
  readonly createBeforeDestroy: boolean;
  /** The resource block's body (absent for objects no longer configured). */
  readonly body?: SyntaxBody;
}

/** A provider's diagnostics name the instance, and point at its resource block when they carry no location. */
const at = (t: InstanceTarget, ds: readonly Diagnostic[]) =>
  ds.map((d) => ({ ...d, address: d.address ?? t.addr.toString(), ...(d.subject === undefined && t.body !== undefined ? { subject: t.body.missingItemRange() } : {}) }));

export function idForDisplay(v: Value | undefined): string | undefined {
  if (v === undefined || !v.isKnown() || v.isNull() || !(v.raw instanceof Map)) return undefined;
  const id = v.asEntries().get("id");
  // A sensitive id is not shown in apply progress (the security rule: never in output or logs).
  if (id === undefined || !id.isKnown() || id.isNull() || id.type.kind !== "string" || id.containsMarked()) return undefined;
  return id.unmark().asString();
}

function currentInstance(ctx: ApplyWalkContext, addr: AbsResourceInstance, deposed?: string): InstanceState | undefined {
  return ctx.sink.instance(instanceRefOf(addr, deposed));
}

/** Deletes the object at `addr` (or its deposed object). Returns false when it failed. */
export async function destroyInstance(ctx: ApplyWalkContext, t: InstanceTarget, deposed?: string): Promise<boolean> {
  const inst = currentInstance(ctx, t.addr, deposed);
  if (inst === undefined) return true; // already gone
  const prior = instanceToValue(inst, t.schema.block);
  if (!prior.ok) {
    ctx.failures.push({ severity: "error", summary: "Invalid resource instance data in state", detail: prior.message, address: t.addr.toString() });
    return false;
  }
  const name = deposed ? `${t.addr.toString()} (deposed object ${deposed})` : t.addr.toString();
  const id = idForDisplay(prior.value);
  if (ctx.signal?.aborted) return false;
  ctx.hooks.preApply(name, "delete", id);
  const [plainPrior] = prior.value.unmarkDeep();
  const resp = await ctx.semaphore.run(() =>
    t.provider.applyResourceChange({
      typeName: t.addr.resource.resource.type,
      priorState: plainPrior,
      plannedState: nullObject(t.schema.block),
      config: nullObject(t.schema.block),
      plannedPrivate: inst.private,
      clientToken: randomUUID(),
    }),
  );
  if (resp === undefined) {
    // Interrupted before it started: the object stays as it is.
    ctx.hooks.postApply(name, "delete", id, true);
    return false;
  }
  const failed = hasErrors(resp.diagnostics);
  if (!failed) {
    ctx.sink.recordResult({ ref: instanceRefOf(t.addr, deposed), provider: t.providerAddr, instance: null });
    const fd = await ctx.sink.flush();
    if (fd.length > 0) {
      ctx.failures.push(...fd);
      return false;
    }
    ctx.counts.destroyed++;
  } else ctx.failures.push(...at(t, resp.diagnostics));
  ctx.hooks.postApply(name, "delete", id, failed);
  return !failed;
}

/** Moves the current object aside as deposed before a create_before_destroy replacement. */
export async function deposeCurrent(ctx: ApplyWalkContext, t: InstanceTarget): Promise<string | undefined> {
  const inst = currentInstance(ctx, t.addr);
  if (inst === undefined) return undefined;
  const key = randomBytes(4).toString("hex");
  ctx.sink.recordResult({ ref: instanceRefOf(t.addr, key), provider: t.providerAddr, each: t.each, instance: inst });
  ctx.sink.recordResult({ ref: instanceRefOf(t.addr), provider: t.providerAddr, each: t.each, instance: null });
  ctx.deposed.set(t.addr.key(), key);
  return key;
}

/**
 * The plan-time answer when the apply would ask the provider exactly what the plan asked: the same wholly known
 * configuration (marks included) against the same prior object and private data.
 */
function sameQuestion(p: PlannedWith | undefined, config: Value, plainPrior: Value, priorPrivate: string | undefined): PlanResourceChangeResponse | undefined {
  if (p === undefined || p.priorPrivate !== priorPrivate || !config.isWhollyKnown()) return undefined;
  return rawEquals(p.config, config) && rawEquals(p.prior, plainPrior) ? p.response : undefined;
}

/** Creates or updates the object at `addr` from its configuration value. Returns the new value, undefined on failure. */
export async function createOrUpdateInstance(ctx: ApplyWalkContext, t: InstanceTarget, config: Value, creating: boolean, plannedWith: PlannedWith | undefined, importedBefore?: Value): Promise<Value | undefined> {
  const typeName = t.addr.resource.resource.type;
  const priorInst = creating ? undefined : currentInstance(ctx, t.addr);
  let priorVal: Value = nullObject(t.schema.block);
  if (importedBefore !== undefined) priorVal = importedBefore;
  else if (priorInst) {
    const d = instanceToValue(priorInst, t.schema.block);
    if (d.ok) priorVal = d.value;
  }
  const paths = sensitivePaths(config);
  const [plainCfg] = config.unmarkDeep();
  const [plainPrior] = priorVal.unmarkDeep();
  // Only provider calls hold a -parallelism slot: waiting for the journal's fsync does not, so that one
  // group commit covers many operations (see planner/apply/walk.ts).
  const plan =
    sameQuestion(plannedWith, config, plainPrior, priorInst?.private) ??
    (await ctx.semaphore.run(() =>
      t.provider.planResourceChange({ typeName, address: t.addr.toString(), priorState: plainPrior, proposedNewState: proposedNewState(t.schema.block, plainPrior, plainCfg), config: plainCfg, priorPrivate: priorInst?.private, sensitiveConfigPaths: paths }),
    ));
  if (plan === undefined) return undefined; // interrupted: nothing was started
  if (hasErrors(plan.diagnostics)) {
    ctx.failures.push(...at(t, plan.diagnostics));
    return undefined;
  }
  const action = creating ? "create" : "update";
  const id = creating ? undefined : idForDisplay(priorVal);
  const ref = instanceRefOf(t.addr);
  const token = randomUUID();
  if (creating) {
    // The intent is durable before the provider hears of the create: a crash now cannot lose the object.
    ctx.sink.recordIntent({ ref, token, action: "create", provider: t.providerAddr });
    const fd = await ctx.sink.flush();
    if (fd.length > 0) {
      ctx.failures.push(...fd);
      return undefined;
    }
  }
  const resp = await ctx.semaphore.run(async () => {
    // Records waiting for the disk are memory: while too many are, this slot waits instead of producing more
    // (StateJournal.room). Inside the slot, so that at most -parallelism results are made past the budget.
    await ctx.sink.room();
    ctx.hooks.preApply(t.addr.toString(), action, id);
    return t.provider.applyResourceChange({ typeName, priorState: plainPrior, plannedState: plan.plannedState, config: plainCfg, plannedPrivate: plan.plannedPrivate, sensitiveConfigPaths: paths, clientToken: token });
  });
  if (resp === undefined) {
    // Interrupted after the intent was recorded but before the provider heard of it: nothing to adopt.
    if (creating) ctx.sink.recordAbandon({ token });
    await ctx.sink.flush();
    return undefined;
  }
  let failed = hasErrors(resp.diagnostics);
  if (failed) ctx.failures.push(...at(t, resp.diagnostics));
  else if (!resp.newState.isNull()) {
    // What the provider planned as known must come back as planned (Terraform's consistency check). The
    // object is real and is recorded anyway; a create is recorded tainted so the next plan replaces it.
    const planned = remark(plan.plannedState, t.schema.block, paths, plan.sensitivePaths);
    const actual = remark(resp.newState, t.schema.block, paths, plan.sensitivePaths, resp.sensitivePaths);
    const problems = inconsistencies(planned, actual);
    for (const p of problems) ctx.failures.push(inconsistentResult(t, p));
    failed = problems.length > 0;
  }
  let newValue: Value | undefined;
  if (!resp.newState.isNull()) {
    // What was planned sensitive stays sensitive (Terraform re-applies the planned marks to the new state),
    // plus what the provider reports for the new state.
    newValue = remark(resp.newState, t.schema.block, paths, plan.sensitivePaths, resp.sensitivePaths);
    const attrs = valueToStateAttributes(newValue, t.schema.block);
    if ("error" in attrs) {
      ctx.failures.push({ severity: "error", summary: "Provider produced invalid object", detail: `Provider produced an invalid new value for ${t.addr.toString()}: ${attrs.error}. This is a bug in the provider.`, address: t.addr.toString() });
      if (creating) ctx.sink.recordAbandon({ token });
      await ctx.sink.flush();
      ctx.hooks.postApply(t.addr.toString(), action, id, true);
      return undefined;
    }
    let inst: InstanceState = {
      schema_version: t.schema.version,
      ...attrs,
      ...(resp.private !== undefined ? { private: resp.private } : {}),
      dependencies: recordedDependencies(ctx, t),
      ...(t.createBeforeDestroy ? { create_before_destroy: true } : {}),
    };
    if (creating) inst = { ...withClientToken(inst, token), ...(resp.private !== undefined ? { private: mergeToken(resp.private, token) } : {}) };
    if (failed && creating) inst = { ...inst, status: "tainted" };
    ctx.sink.recordResult({ ref, provider: t.providerAddr, each: t.each, instance: inst });
  } else if (creating && resp.outcomeUnknown !== true) {
    // Abandoned only when the provider is sure nothing was made; otherwise the next run looks it up.
    ctx.sink.recordAbandon({ token });
  }
  const fd = await ctx.sink.flush();
  if (fd.length > 0) {
    ctx.failures.push(...fd);
    return undefined;
  }
  if (!failed) {
    if (importedBefore !== undefined) ctx.counts.imported++;
    if (creating) ctx.counts.added++;
    else ctx.counts.changed++;
  }
  ctx.hooks.postApply(t.addr.toString(), action, idForDisplay(newValue) ?? id, failed);
  return failed ? undefined : newValue;
}

/** The resources `t` depends on, directly or not, sorted: its `dependencies` in state. */
export function recordedDependencies(ctx: ApplyWalkContext, t: InstanceTarget): string[] {
  return [...(ctx.dependencies.get(t.addr.containingResource().config().toString()) ?? [])].sort(compareGoStrings);
}

/**
 * An object the plan leaves unchanged still has its `dependencies` rewritten when the configuration's
 * changed (a new depends_on, a reference removed), as Terraform does.
 */
export async function refreshDependencies(ctx: ApplyWalkContext, t: InstanceTarget, existing: InstanceState): Promise<void> {
  const deps = recordedDependencies(ctx, t);
  const had = [...(existing.dependencies ?? [])].sort(compareGoStrings);
  if (had.length === deps.length && had.every((d, i) => d === deps[i])) return;
  ctx.sink.recordResult({ ref: instanceRefOf(t.addr), provider: t.providerAddr, each: t.each, instance: { ...existing, dependencies: deps } });
  ctx.failures.push(...(await ctx.sink.flush()));
}

/** The provider's private data with Cairn's client token added (kept if the provider already set it). */
function mergeToken(priv: string, token: string): string {
  return withClientToken({ schema_version: 0, attributes: {}, sensitive_attributes: [], private: priv }, token).private === priv ? priv : keepProviderPrivate(priv, token);
}

function keepProviderPrivate(priv: string, token: string): string {
  try {
    const data = JSON.parse(Buffer.from(priv, "base64").toString("utf8")) as Record<string, unknown>;
    if (typeof data === "object" && data !== null) return Buffer.from(JSON.stringify({ ...data, cairn_client_token: data.cairn_client_token ?? token }), "utf8").toString("base64");
  } catch {
    // not JSON: Cairn's token replaces it below
  }
  return withClientToken({ schema_version: 0, attributes: {}, sensitive_attributes: [], private: priv }, token).private!;
}

function inconsistentResult(t: InstanceTarget, problem: string): Diagnostic {
  return {
    severity: "error",
    summary: "Provider produced inconsistent result after apply",
    detail: `When applying changes to ${t.addr.toString()}, provider ${JSON.stringify(t.providerAddr)} produced an unexpected new value: ${problem}.\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.`,
    address: t.addr.toString(),
  };
}
