// Ranges made by the native parser are byte offsets into a per-file SourceMap, with lines and columns worked
// out when read, and the compact AST nodes make their ranges on read. These tests pin both down against a
// naive reference (count lines and code points from the start of the text) and check the contract other
// code relies on: equal ranges deep-equal, JSON gives the plain form, the helpers accept both kinds.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  SourceMap,
  SourceRange,
  rangeBetween,
  rangeEndOf,
  rangeStartOf,
  toPlainRange,
  type Pos,
  type Range,
} from "../../../lang/pos.js";
import { scanTable, scanTokens } from "../../../lang/syntax/lexer.js";
import { parseConfig, parseExpression } from "../../../lang/syntax/parser.js";
import { attributeNode, blockNode, bodyNode, literalNode, tupleCons } from "../../../lang/syntax/nodes.js";
import { stringVal } from "../../../lang/values/value.js";
import type { Attribute, Block, Body, Expression } from "../../../lang/syntax/ast.js";

/** The position of `byte` by walking the text from `base` (columns count code points, as HCL's do). */
function naivePos(text: string, byte: number, base: Pos = { line: 1, column: 1, byte: 0 }): Pos {
  let line = base.line;
  let column = base.column;
  let b = base.byte;
  for (const ch of text) {
    if (b >= byte) break;
    b += Buffer.byteLength(ch);
    if (ch === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, byte };
}

test("SourceMap positions equal a naive count, for ASCII and multi-byte lines, from any start", () => {
  const text = "a = 1\nb = \"é😀x\"\n\n  c = \"日本\" # ü\r\nd\n";
  const bases: Pos[] = [
    { line: 1, column: 1, byte: 0 },
    { line: 3, column: 10, byte: 40 },
  ];
  for (const base of bases) {
    const map = new SourceMap("m.tf", text, base);
    const bytes = Buffer.from(text);
    // Every character boundary.
    let off = 0;
    const boundaries = [0];
    for (const ch of text) boundaries.push((off += Buffer.byteLength(ch)));
    assert.equal(boundaries[boundaries.length - 1], bytes.length);
    for (const rel of boundaries) {
      const got = map.pos(base.byte + rel);
      assert.deepEqual(got, naivePos(text, base.byte + rel, base), `byte ${rel} from ${JSON.stringify(base)}`);
    }
    // Out-of-order lookups (the map remembers the last line; it must not rely on ascending order).
    for (const rel of [...boundaries].reverse()) assert.deepEqual(map.pos(base.byte + rel), naivePos(text, base.byte + rel, base));
  }
});

const alphabet = [..."ab =1\n\t\"{}[].,${}#"].concat(["é", "😀", "日", "\r\n", "<<EOT\n", "\nEOT\n", "ü"]);
const src = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((a) => a.join(""));

test("every token's start and end equal the naive position of its byte offsets", () => {
  fc.assert(
    fc.property(src, (s) => {
      for (const t of scanTokens(s, "p.tf")) {
        assert.deepEqual(t.range.start, naivePos(s, t.range.start.byte));
        assert.deepEqual(t.range.end, naivePos(s, t.range.end.byte));
      }
    }),
    { numRuns: 500 },
  );
});

test("a leading BOM is skipped: positions count from the byte after it, columns from 1", () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("é = 1\n")]);
  const table = scanTable(bytes, "bom.tf");
  const first = table.range(0);
  assert.deepEqual(toPlainRange(first), { filename: "bom.tf", start: { line: 1, column: 1, byte: 3 }, end: { line: 1, column: 2, byte: 5 } });
});

test("an invalid byte counts as one byte and one column", () => {
  const bytes = new Uint8Array([...Buffer.from('a = "x'), 0xff, ...Buffer.from('y"\nb = 2\n')]);
  const { file } = parseConfig(bytes, "bad.tf");
  const b = file.body.attributes.get("b")!;
  assert.deepEqual(toPlainRange(b.nameRange), { filename: "bad.tf", start: { line: 2, column: 1, byte: 10 }, end: { line: 2, column: 2, byte: 11 } });
  const { diags } = parseConfig(bytes, "bad.tf");
  const enc = diags.find((d) => d.summary === "Invalid character encoding")!;
  assert.deepEqual(toPlainRange(enc.subject!), { filename: "bad.tf", start: { line: 1, column: 7, byte: 6 }, end: { line: 1, column: 8, byte: 7 } });
});

test("AST ranges read through nodes equal the naive positions (multi-byte text before and inside)", () => {
  const text = 'x = "日本"\nresource "é" "😀" {\n  name = "a-${var.é}"\n  list = [1, "ü", true]\n  obj  = { k = v.a[0].b }\n}\n';
  const { file, diags } = parseConfig(text, "n.tf");
  assert.deepEqual(diags, []);
  const check = (r: Range, what: string): void => {
    assert.deepEqual(r.start, naivePos(text, r.start.byte), `${what} start`);
    assert.deepEqual(r.end, naivePos(text, r.end.byte), `${what} end`);
  };
  const walk = (e: Expression, path: string): void => {
    check(e.range, path);
    switch (e.kind) {
      case "ScopeTraversal":
        e.traversal.forEach((t, i) => check(t.range, `${path}.traversal[${i}]`));
        break;
      case "Template":
        e.parts.forEach((p, i) => walk(p, `${path}.parts[${i}]`));
        break;
      case "TupleCons":
        check(e.openRange, `${path}.openRange`);
        e.exprs.forEach((x, i) => walk(x, `${path}[${i}]`));
        break;
      case "ObjectCons":
        check(e.openRange, `${path}.openRange`);
        for (const it of e.items) {
          walk(it.key, `${path}.key`);
          walk(it.value, `${path}.value`);
        }
        break;
      default:
        break;
    }
  };
  const body = (b: Body, path: string): void => {
    check(b.srcRange, `${path}.srcRange`);
    check(b.endRange, `${path}.endRange`);
    for (const it of b.items) {
      if (it.kind === "Attribute") {
        check(it.nameRange, `${path}.${it.name}.nameRange`);
        check(it.equalsRange, `${path}.${it.name}.equalsRange`);
        check(it.range, `${path}.${it.name}.range`);
        walk(it.expr, `${path}.${it.name}`);
      } else {
        check(it.typeRange, `${path}.${it.type}.typeRange`);
        it.labelRanges.forEach((r, i) => check(r, `${path}.${it.type}.labelRanges[${i}]`));
        check(it.openBraceRange, `${path}.${it.type}.openBraceRange`);
        check(it.closeBraceRange, `${path}.${it.type}.closeBraceRange`);
        check(it.range, `${path}.${it.type}.range`);
        body(it.body, `${path}.${it.type}`);
      }
    }
  };
  body(file.body, "file");
  const block = file.body.blocks[0]!;
  assert.equal(Buffer.from(text).subarray(block.labelRanges[1]!.start.byte, block.labelRanges[1]!.end.byte).toString(), '"😀"');
  assert.equal(block.labelRanges[1]!.start.column, 14); // resource "é" "😀": 8 + 1 + 3 + 1 characters before it
  assert.deepEqual([...block.body.attributes.keys()], ["name", "list", "obj"]);
  assert.equal(block.body.attributes, block.body.attributes, "the attribute map is built once");
});

test("equal ranges deep-equal whichever was read; JSON and inspection give the plain form", () => {
  const { expr } = parseExpression("a.b", "e.tf");
  const r1 = expr.range;
  const r2 = expr.range;
  void r1.start.line;
  assert.deepStrictEqual(r1, r2);
  assert.ok(r1 instanceof SourceRange);
  const plain = { filename: "e.tf", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 4, byte: 3 } };
  assert.deepEqual(JSON.parse(JSON.stringify(r1)), plain);
  assert.deepStrictEqual(toPlainRange(r1), plain);
});

test("range helpers keep SourceRanges compact and accept plain ranges", () => {
  const map = new SourceMap("h.tf", "abc def\nghi");
  const a = map.range(0, 3);
  const b = map.range(4, 7);
  const ab = rangeBetween(a, b);
  assert.ok(ab instanceof SourceRange);
  assert.deepEqual(toPlainRange(ab), { filename: "h.tf", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 8, byte: 7 } });
  assert.deepEqual(toPlainRange(rangeBetween(b, a)), toPlainRange(ab));
  assert.deepEqual(toPlainRange(rangeStartOf(b)), { filename: "h.tf", start: b.start, end: b.start });
  assert.deepEqual(toPlainRange(rangeEndOf(b)), { filename: "h.tf", start: b.end, end: b.end });
  const plain: Range = toPlainRange(map.range(8, 11));
  assert.deepEqual(rangeBetween(a, plain), { filename: "h.tf", start: a.start, end: plain.end });
  assert.deepEqual(rangeStartOf(plain), { filename: "h.tf", start: plain.start, end: plain.start });
});

test("node factories fall back to plain objects for ranges that are not SourceRanges", () => {
  const r = (l: number, c: number, b: number, l2: number, c2: number, b2: number): Range => ({
    filename: "p.tf",
    start: { line: l, column: c, byte: b },
    end: { line: l2, column: c2, byte: b2 },
  });
  const lit = literalNode(stringVal("x"), r(1, 5, 4, 1, 8, 7));
  assert.deepEqual(lit, { kind: "LiteralValue", value: stringVal("x"), range: r(1, 5, 4, 1, 8, 7) });
  const attr: Attribute = attributeNode("a", lit, r(1, 1, 0, 1, 2, 1), r(1, 3, 2, 1, 4, 3), r(1, 1, 0, 1, 8, 7));
  assert.equal(attr.range.end.byte, 7);
  const body: Body = bodyNode([attr], r(1, 1, 0, 1, 8, 7), r(1, 8, 7, 1, 8, 7));
  assert.equal(body.attributes.get("a"), attr);
  assert.deepEqual(body.blocks, []);
  const block: Block = blockNode("b", ["l"], body, r(2, 1, 9, 2, 2, 10), [r(2, 3, 11, 2, 6, 14)], r(2, 7, 15, 2, 8, 16), r(3, 1, 18, 3, 2, 19), r(2, 1, 9, 3, 2, 19));
  assert.deepEqual(block.labelRanges, [r(2, 3, 11, 2, 6, 14)]);
  const tup = tupleCons([lit], r(1, 1, 0, 1, 2, 1), r(1, 1, 0, 1, 9, 8));
  assert.deepEqual(tup.openRange, r(1, 1, 0, 1, 2, 1));
});

test("a block with more than two labels keeps every label range", () => {
  const text = 'a "x" "y" "z" w {\n}\n';
  const { file, diags } = parseConfig(text, "l.tf");
  assert.deepEqual(diags, []);
  const b = file.body.blocks[0]!;
  assert.deepEqual(b.labels, ["x", "y", "z", "w"]);
  assert.deepEqual(
    b.labelRanges.map((r) => text.slice(r.start.byte, r.end.byte)),
    ['"x"', '"y"', '"z"', "w"],
  );
  assert.equal(text.slice(b.openBraceRange.start.byte, b.openBraceRange.end.byte), "{");
  assert.equal(text.slice(b.range.start.byte, b.range.end.byte), 'a "x" "y" "z" w {\n}');
});
