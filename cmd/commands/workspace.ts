// `cairn workspace <subcommand>`: new, list, select, show, delete (one file each), with Terraform's texts and
// exit codes. Without a known subcommand it prints the usage, exit 1 (Terraform's cli.RunResultHelp).

import type { Command } from "../registry.js";
import { workspaceDeleteCommand } from "./workspace-delete.js";
import { workspaceListCommand } from "./workspace-list.js";
import { workspaceNewCommand } from "./workspace-new.js";
import { workspaceSelectCommand } from "./workspace-select.js";
import { workspaceShowCommand } from "./workspace-show.js";

const subcommands: ReadonlyMap<string, Command> = new Map(
  [workspaceDeleteCommand, workspaceListCommand, workspaceNewCommand, workspaceSelectCommand, workspaceShowCommand].map((c) => [
    c.name.slice("workspace ".length),
    c,
  ]),
);

export const workspaceCommand: Command = {
  name: "workspace",
  synopsis: "Workspace management",
  async run(argv, ctx) {
    const sub = argv[0] !== undefined ? subcommands.get(argv[0]) : undefined;
    if (sub === undefined) {
      ctx.stderr.write(usage());
      return 1;
    }
    return sub.run(argv.slice(1), ctx);
  },
};

function usage(): string {
  const lines = [...subcommands.entries()].map(([name, c]) => `    ${name.padEnd(20)}${c.synopsis}`);
  return `Usage: cairn [global options] workspace

  new, list, show, select and delete Cairn workspaces.

Subcommands:
${lines.join("\n")}
`;
}
