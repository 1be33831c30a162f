// What the workspace subcommands share: the single NAME argument, Terraform's fixed texts, and output that
// is green on a terminal as Terraform's colorized Ui.Output is.

import type { CommandContext } from "../registry.js";

export const envIsOverriddenNote = "\n\nThe active workspace is being overridden using the TF_WORKSPACE environment\nvariable.\n";

export const envIsOverriddenSelectError =
  "\nThe selected workspace is currently overridden using the TF_WORKSPACE\nenvironment variable.\n\n" +
  "To select a new workspace, either update this environment variable or unset\nit and then run this command again.\n";

export const envIsOverriddenNewError =
  "\nThe workspace is currently overridden using the TF_WORKSPACE environment\nvariable. You cannot create a new workspace when using this setting.\n\n" +
  "To create a new workspace, either unset this environment variable or update it\nto match the workspace name you are trying to create, and then run this command\nagain.\n";

export function envDoesNotExist(name: string): string {
  return `\nWorkspace ${JSON.stringify(name)} doesn't exist.\n\nYou can create this workspace with the "new" subcommand \nor include the "-or-create" flag with the "select" subcommand.`;
}

export function envDelCurrent(name: string): string {
  const q = JSON.stringify(name);
  return `Workspace ${q} is your active workspace.\n\nYou cannot delete the currently active workspace. Please switch\nto another workspace and try again.`;
}

export interface Painter {
  green(s: string): string;
  boldGreen(s: string): string;
  yellow(s: string): string;
}

export function painter(ctx: CommandContext, noColor: boolean): Painter {
  const on = !noColor && ctx.stdout.isTTY === true;
  const wrap = (code: string) => (s: string) => (on ? `\x1b[0m\x1b[${code}m${s}\x1b[0m` : s);
  return { green: wrap("32"), boldGreen: wrap("1;32"), yellow: wrap("33") };
}

/** Terraform's "Expected a single argument: NAME." usage error, or the name. */
export function singleName(positional: readonly string[]): { name: string } | { error: string } {
  if (positional.length !== 1) return { error: "Expected a single argument: NAME.\n" };
  return { name: positional[0]! };
}
