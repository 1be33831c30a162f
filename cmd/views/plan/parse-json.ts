// Strict JSON parsing into the renderer's values, as Go's encoding/json decodes with UseNumber: numbers keep
// their literal text, later duplicate keys win, the whole input must be one value (white space aside).
// Nesting deeper than maxDepth counts as "not JSON" so such strings are shown plainly.

import { type Generic, JsonNumber } from "./generic.js";

const maxDepth = 1000;

export type ParseResult = { ok: true; value: Generic } | { ok: false };

class JsonSyntaxError {}

export function parseJson(text: string): ParseResult {
  const p = new Parser(text);
  try {
    p.skipSpace();
    const value = p.value(0);
    p.skipSpace();
    if (p.pos !== text.length) return { ok: false };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false };
    throw e;
  }
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && " \t\r\n".includes(this.text[this.pos]!)) this.pos++;
  }

  private fail(): never {
    throw new JsonSyntaxError();
  }

  private literal(word: string, value: Generic): Generic {
    if (!this.text.startsWith(word, this.pos)) this.fail();
    this.pos += word.length;
    return value;
  }

  value(depth: number): Generic {
    if (depth > maxDepth) this.fail();
    const ch = this.text[this.pos];
    switch (ch) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      default: {
        numberPattern.lastIndex = this.pos;
        const m = numberPattern.exec(this.text);
        if (m === null) this.fail();
        this.pos += m[0].length;
        return new JsonNumber(m[0]);
      }
    }
  }

  private object(depth: number): Generic {
    this.pos++;
    const out = new Map<string, Generic>();
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail();
      this.pos++;
      this.skipSpace();
      out.set(key, this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === "}") return out;
      if (next !== ",") this.fail();
    }
  }

  private array(depth: number): Generic {
    this.pos++;
    const out: Generic[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === "]") return out;
      if (next !== ",") this.fail();
    }
  }

  private string(): string {
    this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail();
      const ch = this.text[this.pos++]!;
      if (ch === '"') return out;
      if (ch < " ") this.fail();
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      if (esc === undefined) this.fail();
      if (esc === "u") {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
        continue;
      }
      const simple = escapes[esc];
      if (simple === undefined) this.fail();
      out += simple;
    }
  }
}
