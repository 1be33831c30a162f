// `cairn workspace list`: every workspace, the selected one marked with "*", then a note when TF_WORKSPACE
// overrides the selection.

import { listWorkspaces, selectedWorkspace } from "../../modules/workspace.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi } from "../views/ui.js";
import { envIsOverriddenNote } from "../views/workspace.js";

export const workspaceListCommand: Command = {
  name: "workspace list",
  synopsis: "List Workspaces",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, {});
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const current = selectedWorkspace(ctx.cwd, ctx.env);
    const names = listWorkspaces(ctx.cwd);
    ui.output(names.map((n) => `${n === current.name ? "* " : "  "}${n}\n`).join(""));
    if (current.overridden) ui.output(envIsOverriddenNote);
    return 0;
  },
};
