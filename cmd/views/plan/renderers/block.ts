// A resource body or nested block: attributes first (sorted, `=` aligned), then nested blocks by type name,
// each group set off by a blank line; unchanged attributes and blocks are counted rather than shown.

import { quoteKey } from "../diff.js";
import {
  type Diff,
  type RenderOpts,
  type Renderer,
  actionSymbol,
  byteLength,
  cloneOpts,
  diffWarnings,
  ensureValidAttributeName,
  forcesReplacement,
  formatIndent,
  isImportantAttribute,
  newDiff,
  noWarnings,
  padRight,
  renderDiff,
  unchanged,
} from "../diff.js";
import { sortedKeys } from "../generic.js";
import { SensitiveBlockRenderer, UnknownRenderer } from "./simple.js";

/** The nested blocks of one type, with what is known about the group as a whole. */
export type BlockGroup =
  | { readonly kind: "single"; readonly diff: Diff; readonly flags: GroupFlags }
  | { readonly kind: "list" | "set"; readonly diffs: readonly Diff[]; readonly flags: GroupFlags }
  | { readonly kind: "map"; readonly diffs: ReadonlyMap<string, Diff>; readonly flags: GroupFlags };

export interface GroupFlags {
  readonly replace: boolean;
  readonly beforeSensitive: boolean;
  readonly afterSensitive: boolean;
  readonly unknown: boolean;
}

export class BlockRenderer implements Renderer {
  constructor(
    readonly attributes: ReadonlyMap<string, Diff>,
    readonly blocks: ReadonlyMap<string, BlockGroup>,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    if (this.attributes.size === 0 && this.blocks.size === 0) return `{}${forcesReplacement(diff.replace, opts)}`;
    const pad = formatIndent(indent + 1);
    const keys = sortedKeys(this.attributes.keys());
    const escaped = new Map(keys.map((k) => [k, ensureValidAttributeName(k)]));
    const width = Math.max(0, ...[...escaped.values()].map(byteLength));
    const importantOpts = cloneOpts(opts);
    importantOpts.showUnchangedChildren = true;
    const attrOpts = cloneOpts(opts);
    let hiddenAttrs = 0;
    let out = `{${forcesReplacement(diff.replace, opts)}\n`;
    for (const key of keys) {
      const attr = this.attributes.get(key)!;
      if (isImportantAttribute(key)) {
        for (const w of diffWarnings(attr, indent + 1, importantOpts)) out += `${pad}${w}\n`;
        out += `${pad}${actionSymbol(attr.action, importantOpts)}${padRight(key, width)} = ${renderDiff(attr, indent + 1, importantOpts)}\n`;
        continue;
      }
      if (attr.action === "no-op" && !opts.showUnchangedChildren) {
        hiddenAttrs++;
        continue;
      }
      for (const w of diffWarnings(attr, indent + 1, opts)) out += `${pad}${w}\n`;
      out += `${pad}${actionSymbol(attr.action, attrOpts)}${padRight(escaped.get(key)!, width)} = ${renderDiff(attr, indent + 1, attrOpts)}\n`;
    }
    if (hiddenAttrs > 0) out += `${pad}${actionSymbol("no-op", opts)}${unchanged("attribute", hiddenAttrs, opts)}\n`;

    let hiddenBlocks = 0;
    for (const key of sortedKeys(this.blocks.keys())) {
      const group = this.blocks.get(key)!;
      const flags = group.flags;
      let separated = false;
      const renderOne = (d: Diff, mapKey: string): void => {
        let block = d;
        const creatingSensitive = block.action === "create" && flags.afterSensitive;
        const deletingSensitive = block.action === "delete" && flags.beforeSensitive;
        const modifyingSensitive =
          (block.action === "update" || block.action === "no-op") && (flags.afterSensitive || flags.beforeSensitive);
        if (creatingSensitive || deletingSensitive || modifyingSensitive) {
          // The whole group is sensitive: its blocks are summarised, not shown.
          const action =
            block.action === "no-op" && flags.beforeSensitive !== flags.afterSensitive ? "update" : block.action;
          block = newDiff(new SensitiveBlockRenderer(block, flags.beforeSensitive, flags.afterSensitive), action, block.replace);
        }
        if (block.action === "no-op" && !opts.showUnchangedChildren) {
          hiddenBlocks++;
          return;
        }
        if (!separated && this.attributes.size > 0) {
          out += "\n";
          separated = true;
        }
        const blockOpts = cloneOpts(opts);
        blockOpts.forceForcesReplacement = flags.replace;
        for (const w of diffWarnings(block, indent + 1, blockOpts)) out += `${pad}${w}\n`;
        out += `${pad}${actionSymbol(block.action, blockOpts)}${ensureValidAttributeName(key)}${mapKey} ${renderDiff(block, indent + 1, blockOpts)}\n`;
      };
      const unknownGroup = (): void => {
        if (flags.unknown) renderOne(newDiff(new UnknownRenderer(undefined), diff.action, false), "");
      };
      switch (group.kind) {
        case "single":
          renderOne(group.diff, "");
          break;
        case "map":
          unknownGroup();
          for (const k of sortedKeys(group.diffs.keys())) renderOne(group.diffs.get(k)!, ` ${quoteKey(k)}`);
          break;
        default:
          unknownGroup();
          for (const d of group.diffs) renderOne(d, "");
      }
    }
    if (hiddenBlocks > 0) out += `\n${pad}${actionSymbol("no-op", opts)}${unchanged("block", hiddenBlocks, opts)}\n`;
    return out + `${formatIndent(indent)}${actionSymbol("no-op", opts)}}`;
  }
  warningsHuman = noWarnings;
}
