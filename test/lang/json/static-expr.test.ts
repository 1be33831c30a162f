// HCL's static-analysis helpers over both syntaxes: the same Terraform construct written natively and in
// JSON must read the same way (depends_on, ignore_changes, type constraints, keywords).

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseJSONExpression } from "../../../lang/json/index.js";
import { formatRange } from "../../../lang/pos.js";
import {
  absTraversalForExpr,
  exprAsKeyword,
  exprCall,
  exprList,
  exprMap,
  relTraversalForExpr,
} from "../../../lang/static-expr.js";
import type { Expression, Traversal } from "../../../lang/syntax/ast.js";
import { parseExpression } from "../../../lang/syntax/parser.js";
import { exprString, valueString } from "./project.js";

function native(src: string): Expression {
  const r = parseExpression(src, "n.tf");
  assert.deepEqual(r.diags, [], src);
  return r.expr;
}
function json(src: string): Expression {
  const r = parseJSONExpression(src, "j.tf.json");
  assert.deepEqual(r.diags, [], src);
  return r.expr;
}
function traversalText(t: Traversal | undefined): string | undefined {
  if (t === undefined) return undefined;
  return t.map((s) => (s.kind === "root" ? `root:${s.name}` : s.kind === "attr" ? `.${s.name}` : `[${valueString(s.key)}]`)).join("");
}

const traversalCases: { src: string; parse: (s: string) => Expression; want?: string }[] = [
  { src: "aws_instance.web", parse: native, want: "root:aws_instance.web" },
  { src: '"aws_instance.web"', parse: json, want: "root:aws_instance.web" },
  { src: 'module.m["a"].out', parse: native, want: 'root:module.m["a"].out' },
  { src: '"module.m[\\"a\\"].out"', parse: json, want: 'root:module.m["a"].out' },
  { src: "var.list[0]", parse: native, want: "root:var.list[0]" },
  { src: "null", parse: native, want: "root:null" },
  { src: "true", parse: native, want: "root:true" },
  { src: "true", parse: json, want: undefined },
  { src: "null", parse: json, want: undefined },
  { src: "1", parse: json, want: undefined },
  { src: '"aws_instance.web"', parse: native, want: undefined },
  { src: "f(x)", parse: native, want: undefined },
  { src: "(var.x)", parse: native, want: undefined },
  { src: '"${var.x}"', parse: json, want: undefined },
  { src: '"a + b"', parse: json, want: undefined },
  { src: "[1]", parse: native, want: undefined },
];

for (const c of traversalCases) {
  test(`absTraversalForExpr ${c.parse === json ? "json" : "native"} ${c.src}`, () => {
    const expr = c.parse(c.src);
    const r = absTraversalForExpr(expr);
    assert.equal(traversalText(r.traversal), c.want);
    if (c.want === undefined) {
      assert.deepEqual(r.diags.map((d) => d.summary), ["Invalid expression"]);
      assert.match(r.diags[0]!.detail!, /A single static variable reference is required/);
      assert.deepEqual(r.diags[0]!.subject, expr.range);
    } else assert.deepEqual(r.diags, []);
  });
}

test("a traversal read from a JSON string is positioned at the string's opening quote, as in HCL", () => {
  const t = absTraversalForExpr(json('  "aws_instance.web"')).traversal!;
  assert.equal(formatRange(t[0]!.range), "j.tf.json:1,3-1,15");
  assert.equal(formatRange(t[1]!.range), "j.tf.json:1,15-1,19");
});

test("relTraversalForExpr turns the root into an attribute step", () => {
  for (const e of [native("tags.Name"), json('"tags.Name"')]) {
    const t = relTraversalForExpr(e).traversal!;
    assert.deepEqual(t.map((s) => [s.kind, s.kind === "index" ? "" : s.name]), [["attr", "tags"], ["attr", "Name"]]);
  }
  assert.equal(relTraversalForExpr(native("1 + 2")).traversal, undefined);
});

test("exprAsKeyword reads bare names in both syntaxes", () => {
  assert.equal(exprAsKeyword(native("string")), "string");
  assert.equal(exprAsKeyword(json('"string"')), "string");
  assert.equal(exprAsKeyword(native("create_before_destroy")), "create_before_destroy");
  assert.equal(exprAsKeyword(native("null")), "null");
  assert.equal(exprAsKeyword(json("null")), "");
  assert.equal(exprAsKeyword(native("var.x")), "");
  assert.equal(exprAsKeyword(json('"var.x"')), "");
  assert.equal(exprAsKeyword(native('"string"')), "");
  // An object key written bare is a keyword; parenthesised it is an expression.
  const obj = native("{ a = 1, (b) = 2 }");
  const items = exprMap(obj).items!;
  assert.equal(exprAsKeyword(items[0]!.key), "a");
  assert.equal(exprAsKeyword(items[1]!.key), "");
});

test("exprList gives tuple elements (JSON arrays) and refuses other forms", () => {
  assert.deepEqual(exprList(native("[a.b, c]")).exprs!.map(exprString), ["a.b", "c"]);
  assert.deepEqual(exprList(json('["a.b", "c"]')).exprs!.map(exprString), ['tmpl("a.b")', 'tmpl("c")']);
  const bad = exprList(native("var.list"));
  assert.equal(bad.exprs, undefined);
  assert.equal(bad.diags[0]!.detail, "A static list expression is required.");
  assert.equal(exprList(json('"[a]"')).exprs, undefined);
});

test("exprMap gives object items (JSON objects, keys as templates)", () => {
  const n = exprMap(native('{ a = 1, "b" = 2 }')).items!;
  assert.deepEqual(n.map((i) => exprString(i.value)), ["1", "2"]);
  const j = exprMap(json('{"a": 1, "b": "x"}')).items!;
  assert.deepEqual(j.map((i) => [exprString(i.key), exprString(i.value)]), [['tmpl("a")', "1"], ['tmpl("b")', 'tmpl("x")']]);
  const bad = exprMap(native("[1]"));
  assert.equal(bad.diags[0]!.detail, "A static map expression is required.");
  assert.equal(formatRange(bad.diags[0]!.subject!), "n.tf:1,1-1,2");
});

test("exprCall reads type-constraint calls in both syntaxes", () => {
  const n = exprCall(native("list(string)")).call!;
  assert.equal(n.name, "list");
  assert.deepEqual(n.args.map((a) => exprAsKeyword(a)), ["string"]);
  const j = exprCall(json('"map(number)"')).call!;
  assert.equal(j.name, "map");
  assert.deepEqual(j.args.map((a) => exprAsKeyword(a)), ["number"]);
  assert.equal(exprCall(json('"string"')).call, undefined);
  assert.equal(exprCall(native("string")).diags[0]!.detail, "A static function call is required.");
});
