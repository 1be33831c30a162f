// Strings, numbers, booleans and null (Terraform's primitive renderer). Strings that hold JSON are shown as
// a jsonencode(...) diff; strings with newlines as `<<-EOT` heredocs with a +/- marker per changed line.

import { diffArrays } from "diff";
import { goQuote } from "../../../../lang/values/set.js";
import type { Action } from "../../../../planner/plan/model.js";
import { processSlice } from "../collections.js";
import type { Change } from "../change.js";
import { type Diff, type RenderOpts, type Renderer, actionSymbol, arrow, cloneOpts, forcesReplacement, formatIndent, newDiff, noWarnings, nullSuffix, renderDiff } from "../diff.js";
import { transformJson } from "../differ/json.js";
import { type Generic, JsonNumber } from "../generic.js";
import { alwaysMatcher, emptyMatcher } from "../path-matcher.js";
import { parseJson } from "../parse-json.js";
import { TypeChangeRenderer } from "./simple.js";

export type PrimitiveKind = "string" | "number" | "bool" | "null";

export class PrimitiveRenderer implements Renderer {
  constructor(
    readonly before: Generic,
    readonly after: Generic,
    readonly kind: PrimitiveKind,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    if (this.kind === "string") return this.renderString(diff, indent, opts);
    const before = renderPrimitive(this.before, opts);
    const after = renderPrimitive(this.after, opts);
    const replace = forcesReplacement(diff.replace, opts);
    switch (diff.action) {
      case "create":
        return after + replace;
      case "delete":
        return before + nullSuffix(diff.action, opts) + replace;
      case "no-op":
        return before + replace;
      default:
        return `${before} ${arrow(opts)} ${after}${replace}`;
    }
  }
  warningsHuman = noWarnings;

  private renderString(diff: Diff, indent: number, opts: RenderOpts): string {
    const lineStart = (action: Action): string => formatIndent(indent + 1) + actionSymbol(action, opts);
    let body: string;
    switch (diff.action) {
      case "create":
      case "no-op": {
        const s = evaluateString(this.after, opts);
        if (s.json !== undefined) {
          return diff.action === "no-op" ? renderJsonString(diff, indent, opts, s, s) : renderJsonString(diff, indent, opts, noString, s);
        }
        if (!s.multiline) return simpleText(s) + forcesReplacement(diff.replace, opts);
        body = prefixLines(s.text, lineStart("no-op"));
        break;
      }
      case "delete": {
        const s = evaluateString(this.before, opts);
        if (s.isNull) return simpleText(s) + forcesReplacement(diff.replace, opts);
        if (s.json !== undefined) return renderJsonString(diff, indent, opts, s, noString);
        if (!s.multiline) return simpleText(s) + nullSuffix(diff.action, opts) + forcesReplacement(diff.replace, opts);
        body = prefixLines(s.text, lineStart("no-op"));
        break;
      }
      default: {
        const b = evaluateString(this.before, opts);
        const a = evaluateString(this.after, opts);
        if (b.json !== undefined && a.json !== undefined) return renderJsonString(diff, indent, opts, b, a);
        if (b.json !== undefined || a.json !== undefined) {
          // One side is JSON and the other is not: show it as a removal and an addition.
          const change = newDiff(
            new TypeChangeRenderer(
              newDiff(new PrimitiveRenderer(this.before, null, "string"), "delete", false),
              newDiff(new PrimitiveRenderer(null, this.after, "string"), "create", false),
            ),
            diff.action,
            diff.replace,
          );
          return renderDiff(change, indent, opts);
        }
        if (!b.multiline && !a.multiline) return `${simpleText(b)} ${arrow(opts)} ${simpleText(a)}${forcesReplacement(diff.replace, opts)}`;
        body = lineDiff(b.text.split("\n"), a.text.split("\n"), lineStart).join("\n");
      }
    }
    return (
      `<<-EOT${forcesReplacement(diff.replace, opts)}\n${body}\n` +
      `${formatIndent(indent)}${actionSymbol("no-op", opts)}EOT${nullSuffix(diff.action, opts)}`
    );
  }
}

function renderPrimitive(v: Generic, opts: RenderOpts): string {
  if (v === null) return opts.colorize.color("[dark_gray]null[reset]");
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof JsonNumber) return v.text;
  return typeof v === "string" ? goQuote(v) : "null";
}

interface EvaluatedString {
  readonly text: string;
  readonly json?: Generic;
  readonly multiline: boolean;
  readonly isNull: boolean;
}

const noString: EvaluatedString = { text: "", multiline: false, isNull: false };

function evaluateString(v: Generic, opts: RenderOpts): EvaluatedString {
  if (v === null || typeof v !== "string") {
    return { text: opts.colorize.color("[dark_gray]null[reset]"), multiline: false, isNull: true };
  }
  if (v.startsWith("{") || v.startsWith("[")) {
    const parsed = parseJson(v);
    if (parsed.ok) return { text: v, json: parsed.value, multiline: false, isNull: false };
  }
  if (v.includes("\n")) return { text: goTrimSpace(v), multiline: true, isNull: false };
  return { text: v, multiline: false, isNull: false };
}

/**
 * The string on one line, quoted (null as it prints). Computed only where it is printed: quoting a
 * 683 KiB heredoc that is shown line by line cost more than the rest of the plan (opentofu #1660).
 */
function simpleText(s: EvaluatedString): string {
  return s.isNull ? s.text : goQuote(s.text);
}

/** Every line of `text` with `prefix` before it, in one pass rather than an array of 10,000 line copies. */
function prefixLines(text: string, prefix: string): string {
  return prefix + text.replaceAll("\n", "\n" + prefix);
}

/** strings.TrimSpace: Unicode white space at both ends. */
function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, "");
}

// Terraform pairs lines with its longest-common-subsequence walk; that needs a before×after table, so past
// this many cells the pairing comes from the diff package's linear-space Myers diff instead.
const lcsCellLimit = 4_000_000;

function lineDiff(before: string[], after: string[], lineStart: (a: Action) => string): string[] {
  const out: string[] = [];
  const visit = (b: number, a: number): void => {
    if (b < 0 || b >= before.length) out.push(lineStart("create") + after[a]);
    else if (a < 0 || a >= after.length) out.push(lineStart("delete") + before[b]);
    else if (before[b] !== after[a]) out.push(lineStart("delete") + before[b], lineStart("create") + after[a]);
    else out.push(lineStart("no-op") + before[b]);
  };
  if (before.length === after.length || before.length * after.length <= lcsCellLimit) {
    processSlice(before, after, (x, y) => x === y, () => false, visit);
    return out;
  }
  for (const part of diffArrays(before, after)) {
    const mark: Action = part.added ? "create" : part.removed ? "delete" : "no-op";
    for (const line of part.value) out.push(lineStart(mark) + line);
  }
  return out;
}

function renderJsonString(diff: Diff, indent: number, opts: RenderOpts, before: EvaluatedString, after: EvaluatedString): string {
  const jsonDiff = transformJson({
    beforeExplicit: diff.action !== "create",
    afterExplicit: diff.action !== "delete",
    before: before.json ?? null,
    after: after.json ?? null,
    unknown: false,
    beforeSensitive: false,
    afterSensitive: false,
    replacePaths: emptyMatcher,
    relevant: alwaysMatcher,
    nonLegacySchema: false,
  } satisfies Change);
  let action = diff.action;
  const jsonOpts = cloneOpts(opts);
  jsonOpts.overrideNullSuffix = true;
  let whitespace = "";
  let replace = "";
  if (jsonDiff.action === "no-op" && diff.action === "update") {
    // Only white space changed, which the JSON diff cannot show: say so instead.
    whitespace = diff.replace ? " # whitespace changes force replacement" : " # whitespace changes";
    jsonOpts.showUnchangedChildren = true;
    action = "no-op";
  } else {
    replace = forcesReplacement(diff.replace, opts);
  }
  const rendered = renderDiff(jsonDiff, indent + 1, jsonOpts);
  if (diff.action === "create" || diff.action === "delete") action = "no-op";
  if (rendered.includes("\n")) {
    return (
      `jsonencode(${whitespace}\n${formatIndent(indent + 1)}${actionSymbol(action, opts)}${rendered}${replace}\n` +
      `${formatIndent(indent)}${actionSymbol("no-op", opts)})${nullSuffix(diff.action, opts)}`
    );
  }
  return `jsonencode(${rendered})${whitespace}${replace}`;
}
