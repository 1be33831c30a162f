// expressionReferences: the traversals the dependency graph is built from (hclsyntax Variables()).

import assert from "node:assert/strict";
import { test } from "node:test";
import { expressionReferences } from "../../../lang/eval/references.js";
import type { Traversal } from "../../../lang/syntax/ast.js";
import { formatValue } from "../../../lang/values/format.js";
import { parse } from "./scope.js";

function text(t: Traversal): string {
  return t.map((s) => (s.kind === "root" ? s.name : s.kind === "attr" ? `.${s.name}` : `[${formatValue(s.key)}]`)).join("");
}

const cases: readonly (readonly [string, readonly string[]])[] = [
  [`1 + 2`, []],
  [`var.a + local.b[0].c`, ["var.a", "local.b[0].c"]],
  [`"\${var.env}-\${cluster_node.n0.id}"`, ["var.env", "cluster_node.n0.id"]],
  [`[for x in var.list : x.name if x.enabled]`, ["var.list"]],
  [`{for k, v in var.m : k => "\${v}-\${local.suffix}"}`, ["var.m", "local.suffix"]],
  [`[for x in x : x]`, ["x"]],
  [`[for x in var.l : [for y in x : y + z]]`, ["var.l", "z"]],
  [`var.list[*].id`, ["var.list"]],
  [`var.list.*.attrs[local.k]`, ["var.list", "local.k"]],
  [`try(var.a.b, local.c)`, ["var.a.b", "local.c"]],
  [`can(data.x.y)`, ["data.x.y"]],
  [`{ key = 1, (local.k) = 2, "s" = each.value }`, ["local.k", "each.value"]],
  [`{ a.b = 1 }`, ["a.b"]],
  [`count.index > 0 ? module.m.out : self.id`, ["count.index", "module.m.out", "self.id"]],
  [`upper(var.x)[0]`, ["var.x"]],
  [`f(var.l...)`, ["var.l"]],
  [`"%{for s in var.ss}\${s}\${path.module}%{endfor}"`, ["var.ss", "path.module"]],
  [`!var.flag && -var.n < 0`, ["var.flag", "var.n"]],
  [`var.m["k"].x`, [`var.m["k"].x`]],
];

for (const [src, want] of cases) {
  test(`references of ${src}`, () => {
    assert.deepEqual(expressionReferences(parse(src)).map(text), want);
  });
}

test("references keep the source range of every step", () => {
  const [t] = expressionReferences(parse(`1 + var.a.b`));
  assert.deepEqual(
    t!.map((s) => [s.range.start.byte, s.range.end.byte]),
    [
      [4, 7],
      [7, 9],
      [9, 11],
    ],
  );
});

test("a deeply nested expression is walked without recursion", () => {
  const depth = 200; // the parser's own nesting limit is lower than what the walk could take
  const src = "(".repeat(depth) + "var.deep" + ")".repeat(depth);
  assert.deepEqual(expressionReferences(parse(src)).map(text), ["var.deep"]);
});
