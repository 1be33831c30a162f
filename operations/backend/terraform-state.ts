// A working directory that holds Terraform's own state file and no Cairn state: planning it as empty would
// plan every resource as new (and a second copy of the infrastructure), so a plan refuses and says how to
// bring the state over (`cairn init -migrate-state`) or use it in place (`-state=terraform.tfstate`).

import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { WorkspaceStateStore } from "./backend.js";
import type { Host } from "../host.js";

export const TERRAFORM_STATE_FILE = "terraform.tfstate";

/** The refusal, when `store` has no state and the working directory has Terraform's; else nothing. */
export async function foreignTerraformState(ctx: Host, store: WorkspaceStateStore, stateFlag: string | undefined): Promise<Diagnostic[]> {
  if (stateFlag !== undefined && stateFlag !== "") return [];
  const terraformState = join(ctx.cwd, TERRAFORM_STATE_FILE);
  if (!existsSync(terraformState) || store.path === terraformState) return [];
  const read = await store.read();
  if (read.state !== undefined || read.diags.length > 0) return [];
  return [
    {
      severity: "error",
      summary: "Terraform state found, no Cairn state",
      detail:
        `This directory holds Terraform's state file ${TERRAFORM_STATE_FILE}, and there is no Cairn state at ${store.path}. ` +
        `Planning now would plan every resource in it as new.\n\n` +
        `To copy Terraform's state into Cairn's (the original stays untouched), run "cairn init -migrate-state".\n` +
        `To use it where it is, run the command again with "-state=${TERRAFORM_STATE_FILE}".`,
    },
  ];
}
