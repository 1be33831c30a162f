// A computed diff (Terraform's computed.Diff): a renderer plus the action and whether this part forces
// replacement, and the options and small helpers every renderer shares. Inside a resource the actions are
// only create, delete, update and no-op; the replace actions exist only at the top.

import { isValidIdentifier } from "../../../lang/hcl-quote.js";
import { goQuote } from "../../../lang/values/set.js";
import type { Action } from "../../../planner/plan/model.js";
import type { Colorize } from "./color.js";

export interface Renderer {
  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string;
  warningsHuman(diff: Diff, indent: number, opts: RenderOpts): string[];
}

export interface Diff {
  readonly renderer: Renderer;
  readonly action: Action;
  readonly replace: boolean;
}

export function newDiff(renderer: Renderer, action: Action, replace: boolean): Diff {
  return { renderer, action, replace };
}

export const renderDiff = (d: Diff, indent: number, opts: RenderOpts): string => d.renderer.renderHuman(d, indent, opts);
export const diffWarnings = (d: Diff, indent: number, opts: RenderOpts): string[] =>
  d.renderer.warningsHuman(d, indent, opts);

export interface RenderOpts {
  readonly colorize: Colorize;
  /** Do not print ` -> null` after deleted values (their parent already says so). */
  overrideNullSuffix: boolean;
  /** Print `# forces replacement` even if this diff is not marked (sets push it onto elements). Not inherited. */
  forceForcesReplacement: boolean;
  /** Never print `# forces replacement` here (unknown values print it once for themselves). Not inherited. */
  forbidForcesReplacement: boolean;
  /** Show unchanged children instead of counting them in `# (N unchanged ... hidden)`. */
  showUnchangedChildren: boolean;
  hideDiffActionSymbols: boolean;
}

export function newRenderOpts(colorize: Colorize): RenderOpts {
  return {
    colorize,
    overrideNullSuffix: false,
    forceForcesReplacement: false,
    forbidForcesReplacement: false,
    showUnchangedChildren: false,
    hideDiffActionSymbols: false,
  };
}

/** A copy for children: the forces-replacement overrides apply to one level only. */
export function cloneOpts(o: RenderOpts): RenderOpts {
  return { ...o, forceForcesReplacement: false, forbidForcesReplacement: false };
}

/** Terraform's DiffActionSymbol: three printable characters (with colour markup) per action. */
export function diffActionSymbol(action: Action): string {
  switch (action) {
    case "delete-then-create":
      return "[red]-[reset]/[green]+[reset]";
    case "create-then-delete":
      return "[green]+[reset]/[red]-[reset]";
    case "create":
      return "  [green]+[reset]";
    case "delete":
      return "  [red]-[reset]";
    case "read":
      return " [cyan]<=[reset]";
    case "update":
      return "  [yellow]~[reset]";
    case "no-op":
      return "   ";
    case "forget":
      return " [red].[reset]";
  }
}

/** The action symbol and a space, four columns wide; nothing when symbols are hidden. */
export function actionSymbol(action: Action, opts: RenderOpts): string {
  if (opts.hideDiffActionSymbols) return "";
  return opts.colorize.color(diffActionSymbol(action)) + " ";
}

export function nullSuffix(action: Action, opts: RenderOpts): string {
  return !opts.overrideNullSuffix && action === "delete" ? opts.colorize.color(" [dark_gray]-> null[reset]") : "";
}

export function forcesReplacement(replace: boolean, opts: RenderOpts): string {
  return (replace || opts.forceForcesReplacement) && !opts.forbidForcesReplacement
    ? opts.colorize.color(" [red]# forces replacement[reset]")
    : "";
}

export const arrow = (opts: RenderOpts): string => opts.colorize.color("[yellow]->[reset]");

export const formatIndent = (indent: number): string => "    ".repeat(indent);

export function unchanged(keyword: string, count: number, opts: RenderOpts): string {
  const noun = count === 1 ? keyword : `${keyword}s`;
  return opts.colorize.color(`[dark_gray]# (${count} unchanged ${noun} hidden)[reset]`);
}

/** Attribute names print bare when they are HCL identifiers, quoted otherwise. */
export function ensureValidAttributeName(name: string): string {
  return isValidIdentifier(name) ? name : goQuote(name);
}

/** Map keys always print quoted (Go's %q). */
export const quoteKey = goQuote;

/** Attributes Terraform always shows, even unchanged, because they identify the object. */
export function isImportantAttribute(name: string): boolean {
  return name === "id" || name === "name" || name === "tags";
}

/** Go's `%-*s`: pad on the right to a width counted in code points (the width itself is a byte length). */
export function padRight(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + " ".repeat(width - len);
}

export const byteLength = (s: string): number => Buffer.byteLength(s, "utf8");

export const noWarnings = (): string[] => [];
