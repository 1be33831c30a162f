// Multi-step plan/apply scenarios: what a scenario is, and how one is read from its fixture directory.
//
// A scenario is a folder under cases/ holding `scenario.json` and one folder of configuration per distinct
// configuration it uses. Each step names the configuration to put in the working directory (the previous
// one stays when omitted) and the command to run, as its arguments after the program name.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const casesDir = fileURLToPath(new URL("../../../../test/conformance/scenarios/cases/", import.meta.url));
export const answersDir = fileURLToPath(new URL("../../../../test/conformance/scenarios/answers/", import.meta.url));

export interface Step {
  /** Folder (inside the scenario) whose files become the working directory's configuration. */
  readonly config?: string;
  /** The command's arguments, e.g. ["plan", "-out=tfplan"]. */
  readonly args: readonly string[];
  /** A saved plan file to compare through `show -json` after the command. */
  readonly show?: string;
  /** Leave this step out of the cross-check (its state only makes sense in a workspace other than default). */
  readonly noCrossCheck?: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly steps: readonly Step[];
}

export function loadScenarios(filter: (name: string) => boolean = () => true): Scenario[] {
  return readdirSync(casesDir)
    .filter((n) => existsSync(join(casesDir, n, "scenario.json")) && filter(n))
    .sort()
    .map((name) => {
      const dir = join(casesDir, name);
      const raw = JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8")) as { steps: Step[] };
      return { name, dir, steps: raw.steps.map(expandStep) };
    });
}

/** Shorthands: "plan" saves its plan to `tfplan` and shows it; "apply-saved" applies that file. */
function expandStep(s: Step): Step {
  const [cmd, ...rest] = s.args;
  if (cmd === "plan" && !rest.some((a) => a.startsWith("-out="))) {
    return { ...s, args: ["plan", "-input=false", "-out=tfplan", ...rest], show: s.show ?? "tfplan" };
  }
  if (cmd === "apply-saved") return { ...s, args: ["apply", "-input=false", "-auto-approve", ...rest, "tfplan"] };
  if (cmd === "apply" || cmd === "destroy") return { ...s, args: [cmd, "-input=false", "-auto-approve", ...rest] };
  return s;
}

/** What one program answered at one step. */
export interface StepAnswer {
  readonly exit: number;
  /** `show -json` of the saved plan, when the step has one (null when show failed). */
  readonly plan?: Record<string, unknown> | null;
  /** `output -json` (null when it failed). */
  readonly outputs: unknown;
  /** `state pull` (null when there is no state). */
  readonly state: Record<string, unknown> | null;
  /** `plan -detailed-exitcode` on the state as it stands after the step (Terraform's own answer). */
  readonly selfPlanExit?: number;
}

export interface ScenarioAnswers {
  readonly terraform: string;
  readonly steps: StepAnswer[];
}
