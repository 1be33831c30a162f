// Tables for the small pieces the plan renderer is built from, each checked against Terraform's behaviour.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Colorize } from "../../../cmd/views/plan/color.js";
import { longestCommonSubsequence, processSlice } from "../../../cmd/views/plan/collections.js";
import { JsonNumber, deepEqual } from "../../../cmd/views/plan/generic.js";
import { parseJson } from "../../../cmd/views/plan/parse-json.js";
import { PathMatcher } from "../../../cmd/views/plan/path-matcher.js";
import { wordWrap } from "../../../cmd/views/plan/wordwrap.js";
import { renderPlan } from "../../../cmd/views/plan/index.js";
import { change, plan } from "./helpers.js";
import { obj, s, n } from "./values.js";

test("wordWrap wraps prose at width-1 and leaves indented lines alone", () => {
  const cases: [string, number, string][] = [
    ["one two three four", 11, "one two\nthree four"],
    ["one two three four", 10, "one two\nthree\nfour"],
    ["one two three four", 1, "one two three four"],
    ["short", 78, "short"],
    ["  cairn apply -refresh-only and more words here", 10, "  cairn apply -refresh-only and more words here"],
    ["para one words\n\npara two", 9, "para one\nwords\n\npara two"],
    ["averyveryverylongword next", 8, "averyveryverylongword\nnext"],
  ];
  for (const [input, width, want] of cases) assert.equal(wordWrap(input, width), want, JSON.stringify(input));
});

test("Colorize applies markup only in the template and resets after coloured strings", () => {
  assert.equal(new Colorize(false).color("[bold]  # %s[reset] done", "x[red]y"), "  # x[red]y done");
  assert.equal(new Colorize(true).color("[green]+[reset]"), "\u001b[32m+\u001b[0m\u001b[0m");
  assert.equal(new Colorize(true).color("plain %s", "[red]"), "plain [red]");
  assert.equal(new Colorize(false).color("[notacode]"), "[notacode]");
});

test("parseJson accepts exactly one JSON value and keeps number text", () => {
  const ok = parseJson(' {"a": [1.50, -2e3, true, null, "x\\u0041"], "a2": {}} ');
  assert.ok(ok.ok);
  const want = new Map<string, unknown>([
    ["a", [new JsonNumber("1.50"), new JsonNumber("-2e3"), true, null, "xA"]],
    ["a2", new Map()],
  ]);
  assert.ok(deepEqual(ok.value, want as never));
  for (const bad of ["{", "[1,]", "{} {}", "[01]", '["\t"]', "{'a':1}", "[" .repeat(2000) + "]".repeat(2000)]) {
    assert.equal(parseJson(bad).ok, false, bad.slice(0, 20));
  }
  const dup = parseJson('{"k":1,"k":2}');
  assert.ok(dup.ok && dup.value instanceof Map && (dup.value.get("k") as JsonNumber).text === "2");
});

test("longestCommonSubsequence and processSlice pair elements as Terraform does", () => {
  const eq = (a: string, b: string) => a === b;
  assert.deepEqual(longestCommonSubsequence([..."abcde"], [..."axcye"], eq), ["a", "c", "e"]);
  assert.deepEqual(longestCommonSubsequence([], [..."a"], eq), []);
  const pairs: string[] = [];
  processSlice([..."abc"], [..."abxc"], eq, () => false, (b, a) => pairs.push(`${b}:${a}`));
  assert.deepEqual(pairs, ["0:0", "1:1", "3:2", "2:3"]);
  const same: string[] = [];
  processSlice([..."ab"], [..."ax"], eq, () => false, (b, a) => same.push(`${b}:${a}`));
  assert.deepEqual(same, ["0:0", "1:1"]);
});

test("PathMatcher follows attribute names and indexes", () => {
  const m = new PathMatcher([["ports", 1], ["name"]]);
  assert.equal(m.matches(), false);
  assert.equal(m.childWithKey("name").matches(), true);
  assert.equal(m.childWithKey("ports").matchesPartial(), true);
  assert.equal(m.childWithKey("ports").childWithIndex(1).matches(), true);
  assert.equal(m.childWithKey("ports").childWithIndex(0).matchesPartial(), false);
  assert.equal(new PathMatcher([["0"]]).childWithIndex(0).matches(), true);
});

test("a resource type without a schema is rendered from its value's type", () => {
  const out = renderPlan(
    plan({ changes: [change({ addr: "unknown_type.x", action: "create", after: obj({ a: s("1"), b: n(2) }) })] }),
    { color: false, schemaFor: () => undefined },
  );
  assert.match(out, /\+ resource "unknown_type" "x" \{\n {6}\+ a = "1"\n {6}\+ b = 2\n {4}\}/);
});

test("very long multi-line strings are diffed without a quadratic table", () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
  const before = lines.join("\n");
  const after = [...lines.slice(0, 100), "inserted", ...lines.slice(100, 15_000)].join("\n");
  const out = renderPlan(
    plan({ changes: [change({ addr: "terraform_data.big", action: "update", before: obj({ id: s("b"), input: s(before), output: s(before), triggers_replace: s("t") }), after: obj({ id: s("b"), input: s(after), output: s(after), triggers_replace: s("t") }) })] }),
    { color: false, schemaFor: () => undefined },
  );
  assert.match(out, /\n {10}\+ inserted\n/);
  assert.match(out, /\n {10}- line 19999\n/);
});
