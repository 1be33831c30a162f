// Parser: source -> expression tree shape, and ranges of the main node kinds.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfig, parseExpression, parseTemplate, parseTraversalAbs } from "../../../lang/syntax/parser.js";
import { rng, shape, trav } from "./shape.js";

const expressions: [string, string][] = [
  ["1", "1"],
  ["1.5e3", "1500"],
  ["-1", "(- 1)"],
  ["!true", "(! true)"],
  ["null", "null"],
  ["a", "a"],
  ["some-name", "some-name"],
  ["1 + 2 * 3", "(+ 1 (* 2 3))"],
  ["1 - 2 - 3", "(- (- 1 2) 3)"],
  ["-46 + 5", "(+ (- 46) 5)"],
  ["a || b && c == d", "(|| a (&& b (== c d)))"],
  ["a < b == c >= d", "(== (< a b) (>= c d))"],
  ["1 % 2 / 3", "(/ (% 1 2) 3)"],
  ["(1 + 2) * 3", "(* (paren (+ 1 2)) 3)"],
  ["a ? b : c ? d : e", "(? a b (? c d e))"],
  ["a.b[0].c", "a.b[0].c"],
  ['a["k"]', 'a["k"]'],
  ["a.0.b", "a[0].b"],
  ["a[b]", "(index a b)"],
  ["a[b].c", "(rel (index a b) .c)"],
  ["a[*].b", "(splat a (rel % .b))"],
  ["a[*]", "(splat a %)"],
  ["a.*.b.c", "(splat a (rel % .b.c))"],
  ["f(x)[0]", "(rel (call f x) [0])"],
  ["f()", "(call f)"],
  ["f(1, 2,)", "(call f 1 2)"],
  ["f(a...)", "(call f a ...)"],
  ["[1, 2, 3]", "[1 2 3]"],
  ["[]", "[]"],
  ["[\n1,\n2\n]", "[1 2]"],
  ['{a = 1, "b" = 2, c: 3}', '{a=1 (tpl "b")=2 c=3}'],
  ["{(a) = 1}", "{(key! (paren a))=1}"],
  ["{\n a = 1\n b = 2\n}", "{a=1 b=2}"],
  ["[for x in xs : x]", "(for x xs x)"],
  ["[for i, x in xs : x if x]", "(for i,x xs x if x)"],
  ["{for k, v in m : k => v...}", "(for k,v m k => v ...)"],
  ['"abc"', '(tpl "abc")'],
  ['""', '(tpl "")'],
  ['"${x}"', "(wrap x)"],
  ['"a${x}b"', '(tpl "a" x "b")'],
  ['"50% of $x"', '(tpl "50% of $x")'],
  ['"$${x} %%{y}"', '(tpl "${x} %{y}")'],
  ['"\\n\\t\\"\\\\\\u00e9\\U0001F600"', '(tpl "\\n\\t\\"\\\\é😀")'],
  ['"a ${~x~} b"', '(tpl "a" x "b")'],
  ['"%{if c}y%{else}n%{endif}"', '(tpl (? c (tpl "y") (tpl "n")))'],
  ['"%{if c}y%{endif}"', '(tpl (? c (tpl "y") (tpl "")))'],
  ['"%{for x in xs}${x},%{endfor}"', '(tpl (join (for x xs (tpl x ","))))'],
  ["<<EOT\n%{ for x in xs ~}\n  ${x}\n%{~ endfor }\nEOT\n", '(tpl (join (for x xs (tpl "  " x ""))) "\\n")'],
  ["<<EOT\nhello\nEOT\n", '(tpl "hello\\n")'],
  ["<<-EOT\n    a\n      b\n    EOT\n", '(tpl "a\\n  b\\n")'],
  ["<<-EOT\n  a ${x}\n  EOT\n", '(tpl "a " x "\\n")'],
  ["<<EOT\nEOT\n", '(tpl "")'],
];

test("expressions parse to the expected trees", () => {
  for (const [src, want] of expressions) {
    const { expr, diags } = parseExpression(src, "t.hcl");
    assert.deepEqual(diags.map((d) => d.summary), [], `diagnostics for ${JSON.stringify(src)}`);
    assert.equal(shape(expr), want, `tree of ${JSON.stringify(src)}`);
  }
});

const exprRanges: [string, string][] = [
  ["a.b[0]", "1,1(0)-1,7(6)"],
  ["f(1, 2)", "1,1(0)-1,8(7)"],
  ['"héllo"', "1,1(0)-1,8(8)"],
  ["  x + y", "1,3(2)-1,8(7)"],
  ["a ? b : c", "1,1(0)-1,10(9)"],
  ["<<EOT\nx\nEOT\n", "1,1(0)-3,4(11)"],
  ["[for x in y : x]", "1,1(0)-1,17(16)"],
  ["a[*].b", "1,1(0)-1,7(6)"],
];

test("expression ranges cover exactly their source (bytes count UTF-8, columns count characters)", () => {
  for (const [src, want] of exprRanges) {
    const { expr } = parseExpression(src, "t.hcl");
    assert.equal(rng(expr.range), want, JSON.stringify(src));
  }
});

test("bodies: attributes, blocks with quoted and identifier labels, one-line blocks, comments", () => {
  const src = [
    "# c1",
    "a = 1 // c2",
    "/* c3 */ b = 2",
    'resource "aws_instance" "web" {',
    "  ami = \"x\"",
    "  lifecycle { create_before_destroy = true }",
    "  empty {}",
    "}",
    "ident label {",
    "}",
    "",
  ].join("\n");
  const { file, diags } = parseConfig(src, "main.tf");
  assert.deepEqual(diags, []);
  const body = file.body;
  assert.deepEqual([...body.attributes.keys()], ["a", "b"]);
  assert.deepEqual(body.items.map((i) => (i.kind === "Block" ? `block ${i.type}` : `attr ${i.name}`)), ["attr a", "attr b", "block resource", "block ident"]);
  const res = body.blocks[0]!;
  assert.deepEqual(res.labels, ["aws_instance", "web"]);
  assert.equal(rng(res.labelRanges[0]), "4,10(41)-4,24(55)");
  assert.equal(rng(res.typeRange), "4,1(32)-4,9(40)");
  assert.equal(rng(res.range), "4,1(32)-8,2(133)");
  assert.equal(rng(res.openBraceRange), "4,31(62)-4,32(63)");
  assert.equal(rng(res.closeBraceRange), "8,1(132)-8,2(133)");
  const inner = res.body.blocks;
  assert.deepEqual(inner.map((b) => b.type), ["lifecycle", "empty"]);
  assert.equal(shape(inner[0]!.body.attributes.get("create_before_destroy")!.expr), "true");
  assert.deepEqual(body.blocks[1]!.labels, ["label"]);
  const a = body.attributes.get("a")!;
  assert.equal(rng(a.nameRange), "2,1(5)-2,2(6)");
  assert.equal(rng(a.equalsRange), "2,3(7)-2,4(8)");
  assert.equal(rng(a.range), "2,1(5)-2,6(10)");
  assert.equal(rng(body.srcRange), "1,1(0)-11,1(150)");
});

test("parseTemplate treats the whole input as template content, placed at `start`", () => {
  const { expr, diags } = parseTemplate("Hello, ${name}!", "x.tf.json", { line: 3, column: 10, byte: 40 });
  assert.deepEqual(diags, []);
  assert.equal(shape(expr), '(tpl "Hello, " name "!")');
  assert.equal(rng(expr.range), "3,10(40)-3,25(55)");
  const wrap = parseTemplate("${x}", "x.tf.json");
  assert.equal(shape(wrap.expr), "(wrap x)");
  const multi = parseTemplate("a\n%{if x}b%{endif}\n", "x.tf.json");
  assert.equal(shape(multi.expr), '(tpl "a\\n" (? x (tpl "b") (tpl "")) "\\n")');
});

test("parseTraversalAbs reads static absolute traversals", () => {
  const ok = parseTraversalAbs('aws_instance.foo[0].id["k"]', "t");
  assert.deepEqual(ok.diags, []);
  assert.equal(trav(ok.traversal), 'aws_instance.foo[0].id["k"]');
  const bad = parseTraversalAbs("a[*]", "t");
  assert.deepEqual(bad.diags.map((d) => [d.summary, rng(d.subject)]), [["Attribute name required", "1,3(2)-1,4(3)"]]);
  const idx = parseTraversalAbs("a[b]", "t");
  assert.deepEqual(idx.diags.map((d) => d.summary), ["Index value required"]);
});

test("an UTF-8 byte array parses like the string and a leading BOM is skipped", () => {
  const src = "\uFEFFa = \"é\"\n";
  const fromBytes = parseConfig(new TextEncoder().encode(src), "t");
  assert.deepEqual(fromBytes.diags, []);
  const a = fromBytes.file.body.attributes.get("a")!;
  assert.equal(rng(a.nameRange), "1,1(3)-1,2(4)");
  assert.equal(rng(a.expr.range), "1,5(7)-1,8(11)");
});
