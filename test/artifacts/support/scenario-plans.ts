// Real plans for the artifact tests: every scenario directory of the planner core's suite
// (test/core/scenarios/<name>: prior.tf applied first, main.tf planned with args.json) planned through the
// real CoreContext with the built-in terraform provider and the test provider, so the JSON plan, saved-plan
// and concise goldens cover every action and reason the planner produces.

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "../../core/support/harness.js";
import { plannedScenarioNames, scenarioPlanOptions, setUpScenario } from "../../core/support/scenario-setup.js";

export { plannedScenarioNames };
import { testThingDataSchema, testThingSchema, testProviderConfigSchema } from "../../providers/support/test-thing-schema.js";
import { testProviderAddr } from "../../providers/support/test-thing-provider.js";
import { dataResourceSchema } from "../../../providers/terraform/index.js";
import { Provider } from "../../../addrs/provider.js";
import { parseAbsProviderConfigStr } from "../../../addrs/parse-provider.js";
import { loadModuleDir, type ConfigModule } from "../../../config/index.js";
import type { Plan } from "../../../planner/plan/model.js";
import type { Schema } from "../../../providers/schema.js";
import type { StateFile } from "../../../state/model.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");
export const goldenDir = join(repoRoot, "test/artifacts/golden");


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


/** Plans one scenario whose plan succeeds (plannedScenarioNames). */
export async function planScenario(name: string): Promise<ScenarioPlan> {
  const { work, args, cloud, prior } = await setUpScenario(name);
  if (args.expectError !== undefined) throw new Error(`scenario ${name} fails to plan by design (${args.expectError}); use plannedScenarioNames()`);
  const { h, diags } = await harness(work, { cloud, vars: args.vars });
  if (h === undefined) throw new Error(`config of ${name} failed: ${JSON.stringify(diags)}`);
  const p = await h.plan(prior, scenarioPlanOptions(args));
  if (p.plan === undefined) throw new Error(`plan of ${name} failed: ${JSON.stringify(p.diags)}`);
  const config = loadModuleDir(".", work).module;
  return { name, dir: work, plan: p.plan, config, prior };
}
