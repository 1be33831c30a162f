// The one dispatcher for command groups (`state`, `workspace`, `cluster`): the group's subcommands are the
// registry's entries named "GROUP SUB", loaded only when run. Without a known subcommand the group prints
// its usage on stderr, exit 1, as Terraform's cli.RunResultHelp.

import { commands, type Command } from "./registry.js";

export interface CommandGroup {
  readonly name: string;
  readonly synopsis: string;
  /** The usage text, given the subcommand lines (already indented and padded). */
  usage(subcommandLines: string): string;
  /** Width of the name column in the subcommand list. */
  readonly nameWidth: number;
}

export function subcommandGroup(group: CommandGroup): Command {
  const prefix = `${group.name} `;
  const members = () => [...commands.values()].filter((c) => c.name.startsWith(prefix));
  return {
    name: group.name,
    synopsis: group.synopsis,
    async run(argv, ctx) {
      const entry = argv[0] !== undefined ? commands.get(prefix + argv[0]) : undefined;
      if (entry === undefined) {
        const lines = members().map((c) => `    ${c.name.slice(prefix.length).padEnd(group.nameWidth)}${c.synopsis}`);
        ctx.stderr.write(group.usage(lines.join("\n")));
        return 1;
      }
      return (await entry.load()).run(argv.slice(1), ctx);
    },
  };
}
