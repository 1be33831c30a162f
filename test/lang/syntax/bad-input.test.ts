// Bad input belonging to the syntax: each case gives diagnostics with HCL's summaries and exact subject
// ranges, and never an exception.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfig } from "../../../lang/syntax/parser.js";
import { rng } from "./shape.js";

type Case = [name: string, src: string | Uint8Array, expected: [summary: string, subject: string][]];

const cases: Case[] = [
  [
    "unterminated string (runs into the next line)",
    'a = "abc\nb = 1\n',
    [
      ["Invalid multi-line string", "1,9(8)-2,1(9)"],
      ["Invalid multi-line string", "2,6(14)-3,1(15)"],
      ["Unterminated template string", "1,9(8)-2,1(9)"],
    ],
  ],
  ["unterminated string at end of file", 'a = "abc', [["Unterminated template string", "1,9(8)-1,9(8)"]]],
  ["unterminated heredoc", "a = <<EOT\nhello\n", [["Unterminated template string", "3,1(16)-3,1(16)"]]],
  ["%{if} without %{endif}", 'a = "%{if x}yes"\n', [["Unexpected end of template", "1,16(15)-1,17(16)"]]],
  ["%{endfor} closing an %{if}", 'a = "%{if x}y%{endfor}"\n', [["Unexpected endfor directive", "1,14(13)-1,23(22)"]]],
  [
    "unknown directive keyword",
    'a = "%{iff x}y%{endif}"\n',
    [
      ["Invalid template control keyword", "1,8(7)-1,11(10)"],
      ["Unexpected endif directive", "1,15(14)-1,23(22)"],
    ],
  ],
  [
    "unclosed interpolation",
    'a = "${x"\n',
    [
      ["Invalid multi-line string", "1,10(9)-2,1(10)"],
      ["Unclosed template interpolation sequence", "1,6(5)-1,8(7)"],
    ],
  ],
  ["unterminated comment", "a = 1\n/* never closed\nb = 2\n", [["Unterminated comment", "2,1(6)-2,3(8)"]]],
  ["invalid escape", 'a = "x\\qy"\n', [["Invalid escape sequence", "1,7(6)-1,9(8)"]]],
  ["short \\u escape", 'a = "\\u12"\n', [["Invalid escape sequence", "1,6(5)-1,10(9)"]]],
  ["unexpected token", "a = 1\n= 2\n", [["Argument or block definition required", "2,1(6)-2,2(7)"]]],
  ["attribute given twice", "a = 1\na = 2\n", [["Attribute redefined", "2,1(6)-2,2(7)"]]],
  ["block written like an attribute", 'c "x" = 1\n', [["Invalid block definition", "1,7(6)-1,8(7)"]]],
  ["attribute without equals inside a block", 'resource "x" "y" {\n  ami "foo"\n}\n', [["Invalid block definition", "2,12(30)-3,1(31)"]]],
  ["two attributes on one line", "a = 1 b = 2\n", [["Missing newline after argument", "1,7(6)-1,8(7)"]]],
  ["comma between attributes", 'a = "a value", b = "b value"\n', [["Unexpected comma after argument", "1,14(13)-1,15(14)"]]],
  ["unclosed block", "a {\n  b = 1\n", [["Unclosed configuration block", "1,3(2)-1,4(3)"]]],
  ["one-line block with two arguments", "a { b = 1, c = 2 }\n", [["Invalid single-argument block definition", "1,10(9)-1,11(10)"]]],
  ["block inside a one-line block", "a { d {} }\n", [["Argument definition required", "1,5(4)-1,8(7)"]]],
  [
    "semicolon",
    "a = 1;\n",
    [
      ["Invalid character", "1,6(5)-1,7(6)"],
      ["Missing newline after argument", "1,6(5)-1,7(6)"],
    ],
  ],
  [
    "single quotes",
    "a = 'x'\n",
    [
      ["Invalid character", "1,5(4)-1,6(5)"],
      ["Invalid expression", "1,5(4)-1,6(5)"],
    ],
  ],
  [
    "bitwise operator",
    "a = b & c\n",
    [
      ["Unsupported operator", "1,7(6)-1,8(7)"],
      ["Missing newline after argument", "1,7(6)-1,8(7)"],
    ],
  ],
  ["invalid UTF-8 (the byte range of the first bad byte)", new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0x78, 0xff, 0xfe, 0x79, 0x22, 0x0a]), [["Invalid character encoding", "1,7(6)-1,8(7)"]]],
  ["unclosed tuple", "a = [1, 2\n", [["Unterminated tuple constructor expression", "1,5(4)-1,6(5)"]]],
  ["missing item separator", "a = [1 2]\n", [["Missing item separator", "1,8(7)-1,9(8)"]]],
  ["unclosed function call", "a = f(1", [["Unterminated function call", "1,5(4)-1,7(6)"]]],
  ["missing expression", "a =", [["Missing expression", "1,4(3)-1,4(3)"]]],
  ["tuple for with key", "a = [for k, v in x : k => v]\n", [["Invalid 'for' expression", "1,22(21)-1,23(22)"]]],
  ["legacy index chained", "a = x.0.1\n", [["Invalid legacy index syntax", "1,7(6)-1,10(9)"]]],
];

test("bad input gives diagnostics with HCL's summaries and exact subject ranges", () => {
  for (const [name, src, expected] of cases) {
    const { diags } = parseConfig(src, "t.tf");
    assert.deepEqual(
      diags.map((d) => [d.summary, rng(d.subject)]),
      expected,
      name,
    );
    for (const d of diags) {
      assert.equal(d.severity, "error", name);
      assert.ok(d.detail && d.detail.length > 10, `${name}: detail says what to do`);
    }
  }
});

test("diagnostic details name the earlier definition and suggest fixes", () => {
  const twice = parseConfig("a = 1\na = 2\n", "main.tf").diags[0]!;
  assert.equal(twice.detail, 'The argument "a" was already set at main.tf:1,1-2. Each argument may be set only once.');
  const kw = parseConfig('a = "%{iff x}y%{endif}"\n', "main.tf").diags[0]!;
  assert.equal(kw.detail, '"iff" is not a valid template control keyword. Did you mean "if"?');
  const endif = parseConfig('a = "%{if x}yes"\n', "main.tf").diags[0]!;
  assert.equal(endif.detail, "The if directive at main.tf:1,6-13 is missing its corresponding endif directive.");
});

test("a partial tree is returned alongside the errors", () => {
  const { file, diags } = parseConfig('a = 1\nb = [1,\nc = "ok"\nresource "x" "y" {\n  z = 1\n}\n', "t.tf");
  assert.ok(diags.length > 0);
  assert.ok(file.body.attributes.has("a"));
});
