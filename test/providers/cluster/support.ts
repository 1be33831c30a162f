// Driving the cluster provider as the planner does: proposedNewState -> planResourceChange -> assertPlanValid
// -> applyResourceChange, with configuration written as plain objects.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { type Value, nullVal, rawEquals } from "../../../lang/values/value.js";
import { assertPlanValid, getAttr, impliedType, proposedNewState, type Schema, type BlockSchema } from "../../../providers/index.js";
import { ClusterProvider, clusterProviderSource } from "../../../providers/cluster/index.js";
import { type Plain, type PlainObject, fromPlain, toPlain, toPlainObject } from "../../../providers/cluster/plain.js";
import { blockValue } from "../../../providers/schema.js";

export function tempDir(prefix = "cairn-cluster-provider-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export class Harness {
  readonly provider: ClusterProvider;
  private schemas = new Map<string, Schema>();
  private dataSchemas = new Map<string, Schema>();
  private counter = 0;

  constructor(provider: ClusterProvider) {
    this.provider = provider;
  }

  static async open(settings: PlainObject, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Harness> {
    const h = new Harness(new ClusterProvider({ cwd: options.cwd, env: options.env ?? {} }));
    const s = await h.provider.getSchema();
    h.schemas = new Map(s.resourceTypes);
    h.dataSchemas = new Map(s.dataSources);
    const cfg = fromPlain(settings, impliedType(s.provider.block));
    const v = await h.provider.validateProviderConfig({ config: cfg });
    assert.deepEqual(v.diagnostics, []);
    const c = await h.provider.configureProvider({ cairnVersion: "test", config: v.preparedConfig });
    assert.deepEqual(c.diagnostics, []);
    return h;
  }

  schema(type: string): Schema {
    const s = this.schemas.get(type);
    if (!s) throw new Error(`no schema for ${type}`);
    return s;
  }

  /** A configuration value: attributes from `plain`, absent nested blocks as configuration has them. */
  config(type: string, plain: PlainObject): Value {
    return configValue(this.schema(type).block, plain);
  }

  async plan(type: string, prior: Value, config: Value | null) {
    const block = this.schema(type).block;
    const cfg = config ?? nullVal(impliedType(block));
    const proposed = proposedNewState(block, prior, cfg);
    const r = await this.provider.planResourceChange({ typeName: type, priorState: prior, proposedNewState: proposed, config: cfg });
    const invalid = r.diagnostics.length === 0 ? assertPlanValid({ schema: block, prior, config: cfg, planned: r.plannedState, provider: clusterProviderSource, address: `${type}.x` }) : [];
    assert.deepEqual(invalid, [], "the plan must be valid");
    return r;
  }

  async apply(type: string, prior: Value, planned: Value, config: Value | null, token?: string) {
    const cfg = config ?? nullVal(impliedType(this.schema(type).block));
    return this.provider.applyResourceChange({ typeName: type, priorState: prior, plannedState: planned, config: cfg, clientToken: token ?? `token-${++this.counter}` });
  }

  /** Plan and apply a create (or update from `prior`); fails the test on any diagnostic. */
  async converge(type: string, plain: PlainObject, prior: Value = this.none(type)): Promise<Value> {
    const cfg = this.config(type, plain);
    const p = await this.plan(type, prior, cfg);
    assert.deepEqual(messages(p.diagnostics), []);
    const a = await this.apply(type, prior, p.plannedState, cfg);
    assert.deepEqual(messages(a.diagnostics), []);
    assert.ok(a.newState.isWhollyKnown(), "applied state is wholly known");
    return a.newState;
  }

  async destroy(type: string, prior: Value): Promise<void> {
    const p = await this.plan(type, prior, null);
    const a = await this.apply(type, prior, p.plannedState, null);
    assert.deepEqual(messages(a.diagnostics), []);
    assert.ok(a.newState.isNull());
  }

  async read(type: string, prior: Value): Promise<Value> {
    const r = await this.provider.readResource({ typeName: type, priorState: prior });
    assert.deepEqual(messages(r.diagnostics), []);
    return r.newState;
  }

  /** A plan of the same configuration against `state` plans no change. */
  async assertNoOp(type: string, state: Value, plain: PlainObject): Promise<void> {
    const p = await this.plan(type, state, this.config(type, plain));
    assert.deepEqual(messages(p.diagnostics), []);
    assert.deepEqual(p.requiresReplace, []);
    assert.ok(rawEquals(p.plannedState, state), `no-op plan expected for ${type}:\nstate   ${JSON.stringify(toPlain(state))}\nplanned ${JSON.stringify(toPlain(p.plannedState))}`);
  }

  none(type: string): Value {
    return nullVal(impliedType(this.schema(type).block));
  }

  async readData(type: string, plain: PlainObject): Promise<PlainObject> {
    const s = this.dataSchemas.get(type)!;
    const r = await this.provider.readDataSource({ typeName: type, config: configValue(s.block, plain) });
    assert.deepEqual(messages(r.diagnostics), []);
    return toPlainObject(r.state);
  }

  close(): Promise<void> {
    return this.provider.close();
  }
}

function configValue(block: BlockSchema, plain: PlainObject): Value {
  const given: Record<string, Value> = {};
  const t = impliedType(block);
  for (const [k, v] of Object.entries(plain)) given[k] = fromPlain(v as Plain, t.attrs.get(k)!);
  return blockValue(block, given);
}

export function attr(v: Value, name: string): Plain {
  return toPlain(getAttr(v, name));
}

export function messages(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.summary}: ${d.detail ?? ""}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `check` until it returns true (another connection's writes reach this one by polling). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) assert.fail("condition not reached in time");
    await sleep(50);
  }
}
