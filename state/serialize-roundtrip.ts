// A state exactly as reading back the file written from it would give it: what serialization leaves out
// (an empty dependencies list, an empty private) is gone, numbers and strings are as the parser makes them.
// parseState(serializeState(s)) computes that, but for a state holding 1,000 strings of 683 KiB
// (opentofu #1660) it builds a 1.4 GB text (beyond V8's string limit) and a second copy of every string.
// Strings come back from JSON unchanged (JSON.stringify's escapes, Go's HTML escapes and lone surrogates
// all parse back to the same code units), so the long attribute strings are held out: each is written as
// a marker and put back, the same string, after parsing. The text is then about as small as the state's
// structure, and the result shares its long strings with the input.

import { randomBytes } from "node:crypto";
import { LosslessNumber, StringMemo, type JsonValue } from "../lang/values/json-exact.js";
import type { StateFile } from "./model.js";
import { parseState, type ParsedState } from "./parse.js";
import { serializeState } from "./serialize.js";

export function roundTripState(state: StateFile, filename: string): ParsedState {
  const held = new HeldStrings();
  const parsed = parseState(serializeState(state, held), filename);
  if (parsed.state === undefined || held.size === 0) return parsed;
  for (const r of parsed.state.resources) for (const i of r.instances) held.restoreIn(i.attributes);
  return parsed;
}

/** Writes each long string it is given as a marker naming it (serialize.ts hands it StringMemo.MIN and up). */
class HeldStrings extends StringMemo {
  private readonly strings: string[] = [];
  // NUL and a random part: no string of a real state equals a marker.
  private readonly prefix = `\u0000cairn-held-${randomBytes(12).toString("hex")}-`;

  get size(): number {
    return this.strings.length;
  }

  override escaped(s: string): string {
    this.strings.push(s);
    return JSON.stringify(this.prefix + (this.strings.length - 1));
  }

  /** Puts the held strings back in place of their markers, anywhere inside `root` (iterative, any depth). */
  restoreIn(root: JsonValue): void {
    const work: JsonValue[] = [root];
    while (work.length > 0) {
      const v = work.pop()!;
      if (v === null || typeof v !== "object" || v instanceof LosslessNumber) continue;
      const container = v as { [k: string]: JsonValue };
      for (const key of Object.keys(container)) {
        const e = container[key];
        if (typeof e === "string") {
          if (e.startsWith(this.prefix)) container[key] = this.strings[Number(e.slice(this.prefix.length))] ?? e;
        } else if (e !== null && typeof e === "object") work.push(e);
      }
    }
  }
}
