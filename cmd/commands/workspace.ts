// `cairn workspace <subcommand>`: new, list, select, show, delete (one file each), with Terraform's texts and
// exit codes. Without a known subcommand it prints the usage, exit 1 (Terraform's cli.RunResultHelp).

import { subcommandGroup } from "../subcommands.js";

export const workspaceCommand = subcommandGroup({
  name: "workspace",
  synopsis: "Workspace management",
  nameWidth: 20,
  usage: (lines) => `Usage: cairn [global options] workspace

  new, list, show, select and delete Cairn workspaces.

Subcommands:
${lines}
`,
});
