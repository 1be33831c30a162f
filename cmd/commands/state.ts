// `cairn state <subcommand>`: advanced state management, dispatching to the subcommands (one file each).
// Without a known subcommand it prints the usage, exit 1, as Terraform does.

import { subcommandGroup } from "../subcommands.js";

export const stateCommand = subcommandGroup({
  name: "state",
  synopsis: "Advanced state management",
  nameWidth: 20,
  usage: (lines) => `Usage: cairn [global options] state <subcommand> [options] [args]

  This command has subcommands for advanced state management.

  These subcommands can be used to slice and dice the Cairn state.
  This is sometimes necessary in advanced cases. For your safety, all
  state management commands that modify the state create a timestamped
  backup of the state prior to making modifications.

  The structure and output of the commands is specifically tailored to work
  well with the common Unix utilities such as grep, awk, etc. We recommend
  using those tools to perform more advanced state tasks.

Subcommands:
${lines}
`,
});
