// Values of every expression form, with unknown and sensitive propagation. Each case's expected value is
// itself an HCL expression evaluated with the function table but no variables, compared exactly (type,
// value, marks); `unknown` names the expected type of an unknown result instead.

import assert from "node:assert/strict";
import { test } from "node:test";
import { rootContext } from "../../../lang/eval/context.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import { typeOfTypeValue } from "../../../lang/eval/type-value.js";
import { formatValue } from "../../../lang/values/format.js";
import { typeString } from "../../../lang/values/types.js";
import { rawEquals } from "../../../lang/values/value.js";
import type { Expression } from "../../../lang/syntax/ast.js";
import { ctx, evalSrc, functions, parse, variables } from "./scope.js";

interface Case {
  readonly src: string;
  /** Expected value as an HCL expression (no variables); omit when `unknown` is given. */
  readonly want?: string;
  /** The unknown result's type, in type-constraint syntax ("any" for the dynamic pseudo-type). */
  readonly unknown?: string;
  readonly sensitive?: boolean;
}

const cases: readonly Case[] = [
  // literals, collections, templates
  { src: `42`, want: `42` },
  { src: `0.1 + 0.2`, want: `0.3` },
  { src: `1.1 * 3`, want: `3.3000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002` }, // as terraform console prints it
  { src: `9007199254740993 + 0`, want: `9007199254740993` },
  { src: `[1, "a", true]`, want: `[1, "a", true]` },
  { src: `{a = 1, "b" = 2, (var.env) = 3}`, want: `{a = 1, b = 2, prod = 3}` },
  { src: `{true = 1, null = 2, false = 3}`, want: `{"true" = 1, "null" = 2, "false" = 3}` },
  { src: `{a = 1, a = 2}`, want: `{a = 2}` },
  { src: `"\${var.env}-x"`, want: `"prod-x"` },
  { src: `"n=\${var.count}"`, want: `"n=3"` },
  { src: `"\${var.names}"`, want: `tolist(["a", "b"])` },
  { src: `"\${var.nothing}"`, want: `null` },
  { src: `"\${var.pending}-x"`, unknown: "string" },
  { src: `"\${var.secret}!"`, want: `"s3cr3t!"`, sensitive: true },
  { src: `"%{if var.count > 2}big%{else}small%{endif}"`, want: `"big"` },
  { src: `"%{for n in var.names}\${n},%{endfor}"`, want: `"a,b,"` },
  { src: `"%{for n in var.pending_list}\${n}%{endfor}"`, unknown: "string" },
  { src: `"%{for n in var.secret_list}\${n}%{endfor}"`, want: `"pq"`, sensitive: true },
  // traversals and indexing
  { src: `var.obj.a`, want: `1` },
  { src: `var.obj["b"]`, want: `"x"` },
  { src: `var.names[0]`, want: `"a"` },
  { src: `var.names.1`, want: `"b"` },
  { src: `var.names["1"]`, want: `"b"` },
  { src: `var.tags.a`, want: `"1"` },
  { src: `var.tags["b"]`, want: `"2"` },
  { src: `local.zones[2]`, want: `"c"` },
  { src: `cluster_node.n1.labels.zone`, want: `"b"` },
  { src: `cluster_node.n0.id`, unknown: "string" },
  { src: `var.pending_list[0]`, unknown: "string" },
  { src: `var.pending_map.k`, unknown: "string" },
  { src: `var.names[var.pending_num]`, unknown: "string" },
  { src: `var.secret_list[0]`, want: `"p"`, sensitive: true },
  { src: `var.names[var.secret_num - 6]`, want: `"b"`, sensitive: true },
  { src: `terraform.workspace`, want: `"default"` },
  // splats
  { src: `var.nested[*].name`, want: `["a", "b"]` },
  { src: `var.nested.*.id`, want: `[1, 2]` },
  { src: `var.nested_list[*].name`, want: `tolist(["a", "b"])` },
  { src: `var.set[*]`, want: `tolist(["x", "y"])` },
  { src: `var.obj[*].a`, want: `[1]` },
  { src: `var.env[*]`, want: `["prod"]` },
  { src: `var.nothing[*]`, want: `[]` },
  { src: `var.pending_list[*]`, unknown: "list(string)" },
  { src: `var.pending[*]`, unknown: "any" },
  { src: `var.secret_list[*]`, want: `tolist(["p", "q"])`, sensitive: true },
  // for expressions
  { src: `[for n in var.names : upper(n)]`, want: `["A", "B"]` },
  { src: `[for i, n in var.names : i if n != "a"]`, want: `[1]` },
  { src: `{for k, v in var.tags : v => k}`, want: `{"1" = "a", "2" = "b"}` },
  { src: `{for k, v in var.obj : k => k}`, want: `{a = "a", b = "b"}` },
  { src: `[for s in var.set : s]`, want: `["x", "y"]` },
  { src: `[for k, s in var.set : k]`, want: `["x", "y"]` },
  { src: `{for n in ["a", "a", "b"] : n => n...}`, want: `{a = ["a", "a"], b = ["b"]}` },
  { src: `[for n in var.pending_list : n]`, unknown: "any" },
  { src: `[for n in var.names : n if n == var.pending]`, unknown: "any" },
  { src: `{for n in var.names : var.pending => n}`, unknown: "any" },
  { src: `[for n in var.secret_list : n]`, want: `["p", "q"]`, sensitive: true },
  { src: `[for n in var.names : n if var.secret_bool]`, want: `["a", "b"]`, sensitive: true },
  { src: `[for x in [for y in var.names : upper(y)] : "\${x}\${x}"]`, want: `["AA", "BB"]` },
  // conditionals
  { src: `var.count > 2 ? "big" : "small"`, want: `"big"` },
  { src: `true ? 1 : "x"`, want: `"1"` },
  { src: `false ? null : [1]`, want: `[1]` },
  { src: `(true ? null : [1]) == null`, want: `true` },
  { src: `var.pending_bool ? 1 : 2`, unknown: "number" },
  { src: `var.secret_bool ? "a" : "b"`, want: `"a"`, sensitive: true },
  { src: `true ? var.secret : "b"`, want: `"s3cr3t"`, sensitive: true },
  { src: `false ? var.undeclared : 1`, want: `1` },
  // operators
  { src: `1 + 2 * 3`, want: `7` },
  { src: `"1" + 1`, want: `2` },
  { src: `11 % 5`, want: `1` },
  { src: `-var.count`, want: `-3` },
  { src: `!true`, want: `false` },
  { src: `1 == "1"`, want: `false` },
  { src: `var.nothing == null`, want: `true` },
  { src: `var.pending_num + 1`, unknown: "number" },
  { src: `var.secret_num + 1`, want: `8`, sensitive: true },
  { src: `false && var.pending_bool`, want: `false` },
  { src: `var.pending == "x"`, unknown: "bool" },
  // function calls
  { src: `upper("a")`, want: `"A"` },
  { src: `max(1, 5, 3)`, want: `5` },
  { src: `max([1, 5, 3]...)`, want: `5` },
  { src: `max(var.set[*] == [] ? [0] : [2, 4]...)`, want: `4` },
  { src: `length(var.names)`, want: `2` },
  { src: `upper(var.secret)`, want: `"S3CR3T"`, sensitive: true },
  { src: `upper(var.pending)`, unknown: "string" },
  { src: `join(",", var.names)`, want: `"a,b"` },
  { src: `max(var.pending_list...)`, unknown: "any" },
  // try and can
  { src: `try(var.obj.c, "fallback")`, want: `"fallback"` },
  { src: `try(var.obj.a, "fallback")`, want: `1` },
  { src: `try(var.pending, "x")`, unknown: "any" },
  { src: `can(var.obj.c)`, want: `false` },
  { src: `can(var.obj.a)`, want: `true` },
  { src: `can(var.pending)`, unknown: "bool" },
  { src: `[for n in var.names : try(var.tags[n], "none")]`, want: `["1", "2"]` },
];

const expectCtx = rootContext(new Map(), functions);

for (const c of cases) {
  test(`value of ${c.src}`, () => {
    const got = evalSrc(c.src);
    assert.deepEqual(
      got.diags.map((d) => `${d.summary}: ${d.detail}`),
      [],
      `unexpected diagnostics for ${c.src}`,
    );
    if (c.unknown !== undefined) {
      assert.equal(got.value.isKnown(), false, `${c.src} should be unknown, got ${formatValue(got.value)}`);
      assert.equal(typeString(got.value.type), c.unknown);
    } else {
      const want = evaluate(parse(c.want!), expectCtx);
      assert.deepEqual(want.diags, []);
      const expected = c.sensitive ? want.value.mark("sensitive") : want.value;
      // Sensitive results may carry the mark deeper inside; compare shallow marks and the unmarked value.
      const [plainGot] = got.value.unmarkDeep();
      const [plainWant] = expected.unmarkDeep();
      assert.ok(
        rawEquals(plainGot, plainWant),
        `${c.src}: got ${formatValue(got.value)} (${typeString(got.value.type)}), want ${formatValue(expected)} (${typeString(expected.type)})`,
      );
    }
    assert.equal(got.value.containsMarked(), c.sensitive === true, `sensitivity of ${c.src}`);
  });
}

test("type() is the console's: a printable type, unknown elsewhere", () => {
  const console = rootContext(variables, functions, { consoleFunctions: true });
  const r = evaluate(parse(`type(var.obj)`), console);
  assert.deepEqual(r.diags, []);
  assert.equal(r.value.asString(), "object({a=number,b=string})");
  assert.equal(typeString(typeOfTypeValue(r.value)!), "object({a=number, b=string})");
  const inConfig = evaluate(parse(`type(1)`), ctx);
  assert.equal(inConfig.diags[0]?.summary, "Call to unknown function");
});

test("the evaluation depth limit yields a diagnostic, not a stack overflow", () => {
  // Built directly: the parser has its own, lower nesting limit.
  const one = parse("1");
  let e: Expression = one;
  for (let i = 0; i < 5000; i++) e = { kind: "Parentheses", expr: e, range: one.range };
  const r = evaluate(e, ctx);
  assert.equal(r.value.isKnown(), false);
  assert.deepEqual(
    r.diags.map((d) => d.summary),
    ["Expression too deeply nested"],
  );
});
