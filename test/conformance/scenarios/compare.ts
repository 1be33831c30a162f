// Compares what Cairn answered at each step of a scenario with Terraform's cached answers.
//
// Values that differ between any two runs of the same program are normalized on both sides first: the
// state's terraform_version, lineage and serial, the plan's timestamp, and random ids (terraform_data's
// UUIDs become id-1, id-2, … in order of first appearance over the whole scenario, so a replaced object
// still shows as a new id).

import { isDeepStrictEqual } from "node:util";
import type { ScenarioAnswers, StepAnswer } from "./model.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class Ids {
  private readonly seen = new Map<string, string>();
  name(id: string): string {
    let n = this.seen.get(id);
    if (n === undefined) {
      n = `id-${this.seen.size + 1}`;
      this.seen.set(id, n);
    }
    return n;
  }
}

function normalize(v: unknown, ids: Ids): unknown {
  if (typeof v === "string") return uuid.test(v) ? ids.name(v) : v;
  if (Array.isArray(v)) return v.map((x) => normalize(x, ids));
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = normalize((v as Record<string, unknown>)[k], ids);
    return out;
  }
  return v;
}

/**
 * Cairn keeps the client token of the create that made an object in the instance's private data (crash
 * recovery, docs/conformance.md), where Terraform writes no private data for terraform_data: not compared.
 * The order of sensitive_attributes is not compared either.
 */
function withoutPrivate(resources: unknown): unknown {
  if (!Array.isArray(resources)) return resources;
  return resources.map((r: Record<string, unknown>) => ({
    ...r,
    instances: Array.isArray(r["instances"])
      ? (r["instances"] as Record<string, unknown>[]).map(({ private: _p, ...i }) => sortedSensitive(i))
      : r["instances"],
  }));
}

/** Terraform's order of sensitive_attributes follows no rule Cairn can reproduce: compared as a set. */
function sortedSensitive(i: Record<string, unknown>): Record<string, unknown> {
  const paths = i["sensitive_attributes"];
  if (!Array.isArray(paths)) return i;
  return { ...i, sensitive_attributes: [...paths].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
}

/** Terraform writes check_results in the order of a Go map walk, which changes between runs: compared sorted. */
function sortedChecks(c: unknown): unknown {
  if (!Array.isArray(c)) return c;
  const key = (x: { config_addr?: unknown }) => String(x.config_addr);
  return [...(c as { config_addr?: unknown }[])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function stateForCompare(state: Record<string, unknown> | null, ids: Ids): unknown {
  if (state === null) return null;
  const { terraform_version: _v, lineage: _l, serial: _s, ...rest } = state;
  return normalize({ ...rest, resources: withoutPrivate(rest["resources"]), check_results: sortedChecks(rest["check_results"]) }, ids);
}

function planForCompare(plan: Record<string, unknown> | null | undefined, ids: Ids): unknown {
  if (plan === undefined || plan === null) return plan;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(plan).sort()) {
    let v = plan[k];
    if (k === "prior_state" && v !== null && typeof v === "object") {
      const { terraform_version: _v, ...rest } = v as Record<string, unknown>;
      v = rest;
    }
    out[k] = normalize(v, ids);
  }
  return out;
}

export interface StepDiff {
  readonly step: number;
  /** What differs: "exit", "plan.resource_changes", "outputs", "state", … */
  readonly fields: string[];
}

/** The parts of the plan document the step score counts; the rest is reported but does not fail a step. */
export const scoredPlanKeys = new Set(["resource_changes", "output_changes", "prior_state", "checks", "errored"]);

export function compareScenario(expected: ScenarioAnswers, actual: readonly StepAnswer[]): StepDiff[] {
  const ei = new Ids();
  const ai = new Ids();
  const diffs: StepDiff[] = [];
  expected.steps.forEach((e, i) => {
    const a = actual[i];
    const fields: string[] = [];
    if (a === undefined) {
      diffs.push({ step: i, fields: ["missing"] });
      return;
    }
    if (e.exit !== a.exit) fields.push(`exit(${e.exit}≠${a.exit})`);
    if (e.plan !== undefined) {
      const ep = planForCompare(e.plan, ei) as Record<string, unknown> | null;
      const ap = planForCompare(a.plan, ai) as Record<string, unknown> | null | undefined;
      if (ep === null || ap === null || ap === undefined) {
        if (ep !== ap) fields.push("plan");
      } else {
        for (const k of new Set([...Object.keys(ep), ...Object.keys(ap)])) {
          if (!isDeepStrictEqual(ep[k], ap[k])) fields.push(`plan.${k}`);
        }
      }
    }
    if (!isDeepStrictEqual(normalize(e.outputs, ei), normalize(a.outputs, ai))) fields.push("outputs");
    if (!isDeepStrictEqual(stateForCompare(e.state, ei), stateForCompare(a.state, ai))) fields.push("state");
    if (fields.length > 0) diffs.push({ step: i, fields });
  });
  return diffs;
}

/** Whether a step's differences fail it (only unscored plan parts differing leaves it matched). */
export function stepFails(d: StepDiff): boolean {
  return d.fields.some((f) => !f.startsWith("plan.") || scoredPlanKeys.has(f.slice("plan.".length)));
}

/** A readable account of one field's difference, for a failing test or the conformance report. */
export function explain(expected: ScenarioAnswers, actual: readonly StepAnswer[], step: number, field: string): string {
  const ei = new Ids();
  const ai = new Ids();
  let e: unknown;
  let a: unknown;
  for (let i = 0; i <= step; i++) {
    const es = expected.steps[i]!;
    const as = actual[i];
    const ep = planForCompare(es.plan, ei) as Record<string, unknown> | null | undefined;
    const ap = planForCompare(as?.plan, ai) as Record<string, unknown> | null | undefined;
    const eo = normalize(es.outputs, ei);
    const ao = normalize(as?.outputs, ai);
    const est = stateForCompare(es.state, ei);
    const ast = stateForCompare(as?.state ?? null, ai);
    if (i !== step) continue;
    if (field.startsWith("plan.")) {
      const k = field.slice(5);
      e = ep?.[k];
      a = ap?.[k];
    } else if (field === "outputs") [e, a] = [eo, ao];
    else if (field === "state") [e, a] = [est, ast];
    else [e, a] = [es.exit, as?.exit];
  }
  return `terraform: ${JSON.stringify(e)}\ncairn:     ${JSON.stringify(a)}`;
}
