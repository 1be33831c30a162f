// The one loader of scenario directories (test/core/scenarios/<name>/), shared by the planner's scenario
// tests and the artifact tests: `prior.tf` (applied first to make the prior state) or a `cairn.tfstate`,
// `main.tf`, and an optional `args.json` (ScenarioArgs).

import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { harness } from "./harness.js";
import { TestThingCloud } from "../../providers/support/test-thing-cloud.js";
import { parseAbsResourceInstanceStr, parseTargetStr, type Target } from "../../../addrs/parse-target.js";
import type { AbsResourceInstance } from "../../../addrs/resource.js";
import type { StateFile } from "../../../state/model.js";
import { parseState } from "../../../state/parse.js";

export const scenariosDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../test/core/scenarios");

export interface ScenarioArgs {
  vars?: Record<string, string>;
  replace?: string[];
  targets?: string[];
  excludes?: string[];
  mode?: "normal" | "destroy" | "refresh-only";
  refresh?: boolean;
  taint?: string[];
  /** The summary of the error the plan must fail with. */
  expectError?: string;
  /** Names of test_things to delete behind Cairn's back after the prior apply (drift). */
  driftDelete?: string[];
  /** Instances whose object becomes deposed (key 00000001) after the prior apply, as a failed create_before_destroy leaves it. */
  depose?: string[];
}

export function scenarioNames(): string[] {
  return existsSync(scenariosDir) ? readdirSync(scenariosDir).sort() : [];
}

export function scenarioArgs(dir: string): ScenarioArgs {
  return existsSync(join(dir, "args.json")) ? (JSON.parse(readFileSync(join(dir, "args.json"), "utf8")) as ScenarioArgs) : {};
}

/** The scenarios whose plan succeeds (no expectError): the ones with a plan to render or save. */
export function plannedScenarioNames(): string[] {
  return scenarioNames().filter((n) => scenarioArgs(join(scenariosDir, n)).expectError === undefined);
}

export interface ScenarioSetup {
  readonly src: string;
  /** A private copy of the scenario directory (prior.tf moved out). */
  readonly work: string;
  readonly args: ScenarioArgs;
  readonly cloud: TestThingCloud;
  readonly prior?: StateFile;
}

function instanceAddr(r: StateFile["resources"][number], i: StateFile["resources"][number]["instances"][number]): string {
  return `${r.type}.${r.name}${i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`}`;
}

/** Copies the scenario and builds its prior state, with taints, deposed objects and drift applied. */
export async function setUpScenario(name: string): Promise<ScenarioSetup> {
  const src = join(scenariosDir, name);
  const work = mkdtempSync(join(tmpdir(), `cairn-scn-${name}-`));
  cpSync(src, work, { recursive: true });
  const args = scenarioArgs(work);
  const cloud = new TestThingCloud();
  let prior: StateFile | undefined;
  if (existsSync(join(work, "prior.tf"))) {
    const pdir = mkdtempSync(join(tmpdir(), `cairn-scn-prior-${name}-`));
    renameSync(join(work, "prior.tf"), join(pdir, "main.tf"));
    const p = await harness(pdir, { cloud, vars: args.vars });
    const loadErrors = p.diags.filter((d) => d.severity === "error");
    if (p.h === undefined || loadErrors.length > 0) throw new Error(`prior config of ${name} failed: ${JSON.stringify(loadErrors)}`);
    const r = await p.h.converge();
    const applyErrors = r.diags.filter((d) => d.severity === "error");
    if (applyErrors.length > 0) throw new Error(`prior apply of ${name} failed: ${JSON.stringify(applyErrors)}`);
    prior = r.state;
  } else if (existsSync(join(work, "cairn.tfstate"))) {
    prior = parseState(readFileSync(join(work, "cairn.tfstate"), "utf8"), "cairn.tfstate").state;
  }
  const marks: [string[] | undefined, (i: StateFile["resources"][number]["instances"][number]) => void][] = [
    [args.taint, (i) => (i.status = "tainted")],
    [args.depose, (i) => (i.deposed = "00000001")],
  ];
  for (const [addrs, mark] of marks) {
    for (const addr of addrs ?? []) {
      for (const r of prior!.resources) for (const i of r.instances) if (instanceAddr(r, i) === addr) mark(i);
    }
  }
  for (const n of args.driftDelete ?? []) {
    const o = cloud.findByName(n);
    if (o) cloud.delete(o.id);
  }
  return { src, work, args, cloud, prior };
}

/** The plan options args.json asks for. */
export function scenarioPlanOptions(args: ScenarioArgs): {
  mode?: ScenarioArgs["mode"];
  refresh?: boolean;
  targets: Target[];
  excludes: Target[];
  forceReplace: AbsResourceInstance[];
} {
  return {
    mode: args.mode,
    refresh: args.refresh,
    targets: (args.targets ?? []).map((t) => parseTargetStr(t).target as Target),
    excludes: (args.excludes ?? []).map((t) => parseTargetStr(t).target as Target),
    forceReplace: (args.replace ?? []).map((t) => parseAbsResourceInstanceStr(t).addr!),
  };
}
