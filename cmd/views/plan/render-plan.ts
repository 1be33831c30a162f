// `cairn plan` for humans, as Terraform's plan renderer prints it: drift found by refresh, the legend of
// symbols, each resource change with its attribute diff, the `Plan:` summary, output changes, and the
// "No changes." variants of each plan mode. Terraform's wording throughout, with Cairn for Terraform.

import type { BlockSpec } from "../../../config/schema.js";
import { SENSITIVE } from "../../../lang/values/value.js";
import type { Action, OutputChange, Plan, ResourceInstanceChange } from "../../../planner/plan/model.js";
import { changeFromValues, schemaFromType } from "./build-change.js";
import { Colorize } from "./color.js";
import { type ChangeCause, actionDescription, resourceChangeComment, resourceChangeHeader } from "./comment.js";
import { computeDiffForBlock } from "./differ/block.js";
import { diffForOutputLike } from "./differ/type.js";
import { type Diff, diffActionSymbol, ensureValidAttributeName, newRenderOpts, padRight, renderDiff, byteLength } from "./diff.js";
import { sortedKeys } from "./generic.js";
import { sortChanges } from "./order.js";
import { wordWrap } from "./wordwrap.js";

export type SchemaLookup = (providerAddr: string, mode: "managed" | "data", type: string) => BlockSpec | undefined;

export interface RenderPlanOptions {
  readonly color: boolean;
  readonly schemaFor: SchemaLookup;
  /** Terminal width for wrapping prose; Terraform assumes 78 when it cannot tell. */
  readonly width?: number;
  /** Running under automation (TF_IN_AUTOMATION): leave out suggested command lines. */
  readonly inAutomation?: boolean;
}

interface ResourceDiff {
  readonly change: ResourceInstanceChange;
  readonly diff: Diff;
}

const defaultWidth = 78;

/** The whole plan text (tests, small outputs); commands stream renderPlanPieces through writePieces. */
export function renderPlan(plan: Plan, opts: RenderPlanOptions): string {
  return [...renderPlanPieces(plan, opts)].join("");
}

/**
 * The plan's text in pieces, about one per resource change, for writing to a stream as it is rendered:
 * the plan of 1,000 objects holding a 683 KiB string each (opentofu #1660) is 800 MB of text, more than
 * should ever be in memory at once.
 */
export function* renderPlanPieces(plan: Plan, opts: RenderPlanOptions): Generator<string, void, undefined> {
  const c = new Colorize(opts.color);
  const width = opts.width ?? defaultWidth;
  const wrap = (s: string): string => wordWrap(s, width);
  const rule = (): string => c.color("[dark_gray]\n%s", "─".repeat(Math.max(0, width - 1)));
  let out = "";

  const drift = sortChanges(plan.driftedResources).map((rc) => resourceDiff(rc, opts.schemaFor));
  const all = sortChanges(plan.resourceChanges)
    .filter((rc) => !(rc.action === "delete" && rc.addr.resource.resource.mode !== "managed"))
    .map((rc) => resourceDiff(rc, opts.schemaFor));
  const outputDiffs = plan.outputChanges.filter((o) => o.addr.module.isRoot()).map((o) => ({ output: o, diff: outputDiff(o) }));
  const empty =
    all.every((d) => d.diff.action === "no-op" && !isMoved(d.change)) && outputDiffs.every((o) => o.diff.action === "no-op");

  // Drift: only what changed outside Cairn (all of it in refresh-only mode, where moves count too).
  const shownDrift = plan.mode === "refresh-only" ? drift : drift.filter((d) => d.diff.action !== "no-op");
  const haveRefreshChanges = shownDrift.length > 0 && !(empty && plan.mode !== "refresh-only");
  if (haveRefreshChanges) {
    out += c.color("\n[bold][cyan]Note:[reset][bold] Objects have changed outside of Cairn\n") + "\n";
    out += wrap('Cairn detected the following changes made outside of Cairn since the last "cairn apply" which may have affected this plan:\n');
    for (const d of shownDrift) {
      const text = renderResource(d, "drift", c);
      if (text !== undefined) {
        yield out + "\n" + text + "\n";
        out = "";
      }
    }
    out +=
      wrap(
        plan.mode === "refresh-only"
          ? "\n\nThis is a refresh-only plan, so Cairn will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the Cairn state without changing any remote objects."
          : "\n\nUnless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.",
      ) + "\n";
  }

  const changes: ResourceDiff[] = [];
  const counts = new Map<Action, number>();
  let importing = 0;
  for (const d of all) {
    const rc = d.change;
    if (rc.action === "no-op" && !isMoved(rc) && rc.importing === undefined) continue;
    changes.push(d);
    if (rc.importing !== undefined) importing++;
    if (rc.action !== "no-op") counts.set(rc.action, (counts.get(rc.action) ?? 0) + 1);
  }
  const count = (a: Action): number => counts.get(a) ?? 0;
  const outputs = renderOutputs(outputDiffs, c);

  if (changes.length === 0 && outputs.length === 0) {
    if (plan.errored) {
      if (haveRefreshChanges) out += rule() + "\n";
      out += c.color("\n[reset][bold][red]Planning failed.[reset][bold] Cairn encountered an error while generating this plan.[reset]\n\n");
    } else if (plan.mode === "refresh-only") {
      if (haveRefreshChanges) {
        yield out;
        return;
      }
      out += c.color("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure still matches the configuration.[reset]\n\n");
      out += wrap("Cairn has checked that the real remote objects still match the result of your most recent changes, and found no differences.") + "\n";
    } else if (plan.mode === "destroy") {
      if (haveRefreshChanges) out += rule() + "\n";
      out += c.color("\n[reset][bold][green]No changes.[reset][bold] No objects need to be destroyed.[reset]\n\n");
      out += wrap("Either you have not created any objects yet or the existing objects were already deleted outside of Cairn.") + "\n";
    } else {
      if (haveRefreshChanges) out += rule() + "\n";
      out += c.color("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure matches the configuration.[reset]\n\n");
      if (haveRefreshChanges) {
        const text = plan.applyable
          ? "Your configuration already matches the changes detected above, so applying this plan will only update the state to include the changes detected above and won't change any real infrastructure."
          : "Your configuration already matches the changes detected above. If you'd like to update the Cairn state to match, create and apply a refresh-only plan" +
            (opts.inAutomation === true ? "." : ":\n  cairn apply -refresh-only");
        yield out + wrap(text) + "\n";
        return;
      }
      out += wrap("Cairn has compared your real infrastructure against your configuration and found no differences, so no changes are needed.") + "\n";
    }
  }

  if (haveRefreshChanges) out += rule() + "\n";

  if (counts.size > 0) {
    out += wrap("\nCairn used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:") + "\n";
    const legendOrder: Action[] = ["create", "update", "delete", "delete-then-create", "create-then-delete", "read", "forget"];
    for (const a of legendOrder) if (count(a) > 0) out += actionDescription(a, c) + "\n";
  }

  if (changes.length > 0) {
    out += plan.errored
      ? "\nCairn planned the following actions, but then encountered a problem:\n"
      : "\nCairn will perform the following actions:\n";
    for (const d of changes) {
      const text = renderResource(d, "change", c);
      if (text !== undefined) {
        yield out + "\n" + text + "\n";
        out = "";
      }
    }
    const add = count("create") + count("delete-then-create") + count("create-then-delete");
    const destroy = count("delete") + count("delete-then-create") + count("create-then-delete");
    out += c.color("\n[bold]Plan:[reset] ");
    if (importing > 0) out += `${importing} to import, `;
    out += `${add} to add, ${count("update")} to change, ${destroy} to destroy.\n`;
  }

  if (outputs.length > 0) {
    out += "\nChanges to Outputs:\n" + outputs + "\n";
    if (counts.size === 0) {
      out += wrap("\nYou can apply this plan to save these new output values to the Cairn state, without changing any real infrastructure.") + "\n";
    }
  }
  yield out;
}

function isMoved(rc: ResourceInstanceChange): boolean {
  return rc.prevRunAddr !== undefined && rc.prevRunAddr.toString() !== rc.addr.toString();
}

function resourceDiff(rc: ResourceInstanceChange, schemaFor: SchemaLookup): ResourceDiff {
  const mode = rc.addr.resource.resource.mode;
  const type = rc.addr.resource.resource.type;
  const schema = schemaFor(rc.providerAddr.toString(), mode, type) ?? schemaFromType(rc.after.isNull() ? rc.before.type : rc.after.type);
  // A forgotten object is shown as it is, unchanged: nothing happens to it, only state lets go of it.
  const after = rc.action === "forget" ? rc.before : rc.after;
  const change = changeFromValues(rc.before, after, { schema, requiredReplace: rc.requiredReplace });
  return { change: rc, diff: computeDiffForBlock(change, schema) };
}

function renderResource(d: ResourceDiff, cause: ChangeCause, c: Colorize): string | undefined {
  const rc = d.change;
  if (rc.action === "no-op" && !isMoved(rc) && rc.importing === undefined) return undefined;
  const opts = newRenderOpts(c);
  // An import shows the whole object being adopted, not only what differs.
  opts.showUnchangedChildren = rc.importing !== undefined;
  return (
    resourceChangeComment(rc, cause, c) +
    `${c.color(diffActionSymbol(rc.action))} ${resourceChangeHeader(rc)} ${renderDiff(d.diff, 0, opts)}`
  );
}

function outputDiff(o: OutputChange): Diff {
  // Terraform knows only "the output is sensitive"; a sensitive mark inside the value means the same here.
  const [before, beforeMarks] = o.before.unmarkDeep();
  const [after, afterMarks] = o.after.unmarkDeep();
  const sensitive = o.sensitive || beforeMarks.has(SENSITIVE) || afterMarks.has(SENSITIVE);
  return diffForOutputLike(changeFromValues(before, after, { sensitive }));
}

function renderOutputs(diffs: readonly { output: OutputChange; diff: Diff }[], c: Colorize): string {
  const byName = new Map(diffs.map((d) => [d.output.addr.output.name, d]));
  const names = sortedKeys(byName.keys());
  const width = Math.max(0, ...names.map((n) => byteLength(ensureValidAttributeName(n))));
  const lines: string[] = [];
  for (const name of names) {
    const { diff } = byName.get(name)!;
    if (diff.action === "no-op") continue;
    const opts = newRenderOpts(c);
    lines.push(`${c.color(diffActionSymbol(diff.action))} ${padRight(ensureValidAttributeName(name), width)} = ${renderDiff(diff, 0, opts)}`);
  }
  return lines.join("\n");
}
