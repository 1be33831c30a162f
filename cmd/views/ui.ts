// How the state commands talk to the user, as Terraform's cli.Ui and Meta.showDiagnostics do: plain error
// messages (Ui.Error) and diagnostics go to stderr, results to stdout. Colour only on a terminal.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { CommandContext } from "../registry.js";
import { renderDiagnostics, type SourceFile } from "./diagnostics.js";

export interface Ui {
  /** A line of output on stdout (Ui.Output appends the newline). */
  output(text: string): void;
  /** A plain error message on stderr (Ui.Error), red on a terminal. */
  error(text: string): void;
  diagnostics(diags: readonly Diagnostic[], sources?: ReadonlyMap<string, SourceFile>): void;
  /** Terraform's View.HelpPrompt after a usage error. */
  helpPrompt(command: string): void;
}

export function newUi(ctx: CommandContext, opts: { noColor?: boolean } = {}): Ui {
  const color = opts.noColor !== true && ctx.stderr.isTTY === true;
  return {
    output: (text) => ctx.stdout.write(text + "\n"),
    error: (text) => ctx.stderr.write((color ? `\x1b[31m${text}\x1b[0m` : text) + "\n"),
    diagnostics: (diags, sources = new Map()) => {
      if (diags.length > 0) ctx.stderr.write(renderDiagnostics(diags, sources, { color }));
    },
    helpPrompt: (command) => ctx.stderr.write(`\nFor more help on using this command, run:\n  cairn ${command} -help\n`),
  };
}

/** Terraform's diagnostic for a flag the Go flag package rejected. */
export function flagDiag(message: string): Diagnostic {
  return { severity: "error", summary: "Failed to parse command-line flags", detail: message };
}

export function sourceless(summary: string, detail: string, severity: "error" | "warning" = "error"): Diagnostic {
  return { severity, summary, detail };
}

/**
 * Terraform appends some fixed multi-line texts to diagnostics as plain errors, which print the whole text as
 * the summary; splitting it at the first blank line renders the same lines inside the diagnostic frame.
 */
export function asDiag(text: string): Diagnostic {
  const [summary, , ...rest] = text.split("\n");
  return sourceless(summary!, rest.join("\n"));
}
