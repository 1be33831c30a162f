// `cairn state <subcommand>`: advanced state management, dispatching to the subcommands (one file each).
// Without a known subcommand it prints the usage, exit 1, as Terraform does.

import type { Command } from "../registry.js";
import { stateListCommand } from "./state-list.js";
import { stateMvCommand } from "./state-mv.js";
import { statePullCommand } from "./state-pull.js";
import { statePushCommand } from "./state-push.js";
import { stateRmCommand } from "./state-rm.js";
import { stateShowCommand } from "./state-show.js";
import { stateAuditCommand } from "./state-audit.js";
import { stateDiffCommand } from "./state-diff.js";
import { stateHistoryCommand } from "./state-history.js";
import { stateRollbackCommand } from "./state-rollback.js";

const subcommands: ReadonlyMap<string, Command> = new Map(
  [
    stateListCommand, stateMvCommand, statePullCommand, statePushCommand, stateRmCommand, stateShowCommand,
    stateHistoryCommand, stateDiffCommand, stateAuditCommand, stateRollbackCommand,
  ].map((c) => [
    c.name.slice("state ".length),
    c,
  ]),
);

export const stateCommand: Command = {
  name: "state",
  synopsis: "Advanced state management",
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
  return `Usage: cairn [global options] state <subcommand> [options] [args]

  This command has subcommands for advanced state management.

  These subcommands can be used to slice and dice the Cairn state.
  This is sometimes necessary in advanced cases. For your safety, all
  state management commands that modify the state create a timestamped
  backup of the state prior to making modifications.

  The structure and output of the commands is specifically tailored to work
  well with the common Unix utilities such as grep, awk, etc. We recommend
  using those tools to perform more advanced state tasks.

Subcommands:
${lines.join("\n")}
`;
}
