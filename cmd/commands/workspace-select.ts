// `cairn workspace select [-or-create] NAME`: records the selection in `.cairn/environment`.

import { invalidWorkspaceNameMessage, selectWorkspace, selectedWorkspace, validWorkspaceName } from "../../modules/workspace.js";
import { openBackend } from "../../operations/backend/open.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi } from "../views/ui.js";
import { envDoesNotExist, envIsOverriddenSelectError, painter, singleName } from "../views/workspace.js";

export const workspaceSelectCommand: Command = {
  name: "workspace select",
  synopsis: "Select a workspace",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { "or-create": { kind: "bool", default: false }, "no-color": { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const arg = singleName(parsed.flags.positional);
    if ("error" in arg) {
      ui.error(arg.error);
      ui.helpPrompt("workspace select");
      return 1;
    }
    const current = selectedWorkspace(ctx.cwd, ctx.env);
    if (current.overridden) {
      ui.error(envIsOverriddenSelectError);
      return 1;
    }
    const name = arg.name;
    if (!validWorkspaceName(name)) {
      ui.error(`\n${invalidWorkspaceNameMessage(name)}\n`);
      return 1;
    }
    if (name === current.name) return 0; // already there: Terraform says nothing
    const p = painter(ctx, parsed.flags.bools.get("no-color") === true);
    let created = false;
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
    if (!listed.names.includes(name)) {
      if (parsed.flags.bools.get("or-create") !== true) {
        ui.error(envDoesNotExist(name));
        return 1;
      }
      const createDiags = await opened.backend.createWorkspace(name);
      if (createDiags.length > 0) {
        ui.diagnostics(createDiags);
        return 1;
      }
      created = true;
    }
    selectWorkspace(ctx.cwd, name);
    ui.output(p.green(created ? `Created and switched to workspace ${JSON.stringify(name)}!` : `Switched to workspace ${JSON.stringify(name)}.`));
    return 0;
  },
};
