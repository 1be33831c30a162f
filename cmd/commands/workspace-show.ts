// `cairn workspace show`: prints the selected workspace's name.

import { selectedWorkspace, workspaceEnvError } from "../../modules/workspace.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi } from "../views/ui.js";

export const workspaceShowCommand: Command = {
  name: "workspace show",
  synopsis: "Show the name of the current workspace",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, {});
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    // Terraform's Meta.Workspace refuses a TF_WORKSPACE that is not a valid workspace name.
    if (workspaceEnvError(ctx.env) !== undefined) {
      ui.error("Error selecting workspace: Invalid workspace name set using TF_WORKSPACE");
      return 1;
    }
    ui.output(selectedWorkspace(ctx.cwd, ctx.env).name);
    return 0;
  },
};
