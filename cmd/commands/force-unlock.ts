// `cairn force-unlock [-force] LOCK_ID`: removes the state lock left behind by a process that can no longer
// release it. Cairn's local lock is a file, so unlike Terraform's local backend it can be released from
// another process; as Terraform does for remote state, it asks for "yes" first unless -force. Without a
// terminal to ask on, it refuses instead of reading an answer nobody typed.

import { createInterface } from "node:readline";
import { parseFlags } from "../flags.js";
import type { Command, CommandContext } from "../registry.js";
import { openStore, openingErrors } from "../../operations/open-state.js";
import { newUi } from "../views/ui.js";

const DESCRIPTION =
  "Cairn will remove the lock on the state.\n" +
  "This will allow local Cairn commands to modify this state, even though it\n" +
  "may still be in use. Only 'yes' will be accepted to confirm.";

export const forceUnlockCommand: Command = {
  name: "force-unlock",
  synopsis: "Release a stuck lock on the current workspace",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { force: { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.error(`Error parsing command-line flags: ${parsed.message}\n`);
      return 1;
    }
    const args = parsed.flags.positional;
    if (args.length !== 1) {
      ui.error("Expected a single argument: LOCK_ID");
      ctx.stderr.write(HELP);
      return 1;
    }
    const lockId = args[0]!;
    const store = openStore(ctx);
    const refused = openingErrors(store);
    if (refused !== undefined) {
      ui.diagnostics(refused);
      return 1;
    }
    if (parsed.flags.bools.get("force") !== true) {
      if (ctx.stdin.isTTY !== true) {
        ui.error("Error asking for confirmation: standard input is not a terminal, so nobody can confirm. Run force-unlock with -force to remove the lock without confirmation.");
        return 1;
      }
      const answer = await ask(ctx, "Do you really want to force-unlock?", DESCRIPTION);
      if (answer !== "yes") {
        ui.output("force-unlock cancelled.");
        return 1;
      }
    }
    const diags = await store.forceUnlock(lockId);
    if (diags.length > 0) {
      ui.error(`Failed to unlock state: ${diags.map((d) => d.detail ?? d.summary).join("\n")}`);
      return 1;
    }
    const color = ctx.stdout.isTTY === true;
    const headline = "Cairn state has been successfully unlocked!";
    ctx.stdout.write(
      `${color ? `\x1b[0m\x1b[1m\x1b[32m${headline}\x1b[0m\x1b[32m` : headline}\n\n` +
        "The state has been unlocked, and Cairn commands should now be able to\n" +
        `obtain a new lock on the remote state.${color ? "\x1b[0m" : ""}\n`,
    );
    return 0;
  },
};

/** Terraform's UIInput prompt: the query in bold, the description indented, then "Enter a value: ". */
async function ask(ctx: CommandContext, query: string, description: string): Promise<string> {
  const desc = description
    .split("\n")
    .map((l) => `  ${l}\n`)
    .join("");
  ctx.stdout.write(`${query}\n${desc}\n  Enter a value: `);
  const rl = createInterface({ input: ctx.stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return "";
  } finally {
    rl.close();
  }
}

const HELP = `Usage: cairn [global options] force-unlock LOCK_ID

  Manually unlock the state for the defined configuration.

  This will not modify your infrastructure. This command removes the lock on the
  state for the current workspace. The behavior of this lock is dependent
  on the backend being used.

Options:

  -force                 Don't ask for input for unlock confirmation.
`;
