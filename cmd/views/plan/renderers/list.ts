// Lists and tuples. Unchanged elements are hidden, but for ordinary lists the element before and after each
// change is shown for context, since order matters; nested lists (blocks, nested attributes) show none.

import {
  type Diff,
  type RenderOpts,
  type Renderer,
  actionSymbol,
  cloneOpts,
  diffWarnings,
  forcesReplacement,
  formatIndent,
  noWarnings,
  nullSuffix,
  renderDiff,
  unchanged,
} from "../diff.js";

export class ListRenderer implements Renderer {
  constructor(
    readonly elements: readonly Diff[],
    readonly displayContext: boolean,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    if (this.elements.length === 0) return `[]${nullSuffix(diff.action, opts)}${forcesReplacement(diff.replace, opts)}`;
    const elementOpts = cloneOpts(opts);
    elementOpts.overrideNullSuffix = true;
    const unchangedOpts = cloneOpts(opts);
    unchangedOpts.showUnchangedChildren = true;
    const pad = formatIndent(indent + 1);
    let skipped: Diff[] = [];
    let renderNext = false;
    let out = `[${forcesReplacement(diff.replace, opts)}\n`;
    for (const element of this.elements) {
      if (element.action === "no-op" && !renderNext && !opts.showUnchangedChildren) {
        skipped.push(element);
        continue;
      }
      renderNext = false;
      let elemOpts = elementOpts;
      if (this.displayContext) {
        if (skipped.length > 1) out += `${pad}${actionSymbol("no-op", elemOpts)}${unchanged("element", skipped.length - 1, elemOpts)}\n`;
        const last = skipped[skipped.length - 1];
        if (last !== undefined) {
          out += `${pad}${actionSymbol(last.action, unchangedOpts)}${renderDiff(last, indent + 1, unchangedOpts)},\n`;
        }
        skipped = [];
        if (element.action === "no-op") elemOpts = unchangedOpts;
        else renderNext = true;
      }
      for (const w of diffWarnings(element, indent + 1, elemOpts)) out += `${pad}${w}\n`;
      out += `${pad}${actionSymbol(element.action, elemOpts)}${renderDiff(element, indent + 1, elemOpts)},\n`;
    }
    if (skipped.length > 0) out += `${pad}${actionSymbol("no-op", opts)}${unchanged("element", skipped.length, opts)}\n`;
    return out + `${formatIndent(indent)}${actionSymbol("no-op", opts)}]${nullSuffix(diff.action, opts)}`;
  }
  warningsHuman = noWarnings;
}

/** Sets: unordered, so no context; nested sets push `# forces replacement` onto their elements. */
export class SetRenderer implements Renderer {
  constructor(
    readonly elements: readonly Diff[],
    readonly replaceOnElements: boolean,
  ) {}

  renderHuman(diff: Diff, indent: number, opts: RenderOpts): string {
    const selfReplace = diff.replace && !this.replaceOnElements;
    const childReplace = diff.replace && this.replaceOnElements;
    if (this.elements.length === 0) return `[]${nullSuffix(diff.action, opts)}${forcesReplacement(selfReplace, opts)}`;
    const elementOpts = cloneOpts(opts);
    elementOpts.overrideNullSuffix = true;
    elementOpts.forceForcesReplacement = childReplace;
    const pad = formatIndent(indent + 1);
    let hidden = 0;
    let out = `[${forcesReplacement(selfReplace, opts)}\n`;
    for (const element of this.elements) {
      if (element.action === "no-op" && !opts.showUnchangedChildren) {
        hidden++;
        continue;
      }
      for (const w of diffWarnings(element, indent + 1, opts)) out += `${pad}${w}\n`;
      out += `${pad}${actionSymbol(element.action, elementOpts)}${renderDiff(element, indent + 1, elementOpts)},\n`;
    }
    if (hidden > 0) out += `${pad}${actionSymbol("no-op", opts)}${unchanged("element", hidden, opts)}\n`;
    return out + `${formatIndent(indent)}${actionSymbol("no-op", opts)}]${nullSuffix(diff.action, opts)}`;
  }
  warningsHuman = noWarnings;
}
