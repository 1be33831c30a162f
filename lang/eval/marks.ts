// Collecting marks (sensitive) from several values to put on a result, without allocating in the common
// case where nothing is marked.

import type { Marks } from "../values/value.js";

const none: Marks = new Set();

export class MarkSet {
  private first: Marks | undefined;
  private merged: Set<string> | undefined;

  add(m: Marks): void {
    if (m.size === 0) return;
    if (this.first === undefined) {
      this.first = m;
      return;
    }
    if (this.merged === undefined) {
      if (m === this.first) return;
      this.merged = new Set(this.first);
    }
    for (const x of m) this.merged.add(x);
  }

  get(): Marks {
    return this.merged ?? this.first ?? none;
  }
}
