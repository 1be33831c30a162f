// `cairn workspace new NAME`: creates the workspace (its state directory) and selects it.

import { invalidWorkspaceNameMessage, selectWorkspace, selectedWorkspace, validWorkspaceName } from "../../modules/workspace.js";
import { openBackend } from "../../operations/backend/open.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi } from "../views/ui.js";
import { envIsOverriddenNewError, painter, singleName } from "../views/workspace.js";
import { lockFlagSpecs } from "../flag-groups.js";

export const workspaceNewCommand: Command = {
  name: "workspace new",
  synopsis: "Create a new workspace",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { ...lockFlagSpecs, "no-color": { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      return 1;
    }
    const arg = singleName(parsed.flags.positional);
    if ("error" in arg) {
      ui.error(arg.error);
      ui.helpPrompt("workspace new");
      return 1;
    }
    const name = arg.name;
    const current = selectedWorkspace(ctx.cwd, ctx.env);
    if (current.overridden && current.name !== name) {
      ui.error(envIsOverriddenNewError);
      return 1;
    }
    if (!validWorkspaceName(name)) {
      ui.error(`\n${invalidWorkspaceNameMessage(name)}\n`);
      return 1;
    }
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
    if (listed.names.includes(name)) {
      ui.error(`Workspace ${JSON.stringify(name)} already exists`);
      return 1;
    }
    const createDiags = await opened.backend.createWorkspace(name);
    if (createDiags.length > 0) {
      ui.diagnostics(createDiags);
      return 1;
    }
    selectWorkspace(ctx.cwd, name);
    const p = painter(ctx, parsed.flags.bools.get("no-color") === true);
    ui.output(
      "\n" +
        p.boldGreen(`Created and switched to workspace ${JSON.stringify(name)}!`) +
        "\n\n" +
        p.green(
          'You\'re now on a new, empty workspace. Workspaces isolate their state,\nso if you run "cairn plan" Cairn will not see any existing state\nfor this configuration.',
        ) +
        "\n",
    );
    return 0;
  },
};
