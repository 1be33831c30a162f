// Runs a scenario's steps under one driver in a fresh working directory and records what it answered.

import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "./drivers.js";
import type { Scenario, Step, StepAnswer } from "./model.js";

/** The parts of `show -json` that are compared (the rest of the document is ignored). */
export const planKeys = [
  "resource_changes",
  "resource_drift",
  "output_changes",
  "prior_state",
  "checks",
  "relevant_attributes",
  "configuration",
  "errored",
  "applyable",
  "complete",
] as const;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Replaces the working directory's configuration with the scenario's folder `config`. */
export function placeConfig(scenarioDir: string, config: string, cwd: string, previous: readonly string[]): string[] {
  for (const name of previous) rmSync(join(cwd, name), { recursive: true, force: true });
  const names = readdirSync(join(scenarioDir, config));
  for (const name of names) cpSync(join(scenarioDir, config, name), join(cwd, name), { recursive: true });
  return names;
}

export interface RunOptions {
  /** Also ask, after each step, whether a plan of the resulting state has changes (Terraform's self-check). */
  readonly selfPlan?: boolean;
}

export async function runScenario(driver: Driver, scenario: Scenario, opts: RunOptions = {}): Promise<StepAnswer[]> {
  const cwd = mkdtempSync(join(tmpdir(), `conf-${driver.name}-${scenario.name}-`));
  const answers: StepAnswer[] = [];
  let placed: string[] = [];
  try {
    for (const step of scenario.steps) {
      if (step.config !== undefined) {
        placed = placeConfig(scenario.dir, step.config, cwd, placed);
        await driver.run(cwd, ["init", "-input=false"]);
      }
      answers.push(await runStep(driver, cwd, step, opts));
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  return answers;
}

async function runStep(driver: Driver, cwd: string, step: Step, opts: RunOptions): Promise<StepAnswer> {
  const r = await driver.run(cwd, step.args);
  let plan: Record<string, unknown> | null | undefined;
  if (step.show !== undefined) {
    const s = await driver.run(cwd, ["show", "-json", step.show]);
    const doc = s.code === 0 ? parseJson(s.stdout) : undefined;
    if (doc !== null && typeof doc === "object") {
      const whole = doc as Record<string, unknown>;
      plan = Object.fromEntries(planKeys.filter((k) => k in whole).map((k) => [k, whole[k]]));
    } else {
      plan = null;
    }
  }
  const o = await driver.run(cwd, ["output", "-json"]);
  const outputs = o.code === 0 ? (parseJson(o.stdout) ?? null) : null;
  const p = await driver.run(cwd, ["state", "pull"]);
  const pulled = p.code === 0 ? parseJson(p.stdout) : undefined;
  const state = pulled !== null && typeof pulled === "object" ? (pulled as Record<string, unknown>) : null;
  const answer: StepAnswer = { exit: r.code, ...(plan !== undefined ? { plan } : {}), outputs, state };
  if (opts.selfPlan === true && state !== null) {
    const sp = await driver.run(cwd, ["plan", "-input=false", "-lock=false", "-detailed-exitcode"]);
    return { ...answer, selfPlanExit: sp.code };
  }
  return answer;
}

/**
 * The cross-check: `driver` plans the configuration of a scenario step against a state the other program
 * wrote; returns the exit code of `plan -detailed-exitcode` (0: no changes).
 */
export async function planOnForeignState(driver: Driver, scenario: Scenario, config: string, state: Record<string, unknown>): Promise<RunOutput2> {
  const cwd = mkdtempSync(join(tmpdir(), `conf-x-${driver.name}-${scenario.name}-`));
  try {
    placeConfig(scenario.dir, config, cwd, []);
    await driver.run(cwd, ["init", "-input=false"]);
    writeFileSync(join(cwd, driver.stateFile), JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
    const r = await driver.run(cwd, ["plan", "-input=false", "-lock=false", "-detailed-exitcode", "-no-color"]);
    return { exit: r.code, detail: r.code === 0 ? "" : (r.stdout + r.stderr).slice(0, 2000) };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export interface RunOutput2 {
  readonly exit: number;
  readonly detail: string;
}

/** The configuration folder in effect at step `i`. */
export function configAt(scenario: Scenario, i: number): string | undefined {
  for (let j = i; j >= 0; j--) {
    const c = scenario.steps[j]!.config;
    if (c !== undefined) return c;
  }
  return undefined;
}
