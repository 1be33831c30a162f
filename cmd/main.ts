// The CLI entry: parses the global options, dispatches to a command, and turns every outcome into an exit
// code. Commands never throw at the user: an unexpected exception is a bug, reported as such, exit 1.

import { commands, type CommandContext } from "./registry.js";
import type { FoundPlugins } from "../providers/install/with-plugins.js";
import { VERSION } from "../operations/version.js";
import { helpRequest, helpTexts, unknownCommandMessage } from "./help.js";
import { exitProcess, forwardTerminationSignals, internalErrorText } from "./exit.js";
import { autocompleteErrorText, completions, installAutocomplete, uninstallAutocomplete } from "./autocomplete.js";

/**
 * The process entry (bin/cairn): runs one command and ends the process through exitProcess with its code.
 * If the event loop empties while the command is still waiting (Node's "beforeExit": nothing left that could
 * ever finish it), that is a bug in Cairn and exits 1, never 0; so does an exception thrown on a timer.
 */
export function runCli(argv: string[]): void {
  process.exitCode = 1;
  let finished = false;
  const name = argv.find((a) => !a.startsWith("-")) ?? "";
  process.on("beforeExit", () => {
    if (finished) return;
    process.stderr.write(
      internalErrorText(VERSION, `\`cairn ${name}\` stopped before finishing: it was waiting for an operation that can no longer complete (the event loop emptied). Its outcome is unknown; any state lock is released as the process ends, and the next command recovers from the journal.`),
    );
    exitProcess(1);
  });
  const crash = (err: unknown) => {
    process.stderr.write(internalErrorText(VERSION, err instanceof Error ? (err.stack ?? err.message) : String(err)));
    exitProcess(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  forwardTerminationSignals();
  main(argv).then(
    (code) => {
      finished = true;
      exitProcess(code);
    },
    (err: unknown) => {
      finished = true;
      crash(err);
    },
  );
}

/** The variable bin/cairn's launcher line moves NODE_EXTRA_CA_CERTS to (extra-ca-certs.ts). */
const EXTRA_CA_CERTS_MOVED = "CAIRN_EXTRA_CA_CERTS";

export async function main(argv: string[]): Promise<number> {
  // Before anything starts a process or makes a TLS context (extra-ca-certs.ts says why); imported only when
  // the launcher moved the variable, since it loads node:tls (~5 ms).
  if (process.env[EXTRA_CA_CERTS_MOVED] !== undefined) (await import("./extra-ca-certs.js")).adoptExtraCaCertificates(process.env, EXTRA_CA_CERTS_MOVED, (line) => process.stderr.write(line));
  // -chdir=DIR is handled by the process's entry point (bin/cairn), which really changes directory as
  // Terraform does, before the CLI starts: the working directory is the process's from here on.
  let args = argv;
  const cwd = process.cwd();
  const name = args[0];
  const compLine = process.env.COMP_LINE;
  if (compLine !== undefined) {
    // Invoked by the shell's `complete -C`: the candidates, one per line.
    for (const c of completions(commands.keys(), compLine, Number(process.env.COMP_POINT ?? compLine.length))) process.stdout.write(`${c}\n`);
    return 0;
  }
  if (name === "-install-autocomplete" || name === "-uninstall-autocomplete") {
    const bin = process.argv[1] ?? "cairn";
    const errors = name === "-install-autocomplete" ? installAutocomplete(bin) : uninstallAutocomplete(bin);
    if (errors.length > 0) process.stderr.write(autocompleteErrorText(errors));
    return errors.length > 0 ? 1 : 0;
  }
  if (name === undefined || name === "-help" || name === "--help" || name === "-h" || name === "help") {
    // `cairn help CMD` and `cairn -help CMD` show the command's usage; alone, the list of commands.
    const rest = args.slice(1);
    const path = rest.length > 0 ? helpRequest([...rest, "-help"]) : undefined;
    const text = path !== undefined ? await helpTexts.get(path)?.() : undefined;
    if (text !== undefined) {
      process.stdout.write(text);
      return 0;
    }
    if (rest.length > 0 && !commands.has(rest[0]!)) {
      process.stderr.write(unknownCommandMessage(rest[0]!, commands.keys()));
      return 1;
    }
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === "-version" || name === "--version" || name === "-v") args = ["version", ...args.slice(1)];
  const entry = commands.get(args[0]!);
  if (entry === undefined) {
    process.stderr.write(unknownCommandMessage(args[0]!, commands.keys()));
    return 1;
  }
  const helpPath = helpRequest(args);
  if (helpPath !== undefined) {
    const text = await helpTexts.get(helpPath)?.();
    if (text !== undefined) {
      process.stdout.write(text);
      return 0;
    }
  }
  const plugins = entry.startsPlugins === true ? await startPlugins(cwd, process.env) : undefined;
  const ctx: CommandContext = {
    cwd,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    ...(plugins !== undefined ? { plugins } : {}),
  };
  try {
    const cmd = await entry.load();
    return await cmd.run(args.slice(1), ctx);
  } catch (err) {
    process.stderr.write(internalErrorText(VERSION, err instanceof Error ? (err.stack ?? err.message) : String(err)));
    return 1;
  }
}

/** The plugins, started before the command's code loads (operations/providers.ts); if that fails, the command finds them itself. */
async function startPlugins(cwd: string, env: NodeJS.ProcessEnv): Promise<FoundPlugins | undefined> {
  try {
    return await (await import("../operations/providers.js")).startProviderPlugins(cwd, env);
  } catch {
    return undefined;
  }
}

function usage(): string {
  const lines = [...commands.values()].filter((c) => !c.name.includes(" ")).map((c) => `  ${c.name.padEnd(14)}${c.synopsis}`);
  return `Usage: cairn [global options] <subcommand> [args]\n\nAvailable commands:\n${lines.join("\n")}\n\nGlobal options:\n  -chdir=DIR    Switch to a different working directory before executing the given subcommand.\n  -version      Show the current Cairn version.\n`;
}
