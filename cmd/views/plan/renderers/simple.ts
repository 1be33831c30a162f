// The renderers that print a placeholder or wrap another diff: unknown values, sensitive values and blocks,
// and a change of JSON type.

import {
  type Diff,
  type RenderOpts,
  type Renderer,
  actionSymbol,
  arrow,
  cloneOpts,
  forcesReplacement,
  formatIndent,
  noWarnings,
  nullSuffix,
  renderDiff,
} from "../diff.js";

/** `(known after apply)`, or `before -> (known after apply)` when there was a value. */
export class UnknownRenderer implements Renderer {
  /** The prior value's diff, rendered as a deletion; absent when there was none. */
  constructor(readonly before: Diff | undefined) {}
  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    if (diff.action === "create" || this.before === undefined) {
      return `(known after apply)${forcesReplacement(diff.replace, opts)}`;
    }
    const beforeOpts = cloneOpts(opts);
    beforeOpts.overrideNullSuffix = true;
    if (diff.replace) beforeOpts.forbidForcesReplacement = true;
    return `${renderDiff(this.before, indent, beforeOpts)} -> (known after apply)${forcesReplacement(diff.replace, opts)}`;
  }
  warningsHuman = noWarnings;
}

function sensitivityWarning(
  subject: "attribute value" | "block",
  inner: Diff,
  beforeSensitive: boolean,
  afterSensitive: boolean,
  indent: number,
  opts: RenderOpts,
): string | undefined {
  if (beforeSensitive === afterSensitive || inner.action === "create" || inner.action === "delete") return undefined;
  const pad = formatIndent(indent);
  const c = opts.colorize;
  return beforeSensitive
    ? c.color(`  # [yellow]Warning[reset]: this ${subject} will no longer be marked as sensitive\n%s  # after applying this change.`, pad)
    : c.color(
        `  # [yellow]Warning[reset]: this ${subject} will be marked as sensitive and will not\n%s  # display in UI output after applying this change.`,
        pad,
      );
}

export class SensitiveRenderer implements Renderer {
  constructor(
    readonly inner: Diff,
    readonly beforeSensitive: boolean,
    readonly afterSensitive: boolean,
  ) {}
  renderHuman(diff: Diff, _indent: number, opts: RenderOpts): string {
    return `(sensitive value)${nullSuffix(diff.action, opts)}${forcesReplacement(diff.replace, opts)}`;
  }
  warningsHuman(_diff: Diff, indent: number, opts: RenderOpts): string[] {
    const w = sensitivityWarning("attribute value", this.inner, this.beforeSensitive, this.afterSensitive, indent, opts);
    if (w === undefined) return [];
    return [this.inner.action === "no-op" ? `${w} The value is unchanged.` : w];
  }
}

export class SensitiveBlockRenderer implements Renderer {
  constructor(
    readonly inner: Diff,
    readonly beforeSensitive: boolean,
    readonly afterSensitive: boolean,
  ) {}
  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    const prefix = formatIndent(indent) + actionSymbol("no-op", opts);
    return (
      `{${forcesReplacement(diff.replace, opts)}\n` +
      `${prefix}  # At least one attribute in this block is (or was) sensitive,\n` +
      `${prefix}  # so its contents will not be displayed.\n${prefix}}`
    );
  }
  warningsHuman(_diff: Diff, indent: number, opts: RenderOpts): string[] {
    const w = sensitivityWarning("block", this.inner, this.beforeSensitive, this.afterSensitive, indent, opts);
    return w === undefined ? [] : [w];
  }
}

/** `before -> after` when a JSON value changes kind (a string becomes an object, say). */
export class TypeChangeRenderer implements Renderer {
  constructor(
    readonly before: Diff,
    readonly after: Diff,
  ) {}
  renderHuman(_diff: Diff, indent: number, opts: RenderOpts): string {
    const childOpts: RenderOpts = { ...opts, overrideNullSuffix: true };
    return `${renderDiff(this.before, indent, childOpts)} ${arrow(opts)} ${renderDiff(this.after, indent, childOpts)}`;
  }
  warningsHuman = noWarnings;
}
