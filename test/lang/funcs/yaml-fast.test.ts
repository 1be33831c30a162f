// yamldecode's fast path (lang/funcs/yaml-fast.ts) against the `yaml` library it stands in for: on
// every document the fast path accepts, both must give the same value (type, nullness, numbers); everything
// outside its subset must be refused so the library decides, including its error messages.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fastYAML } from "../../../lang/funcs/yaml-fast.js";
import { decodeYAMLWithLibrary } from "../../../lang/funcs/yaml.js";
import { formatValue } from "../../../lang/values/format.js";
import { rawEquals, type Value } from "../../../lang/values/value.js";

function library(text: string): Value | Error {
  try {
    return decodeYAMLWithLibrary(text);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function assertSame(text: string): void {
  const fast = fastYAML(text);
  assert.ok(fast !== undefined, `fast path refused:\n${text}`);
  const lib = library(text);
  assert.ok(!(lib instanceof Error), `library failed on a document the fast path accepted:\n${text}\n${String(lib)}`);
  assert.ok(rawEquals(fast, lib), `different values for:\n${text}\nfast: ${formatValue(fast)}\nlibrary: ${formatValue(lib)}`);
}

const accepted: readonly (readonly [string, string])[] = [
  ["mapping of scalars", "a: b\nc: d\n"],
  ["terraform #26355 users", "user0:\n  - admins\n  - developers\nuser1:\n  - developers\n  - operators\n  - auditors\n"],
  ["sequence at the key's column", "a:\n- p\n- q\nb: z\n"],
  ["compact mappings in a sequence", "- name: a\n  groups:\n    - x\n- name: b\n  id: 2\n"],
  ["nested compact sequences", "- - a\n  - b\n- - c\n"],
  ["empty values are null", "a:\nb:\n  c:\nd: 1\n"],
  ["empty sequence items are null", "-\n- a\n-\n"],
  ["item value on the next line", "-\n  a\n"],
  ["integers", "a: 0\nb: -12\nc: 123456789012345678901234567890\n"],
  ["integer keys are their text", "1: a\n-2: b\n"],
  ["quoted strings", "a: \"yes\"\nb: 'no'\n\"c d\": \"e: f # g\"\n'h': ''\n"],
  ["unicode in quotes", "a: \"héllo wörld ✓\"\n"],
  ["words with spaces and punctuation", "name: John Doe\npath: a/b.c-d_e@f\ntext: foo - bar\n"],
  ["comments and blank lines", "# users\n\na: 1\n  # indented comment\n\nb:\n  # between\n  - x\n"],
  ["indented document", "  a: 1\n  b: 2\n"],
  ["trailing spaces", "a: b   \nc:   \n  - d  \n"],
  ["no final newline", "a: b"],
  ["deep nesting", Array.from({ length: 50 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + "\n" + "  ".repeat(50) + "v: 1\n"],
];

const refused: readonly (readonly [string, string])[] = [
  ["YAML 1.1 booleans", "a: yes\n"],
  ["YAML 1.1 booleans as items", "- on\n"],
  ["YAML 1.1 boolean keys", "y: 1\n"],
  ["null words", "a: Null\n"],
  ["tilde", "a: ~\n"],
  ["exponent-only floats", "a: e5\n"],
  ["signed exponent", "a: E-3\n"],
  ["octal", "a: 012\n"],
  ["floats", "a: 1.5\n"],
  ["flow collections", "a: [1, 2]\n"],
  ["anchors", "a: &x 1\nb: *x\n"],
  ["tags", "a: !!str 1\n"],
  ["block scalars", "a: |\n  text\n"],
  ["multi-line plain scalars", "a: b\n  c\n"],
  ["item continuation", "- a\n  b\n"],
  ["inline comments", "a: b # c\n"],
  ["document markers", "---\na: 1\n"],
  ["tabs", "a:\n\t- b\n"],
  ["CRLF", "a: b\r\n"],
  ["escapes", 'a: "b\\nc"\n'],
  ["duplicate keys", "a: 1\na: 2\n"],
  ["bad indentation", "a:\n    b: 1\n  c: 2\n"],
  ["sequence after a mapping", "a: 1\n- b\n"],
  ["no space after colon", "a:b\n"],
  ["complex keys", "? a\n: b\n"],
  ["lone scalar", "hello\n"],
  ["empty document", ""],
  ["comments only", "# nothing\n"],
  ["timestamps", "a: 2001-12-14\n"],
  ["merge keys", "<<: 1\n"],
  ["double spaces in words", "a: b  c\n"],
];

describe("yamldecode fast path", () => {
  for (const [name, text] of accepted) it(`accepts and agrees with the library: ${name}`, () => assertSame(text));

  for (const [name, text] of refused) {
    it(`leaves to the library: ${name}`, () => assert.equal(fastYAML(text), undefined, text));
  }

  it("agrees with the library on generated documents, or refuses them", () => {
    // A seeded generator of block documents mixing the subset with its near misses (bad indentation,
    // special words, odd spacing): every document the fast path accepts must decode identically.
    let seed = 26355;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n); // the high bits: an LCG's low bits repeat with a short period
    };
    const words = ["a", "b", "user1", "x y", "yes", "No", "e5", "0", "12", "-3", "012", '"q"', "'s'", "", "~", "a:b", "1.5", "[1]"];
    let accepted = 0;
    for (let doc = 0; doc < 3000; doc++) {
      const lines: string[] = [];
      let indent = 0;
      const n = 1 + rnd(8);
      for (let i = 0; i < n; i++) {
        indent = Math.max(0, indent + [0, 0, 2, -2, -4, 1][rnd(6)]!);
        const pad = " ".repeat(indent);
        const w = words[rnd(words.length)]!;
        const k = words[rnd(6)]!;
        switch (rnd(4)) {
          case 0:
            lines.push(`${pad}- ${w}`);
            break;
          case 1:
            lines.push(`${pad}${k}: ${w}`);
            break;
          case 2:
            lines.push(`${pad}${k}${["", "", "_" + i][rnd(3)]}:`);
            break;
          default:
            lines.push(`${pad}- ${k}${i}: ${w}`);
        }
      }
      const text = lines.join("\n") + "\n";
      const fast = fastYAML(text);
      if (fast === undefined) continue;
      accepted++;
      assertSame(text);
    }
    // The generator must exercise the fast path, not only its refusals.
    assert.ok(accepted > 150, `only ${accepted} generated documents took the fast path`);
  });
});
