// Scenario directories (test/core/scenarios/<name>/): `prior.tf` (applied first to make the prior state) or a
// `cairn.tfstate`, `main.tf`, optional `args.json`, and the golden `plan.txt` rendered by the real renderer.
// After a successful plan the scenario is applied and planned again, which must show no changes.
// UPDATE_GOLDEN=1 rewrites the golden files.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "./support/harness.js";
import { renderPlan } from "../../cmd/views/plan/index.js";
import { parseAbsProviderConfigStr } from "../../addrs/parse-provider.js";
import { parseAbsResourceInstanceStr, parseTargetStr, type Target } from "../../addrs/parse-target.js";
import { TestThingCloud } from "../providers/support/test-thing-cloud.js";
import type { StateFile } from "../../state/model.js";
import { parseState } from "../../state/parse.js";
import type { Plan } from "../../planner/plan/model.js";
import type { Harness } from "./support/harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const scenariosDir = resolve(here, "../../../test/core/scenarios");

interface Args {
  vars?: Record<string, string>;
  replace?: string[];
  targets?: string[];
  excludes?: string[];
  mode?: "normal" | "destroy" | "refresh-only";
  refresh?: boolean;
  taint?: string[];
  expectError?: string;
  /** Names of test_things to delete or resize behind Cairn's back after the prior apply (drift). */
  driftDelete?: string[];
  /** Instances whose object becomes deposed (key 00000001) after the prior apply, as a failed create_before_destroy leaves it. */
  depose?: string[];
}

export function render(h: Harness, plan: Plan, core: { schema: (p: string, m: "managed" | "data", t: string) => unknown }): string {
  void h;
  return renderPlan(plan, { color: false, schemaFor: core.schema as never });
}

function normalize(s: string): string {
  return s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

for (const name of existsSync(scenariosDir) ? readdirSync(scenariosDir).sort() : []) {
  test(`scenario ${name}`, async () => {
    const src = join(scenariosDir, name);
    const work = mkdtempSync(join(tmpdir(), `cairn-scn-${name}-`));
    cpSync(src, work, { recursive: true });
    const args: Args = existsSync(join(work, "args.json")) ? JSON.parse(readFileSync(join(work, "args.json"), "utf8")) : {};
    const cloud = new TestThingCloud();
    let prior: StateFile | undefined;
    if (existsSync(join(work, "prior.tf"))) {
      const pdir = mkdtempSync(join(tmpdir(), `cairn-prior-${name}-`));
      renameSync(join(work, "prior.tf"), join(pdir, "main.tf"));
      const p = await harness(pdir, { cloud, vars: args.vars });
      assert.deepEqual(p.diags.filter((d) => d.severity === "error"), []);
      const r = await p.h!.converge();
      assert.deepEqual(r.diags.filter((d) => d.severity === "error"), [], "prior apply");
      prior = r.state;
    } else if (existsSync(join(work, "cairn.tfstate"))) {
      prior = parseState(readFileSync(join(work, "cairn.tfstate"), "utf8"), "cairn.tfstate").state;
    }
    for (const addr of args.taint ?? []) {
      for (const r of prior!.resources) for (const i of r.instances) if (`${r.type}.${r.name}${i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`}` === addr) i.status = "tainted";
    }
    for (const addr of args.depose ?? []) {
      for (const r of prior!.resources) for (const i of r.instances) if (`${r.type}.${r.name}${i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`}` === addr) i.deposed = "00000001";
    }
    for (const n of args.driftDelete ?? []) {
      const o = cloud.findByName(n);
      if (o) cloud.delete(o.id);
    }
    const { h, diags } = await harness(work, { cloud, vars: args.vars });
    assert.deepEqual(diags.filter((d) => d.severity === "error"), []);
    const targets = (args.targets ?? []).map((t) => parseTargetStr(t).target as Target);
    const excludes = (args.excludes ?? []).map((t) => parseTargetStr(t).target as Target);
    const replace = (args.replace ?? []).map((t) => parseAbsResourceInstanceStr(t).addr!);
    const p = await h!.plan(prior, { mode: args.mode, refresh: args.refresh, targets, excludes, forceReplace: replace });
    const errors = p.diags.filter((d) => d.severity === "error");
    if (args.expectError !== undefined) {
      assert.ok(errors.some((d) => d.summary === args.expectError), `expected ${args.expectError}, got ${JSON.stringify(errors.map((d) => d.summary))}`);
      assert.ok(errors.every((d) => d.subject !== undefined || d.address !== undefined), "errors carry a location or address");
      return;
    }
    assert.deepEqual(errors, []);
    const core = h!.providers[h!.providers.length - 1];
    void core;
    const schemas = new Map<string, unknown>();
    const schemaFor = (providerAddr: string, mode: "managed" | "data", type: string) => {
      const pa = parseAbsProviderConfigStr(providerAddr).addr;
      if (!pa) return undefined;
      return lookupSchema(pa.provider.toString(), mode, type, schemas);
    };
    const text = normalize(renderPlan(p.plan!, { color: false, schemaFor: schemaFor as never }));
    const golden = join(src, "plan.txt");
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, text);
    else assert.equal(text, readFileSync(golden, "utf8"));
    // Apply, then the same configuration plans no changes.
    if (!p.plan!.applyable || args.targets || args.excludes || args.mode === "refresh-only") return;
    const a = await h!.apply(p.plan!, prior);
    assert.deepEqual(a.diags.filter((d) => d.severity === "error"), []);
    if (args.mode === "destroy") {
      assert.equal(a.state.resources.filter((r) => r.mode === "managed").length, 0);
      return;
    }
    const again = await h!.plan(a.state, { refresh: args.refresh });
    const pending = again.plan!.resourceChanges.filter((c) => c.action !== "no-op").map((c) => `${c.addr} ${c.action}`);
    assert.deepEqual(pending, [], "apply then plan is empty");
  });
}

import { TerraformProvider } from "../../providers/terraform/index.js";
import { TestThingProvider, testProviderAddr } from "../providers/support/test-thing-provider.js";
import { Provider } from "../../addrs/provider.js";
function lookupSchema(provider: string, mode: "managed" | "data", type: string, _cache: Map<string, unknown>) {
  void _cache;
  const p = provider === testProviderAddr.toString() ? new TestThingProvider() : provider === Provider.implied("terraform").toString() ? new TerraformProvider() : undefined;
  if (!p) return undefined;
  // getSchema is async in the interface, but both providers build it synchronously; resolve eagerly.
  return schemaSync(p, mode, type);
}
import { testThingSchema, testThingDataSchema } from "../providers/support/test-thing-schema.js";
import { dataResourceSchema } from "../../providers/terraform/index.js";
function schemaSync(p: unknown, mode: "managed" | "data", type: string) {
  if (p instanceof TestThingProvider) return (mode === "managed" ? testThingSchema : testThingDataSchema).block;
  if (type === "terraform_data") return dataResourceSchema.block;
  return undefined;
}
