// `cairn workspace list`: every workspace, the selected one marked with "*", then a note when TF_WORKSPACE
// overrides the selection.

import { selectedWorkspace } from "../../modules/workspace.js";
import { openBackend } from "../../operations/backend/open.js";
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
    const opened = openBackend(ctx);
    if (opened.backend === undefined) {
      ui.diagnostics(opened.diags);
      return 1;
    }
    const listed = await opened.backend.listWorkspaces();
    if (listed.diags.length > 0) {
      ui.diagnostics(listed.diags);
      return 1;
    }
    const names = listed.names;
    ui.output(names.map((n) => `${n === current.name ? "* " : "  "}${n}\n`).join(""));
    if (current.overridden) ui.output(envIsOverriddenNote);
    return 0;
  },
};
