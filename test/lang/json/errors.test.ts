// HCL JSON's syntax errors: each bad input with the expected summaries and the subject of the first one.

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseJSONConfig, parseJSONExpression } from "../../../lang/json/index.js";
import { formatRange } from "../../../lang/pos.js";

interface Case {
  readonly name: string;
  readonly src: string;
  readonly summaries: readonly string[];
  /** file:line,col-line,col of the first diagnostic's subject. */
  readonly subject: string;
  readonly detail?: RegExp;
}

const f = "t.json";
const cases: Case[] = [
  { name: "empty input", src: "", summaries: ["Missing value", "Root value must be object"], subject: `${f}:1,1-1,1` },
  { name: "misspelt keyword", src: '{"a": True}', summaries: ["Invalid JSON keyword"], subject: `${f}:1,7-1,11`, detail: /"True" is not a valid JSON keyword\. Did you mean "true"\?/ },
  { name: "JavaScript keyword", src: '{"a": NaN}', summaries: ["Invalid JSON keyword"], subject: `${f}:1,7-1,10`, detail: /JavaScript identifier "NaN" cannot be used in JSON/ },
  { name: "equals instead of colon", src: '{"a" = 1}', summaries: ["Missing property value colon", "Root value must be object"], subject: `${f}:1,6-1,7`, detail: /not an equals sign/ },
  { name: "missing colon", src: '{"a" 1}', summaries: ["Missing property value colon", "Root value must be object"], subject: `${f}:1,6-1,7` },
  { name: "missing object value", src: '{"a", "b"}', summaries: ["Missing object value", "Root value must be object"], subject: `${f}:1,5-1,6` },
  { name: "trailing comma in object", src: '{"a": 1,}', summaries: ["Trailing comma in object", "Root value must be object"], subject: `${f}:1,8-1,9` },
  { name: "trailing comma in array", src: '[1, 2,]', summaries: ["Trailing comma in array", "Root value must be object"], subject: `${f}:1,6-1,7` },
  { name: "unclosed object", src: '{"a": 1', summaries: ["Unclosed object", "Root value must be object"], subject: `${f}:1,1-1,2` },
  { name: "unclosed array", src: "[1", summaries: ["Unclosed object", "Root value must be object"], subject: `${f}:1,1-1,2`, detail: /closing bracket/ },
  { name: "mismatched braces", src: '{"a": 1]', summaries: ["Mismatched braces", "Root value must be object"], subject: `${f}:1,9-1,9` },
  { name: "mismatched brackets", src: "[1}", summaries: ["Mismatched brackets", "Root value must be object"], subject: `${f}:1,4-1,4` },
  { name: "missing comma between properties", src: '{"a": 1 "b": 2}', summaries: ["Missing attribute seperator comma", "Root value must be object"], subject: `${f}:1,16-1,16` }, // HCL points past its recovery
  { name: "missing comma between elements", src: "[1 2]", summaries: ["Missing attribute seperator comma", "Root value must be object"], subject: `${f}:1,6-1,6` },
  { name: "colon in array", src: '["a": 1]', summaries: ["Invalid array value", "Root value must be object"], subject: `${f}:1,9-1,9` },
  { name: "number property name", src: "{1: 2}", summaries: ["Invalid object property name", "Root value must be object"], subject: `${f}:1,2-1,3` },
  { name: "missing JSON value", src: '{"a": }', summaries: ["Missing JSON value"], subject: `${f}:1,7-1,8` },
  { name: "missing array element", src: "[1, ]", summaries: ["Trailing comma in array", "Root value must be object"], subject: `${f}:1,3-1,4` },
  { name: "leading zero", src: '{"a": 01}', summaries: ["Invalid JSON number"], subject: `${f}:1,7-1,9` },
  { name: "bare minus", src: '{"a": -}', summaries: ["Invalid JSON number"], subject: `${f}:1,7-1,8` },
  { name: "trailing dot", src: '{"a": 1.}', summaries: ["Invalid JSON number"], subject: `${f}:1,7-1,9` },
  { name: "invalid escape", src: '{"a": "x\\qy"}', summaries: ["Invalid JSON string"], subject: `${f}:1,11-1,12` },
  { name: "short unicode escape", src: '{"a": "\\u12x4"}', summaries: ["Invalid JSON string"], subject: `${f}:1,13-1,14` },
  { name: "unterminated string", src: '{"a": "abc', summaries: ["Invalid JSON string", "Unclosed object", "Root value must be object"], subject: `${f}:1,11-1,12` },
  { name: "newline in string", src: '{"a": "ab\ncd"}', summaries: ["Invalid JSON string", "Missing attribute seperator comma", "Root value must be object"], subject: `${f}:1,10-1,11` },
  { name: "invalid character", src: '{"a": @}', summaries: ["Invalid start of value", "Missing attribute seperator comma", "Root value must be object"], subject: `${f}:1,7-1,8` },
  { name: "extraneous data", src: '{"a": 1} {}', summaries: ["Extraneous data after value"], subject: `${f}:1,10-1,11` },
  { name: "root scalar", src: "42", summaries: ["Root value must be object"], subject: `${f}:1,1-1,3` },
  { name: "single quotes", src: "{'a': 1}", summaries: ["Invalid start of value", "Invalid object property name", "Root value must be object"], subject: `${f}:1,2-1,3` },
];

for (const c of cases) {
  test(`json error: ${c.name}`, () => {
    const { diags } = parseJSONConfig(c.src, f);
    assert.deepEqual(diags.map((d) => d.summary), c.summaries);
    assert.equal(formatRange(diags[0]!.subject!), c.subject);
    if (c.detail) assert.match(diags[0]!.detail ?? "", c.detail);
    for (const d of diags) assert.equal(d.severity, "error");
  });
}

test("json error: nesting deeper than the limit is one diagnostic, not a stack overflow", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const { diags } = parseJSONExpression(deep, f);
  assert.deepEqual(diags.map((d) => d.summary), ["Nesting too deep"]);
  assert.equal(formatRange(diags[0]!.subject!), `${f}:1,1001-1,1002`);
  const ok = "[".repeat(500) + "]".repeat(500);
  assert.deepEqual(parseJSONExpression(ok, f).diags, []);
});

test("json error: invalid UTF-8 inside a string decodes as U+FFFD without an error, as Go's decoder does", () => {
  const bytes = new Uint8Array([...Buffer.from('{"a": "x'), 0xff, ...Buffer.from('y", "b": 1}')]);
  const { body, diags } = parseJSONConfig(bytes, f);
  assert.deepEqual(diags, []);
  const c = body.content({ attributes: [{ name: "a" }, { name: "b" }] });
  assert.deepEqual(c.diags, []);
  // "b" starts after 1 invalid byte counted as one byte and one column.
  assert.equal(formatRange(c.content.attributes.get("b")!.nameRange), `${f}:1,14-1,17`);
  assert.equal(c.content.attributes.get("b")!.nameRange.start.byte, 13);
});
