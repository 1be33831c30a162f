// Real plans for the artifact tests: every scenario directory of the planner core's suite
// (test/core/scenarios/<name>: prior.tf applied first, main.tf planned with args.json) planned through the
// real CoreContext with the built-in terraform provider and the test provider, so the JSON plan, saved-plan
// and concise goldens cover every action and reason the planner produces.

import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "../../core/support/harness.js";
import { TestThingCloud } from "../../providers/support/test-thing-cloud.js";
import { testThingDataSchema, testThingSchema, testProviderConfigSchema } from "../../providers/support/test-thing-schema.js";
import { testProviderAddr } from "../../providers/support/test-thing-provider.js";
import { dataResourceSchema } from "../../../providers/terraform/index.js";
import { Provider } from "../../../addrs/provider.js";
import { parseAbsProviderConfigStr } from "../../../addrs/parse-provider.js";
import { parseAbsResourceInstanceStr, parseTargetStr, type Target } from "../../../addrs/parse-target.js";
import { loadModuleDir, type ConfigModule } from "../../../config/index.js";
import type { Plan } from "../../../planner/plan/model.js";
import type { Schema } from "../../../providers/schema.js";
import type { StateFile } from "../../../state/model.js";
import { parseState } from "../../../state/parse.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");
export const scenariosDir = join(repoRoot, "test/core/scenarios");
export const goldenDir = join(repoRoot, "test/artifacts/golden");

interface Args {
  vars?: Record<string, string>;
  replace?: string[];
  targets?: string[];
  excludes?: string[];
  mode?: "normal" | "destroy" | "refresh-only";
  refresh?: boolean;
  taint?: string[];
  expectError?: string;
  driftDelete?: string[];
}

export interface ScenarioPlan {
  readonly name: string;
  readonly dir: string;
  readonly plan: Plan;
  readonly config: ConfigModule;
  readonly prior?: StateFile;
}

/** Schemas of the providers the scenarios use, with their versions. */
export function scenarioSchemaFor(providerAddr: string, mode: "managed" | "data", type: string): Schema | undefined {
  const p = parseAbsProviderConfigStr(providerAddr).addr?.provider.toString() ?? providerAddr;
  if (p === testProviderAddr.toString()) return mode === "managed" ? testThingSchema : testThingDataSchema;
  if (p === Provider.implied("terraform").toString() && type === "terraform_data" && mode === "managed") return dataResourceSchema;
  return undefined;
}

export function scenarioProviderSchemaFor(provider: string): Schema | undefined {
  return provider === testProviderAddr.toString() ? testProviderConfigSchema : undefined;
}

export function scenarioNames(): string[] {
  return existsSync(scenariosDir) ? readdirSync(scenariosDir).sort() : [];
}

/** Plans one scenario; undefined for scenarios whose plan is expected to fail. */
export async function planScenario(name: string): Promise<ScenarioPlan | undefined> {
  const src = join(scenariosDir, name);
  const work = mkdtempSync(join(tmpdir(), `cairn-art-${name}-`));
  cpSync(src, work, { recursive: true });
  const args: Args = existsSync(join(work, "args.json")) ? (JSON.parse(readFileSync(join(work, "args.json"), "utf8")) as Args) : {};
  if (args.expectError !== undefined) return undefined;
  const cloud = new TestThingCloud();
  let prior: StateFile | undefined;
  if (existsSync(join(work, "prior.tf"))) {
    const pdir = mkdtempSync(join(tmpdir(), `cairn-art-prior-${name}-`));
    renameSync(join(work, "prior.tf"), join(pdir, "main.tf"));
    const p = await harness(pdir, { cloud, vars: args.vars });
    if (p.h === undefined) throw new Error(`prior config of ${name} failed: ${JSON.stringify(p.diags)}`);
    prior = (await p.h.converge()).state;
  } else if (existsSync(join(work, "cairn.tfstate"))) {
    prior = parseState(readFileSync(join(work, "cairn.tfstate"), "utf8"), "cairn.tfstate").state;
  }
  for (const addr of args.taint ?? []) {
    for (const r of prior!.resources) {
      for (const i of r.instances) {
        if (`${r.type}.${r.name}${i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`}` === addr) i.status = "tainted";
      }
    }
  }
  for (const n of args.driftDelete ?? []) {
    const o = cloud.findByName(n);
    if (o) cloud.delete(o.id);
  }
  const { h, diags } = await harness(work, { cloud, vars: args.vars });
  if (h === undefined) throw new Error(`config of ${name} failed: ${JSON.stringify(diags)}`);
  const p = await h.plan(prior, {
    mode: args.mode,
    refresh: args.refresh,
    targets: (args.targets ?? []).map((t) => parseTargetStr(t).target as Target),
    excludes: (args.excludes ?? []).map((t) => parseTargetStr(t).target as Target),
    forceReplace: (args.replace ?? []).map((t) => parseAbsResourceInstanceStr(t).addr!),
  });
  if (p.plan === undefined) throw new Error(`plan of ${name} failed: ${JSON.stringify(p.diags)}`);
  const prev = process.cwd();
  process.chdir(work);
  let config: ConfigModule;
  try {
    config = loadModuleDir(".").module;
  } finally {
    process.chdir(prev);
  }
  return { name, dir: work, plan: p.plan, config, prior };
}
