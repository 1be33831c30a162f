// Maps and objects: `key = value` lines with aligned `=`, unchanged entries counted rather than shown
// (identifying attributes such as `id` always shown).

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
  noWarnings,
  nullSuffix,
  padRight,
  quoteKey,
  renderDiff,
  unchanged,
} from "../diff.js";
import { sortedKeys } from "../generic.js";

export class ObjectRenderer implements Renderer {
  /** overrideNullSuffix: plain object attributes never print `-> null`; nested attribute objects do. */
  constructor(
    readonly attributes: ReadonlyMap<string, Diff>,
    readonly overrideNullSuffix: boolean,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    if (this.attributes.size === 0) return `{}${nullSuffix(diff.action, opts)}${forcesReplacement(diff.replace, opts)}`;
    const attrOpts = cloneOpts(opts);
    attrOpts.overrideNullSuffix = this.overrideNullSuffix;
    const keys = sortedKeys(this.attributes.keys());
    const escaped = new Map(keys.map((k) => [k, ensureValidAttributeName(k)]));
    const width = [...escaped.values()].reduce((w, k) => Math.max(w, byteLength(k)), 0);
    const pad = formatIndent(indent + 1);
    let hidden = 0;
    let out = `{${forcesReplacement(diff.replace, opts)}\n`;
    for (const key of keys) {
      const attr = this.attributes.get(key)!;
      let o = attrOpts;
      if (isImportantAttribute(key)) {
        o = cloneOpts(attrOpts);
        o.showUnchangedChildren = true;
      } else if (attr.action === "no-op" && !opts.showUnchangedChildren) {
        hidden++;
        continue;
      }
      const warnOpts = isImportantAttribute(key) ? o : opts;
      for (const w of diffWarnings(attr, indent + 1, warnOpts)) out += `${pad}${w}\n`;
      out += `${pad}${actionSymbol(attr.action, o)}${padRight(escaped.get(key)!, width)} = ${renderDiff(attr, indent + 1, o)}\n`;
    }
    if (hidden > 0) out += `${pad}${actionSymbol("no-op", opts)}${unchanged("attribute", hidden, opts)}\n`;
    return out + `${formatIndent(indent)}${actionSymbol("no-op", opts)}}${nullSuffix(diff.action, opts)}`;
  }
  warningsHuman = noWarnings;
}

export class MapRenderer implements Renderer {
  /**
   * Ordinary maps align their keys; nested-attribute maps do not, never print `-> null` on elements and push
   * `# forces replacement` onto them.
   */
  constructor(
    readonly elements: ReadonlyMap<string, Diff>,
    readonly nested: boolean,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    const selfReplace = diff.replace && !this.nested;
    const childReplace = diff.replace && this.nested;
    if (this.elements.size === 0) return `{}${nullSuffix(diff.action, opts)}${forcesReplacement(selfReplace, opts)}`;
    const keys = sortedKeys(this.elements.keys());
    const escaped = new Map(keys.map((k) => [k, quoteKey(k)]));
    const width = [...escaped.values()].reduce((w, k) => Math.max(w, byteLength(k)), 0);
    const elementOpts = cloneOpts(opts);
    elementOpts.overrideNullSuffix = diff.action === "delete" || this.nested;
    elementOpts.forceForcesReplacement = childReplace;
    const pad = formatIndent(indent + 1);
    let hidden = 0;
    let out = `{${forcesReplacement(selfReplace, opts)}\n`;
    for (const key of keys) {
      const element = this.elements.get(key)!;
      if (element.action === "no-op" && !opts.showUnchangedChildren) {
        hidden++;
        continue;
      }
      for (const w of diffWarnings(element, indent + 1, opts)) out += `${pad}${w}\n`;
      const comma = element.renderer instanceof ObjectRenderer ? "," : "";
      const name = this.nested ? escaped.get(key)! : padRight(escaped.get(key)!, width);
      out += `${pad}${actionSymbol(element.action, elementOpts)}${name} = ${renderDiff(element, indent + 1, elementOpts)}${comma}\n`;
    }
    if (hidden > 0) out += `${pad}${actionSymbol("no-op", opts)}${unchanged("element", hidden, opts)}\n`;
    return out + `${formatIndent(indent)}${actionSymbol("no-op", opts)}}${nullSuffix(diff.action, opts)}`;
  }
  warningsHuman = noWarnings;
}
