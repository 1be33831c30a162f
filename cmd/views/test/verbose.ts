// `cairn test -verbose`: after each run, its plan (command = plan) as `cairn plan` renders it, or the state
// it left (command = apply) as `cairn show` renders it, as Terraform's test view does.

import type { RunReport } from "../../../operations/test/view.js";
import { renderPlan } from "../plan/index.js";
import { renderStateHuman } from "../state/state-human.js";

export function renderVerbose(r: RunReport, opts: { color: boolean; cwd: string; env: NodeJS.ProcessEnv }): string {
  const v = r.verbose;
  if (v === undefined) return "";
  if (v.state !== undefined) return `\n${renderStateHuman(v.state, v.schemaFor)}\n`;
  if (v.plan === undefined) return "";
  const plan = v.plan;
  const shown = plan.resourceChanges.filter((c) => c.action !== "no-op" || c.importing !== undefined || c.prevRunAddr !== undefined || c.deposedKey !== undefined);
  return renderPlan(shown.length === plan.resourceChanges.length ? plan : { ...plan, resourceChanges: shown }, { color: opts.color, schemaFor: v.schemaFor, inAutomation: opts.env.TF_IN_AUTOMATION !== undefined && opts.env.TF_IN_AUTOMATION !== "" }) + "\n";
}
