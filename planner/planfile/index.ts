// Saved plans (`cairn plan -out=FILE`, `cairn apply FILE`, `cairn show FILE`): one file holding the plan,
// the prior state, a snapshot of the configuration and the variable values, optionally encrypted. Values
// keep their types, unknowns and sensitive marks (value-codec.ts), states keep every digit (json-exact).
// Imports planner and state code only; the commands in cmd/ call writePlanFile, readPlanFile and
// checkPlanApplicable. Problems are diagnostics; nothing here throws at a user.

import { readFile, writeFile } from "node:fs/promises";
import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { Value } from "../../lang/values/value.js";
import type { Plan } from "../plan/model.js";
import { canonicalJson, parseJsonExact, type JsonValue } from "../../lang/values/json-exact.js";
import type { StateFile } from "../../state/model.js";
import type { ConfigFile } from "./config-snapshot.js";
import { openPlan, sealPlan, type PlanEncryption } from "./container.js";
import { decodePlan, decodeValues, encodePlan, encodeValues } from "./plan-codec.js";

export { checkPlanApplicable } from "./staleness.js";
export { snapshotConfigFiles, compareConfigFiles, type ConfigFile } from "./config-snapshot.js";
export { isPlanFileBytes, type PlanEncryption } from "./container.js";

export interface PlanFile {
  readonly plan: Plan;
  readonly configSnapshot: readonly ConfigFile[];
  readonly variableValues: ReadonlyMap<string, Value>;
  readonly priorState: StateFile;
  /** The Cairn version that wrote the file. */
  readonly cairnVersion: string;
  /** The workspace the plan was made in (absent in files written before it was recorded). */
  readonly workspace?: string;
}

export interface WritePlanInput {
  readonly plan: Plan;
  readonly configSnapshot: readonly ConfigFile[];
  readonly variableValues?: ReadonlyMap<string, Value>;
  readonly priorState?: StateFile;
  readonly cairnVersion?: string;
  readonly workspace?: string;
}

export interface PlanFileOptions {
  readonly encryption?: PlanEncryption;
}

export function planFileDocument(input: WritePlanInput): string {
  const doc = {
    cairn_version: input.cairnVersion ?? "",
    plan: encodePlan(input.plan),
    config: input.configSnapshot.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes).toString("base64") })),
    variables: encodeValues(input.variableValues ?? input.plan.variableValues),
    prior_state: input.priorState ?? input.plan.priorState,
    ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
  };
  return canonicalJson(doc as unknown as JsonValue);
}

export async function planFileBytes(input: WritePlanInput, opts: PlanFileOptions = {}): Promise<Uint8Array> {
  return sealPlan(planFileDocument(input), opts.encryption);
}

export async function writePlanFile(path: string, input: WritePlanInput, opts: PlanFileOptions = {}): Promise<Diagnostic[]> {
  try {
    await writeFile(path, await planFileBytes(input, opts));
    return [];
  } catch (err) {
    return [errorDiag("Failed to write plan file", `The plan file ${path} could not be written: ${(err as Error).message}.`)];
  }
}

export async function readPlanFile(path: string, opts: PlanFileOptions = {}): Promise<{ planFile?: PlanFile; diags: Diagnostic[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file or directory" : (err as Error).message;
    return { diags: [loadError(path, `open ${path}: ${reason}`)] };
  }
  return parsePlanFileBytes(bytes, path, opts);
}

export async function parsePlanFileBytes(bytes: Uint8Array, path: string, opts: PlanFileOptions = {}): Promise<{ planFile?: PlanFile; diags: Diagnostic[] }> {
  const opened = await openPlan(bytes, opts.encryption);
  if (!opened.ok) return { diags: [loadError(path, opened.message)] };
  const parsed = parseJsonExact(opened.documentJson);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { diags: [loadError(path, "the plan document is not valid JSON")] };
  }
  const doc = parsed.value as { [k: string]: JsonValue };
  const plan = decodePlan(doc.plan);
  if (!plan.ok) return { diags: [loadError(path, `invalid plan: ${plan.message}`)] };
  const vars = decodeValues(doc.variables, "variables");
  if (!vars.ok) return { diags: [loadError(path, `invalid variables: ${vars.message}`)] };
  const config = doc.config;
  if (!Array.isArray(config) || !config.every((f) => isConfigEntry(f))) return { diags: [loadError(path, "invalid configuration snapshot")] };
  const prior = doc.prior_state;
  if (prior === null || typeof prior !== "object" || Array.isArray(prior)) return { diags: [loadError(path, "invalid prior state")] };
  return {
    planFile: {
      plan: plan.value,
      configSnapshot: (config as { name: string; bytes: string }[]).map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes, "base64") })),
      variableValues: vars.value,
      priorState: prior as unknown as StateFile,
      cairnVersion: typeof doc.cairn_version === "string" ? doc.cairn_version : "",
      ...(typeof doc.workspace === "string" ? { workspace: doc.workspace } : {}),
    },
    diags: [],
  };
}

function isConfigEntry(f: JsonValue): boolean {
  return f !== null && typeof f === "object" && !Array.isArray(f) && typeof (f as { name?: unknown }).name === "string" && typeof (f as { bytes?: unknown }).bytes === "string";
}

/** Terraform's wording when `apply FILE` cannot load the file. */
function loadError(path: string, reason: string): Diagnostic {
  return errorDiag(`Failed to load "${path}" as a plan file`, `Error: ${reason}`);
}
