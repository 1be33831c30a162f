// Property: evaluation never throws, whatever expression it is given, and always returns a value; an
// expression with error diagnostics never yields a wholly known value (best-effort rule).

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { hasErrors } from "../../../lang/diagnostics.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import { expressionReferences } from "../../../lang/eval/references.js";
import { parseExpression } from "../../../lang/syntax/parser.js";
import { Value } from "../../../lang/values/value.js";
import { ctx } from "./scope.js";

const refs = [
  "var.env", "var.count", "var.names", "var.tags", "var.obj", "var.nothing", "var.secret", "var.secret_num",
  "var.pending", "var.pending_num", "var.pending_list", "var.pending_map", "var.set", "var.nested", "var.nested_list",
  "var.empty", "local.zones", "cluster_node.n0", "cluster_node.n0.id", "count.index", "nope", "var.nope",
];
const fns = ["upper", "length", "max", "join", "tostring", "keys", "try", "can", "uper", "element", "lookup", "concat"];

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("1", "0", "-2.5", `"s"`, "true", "false", "null", "[]", "{}", ...refs),
    fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||"), tie("e")).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom("!", "-"), tie("e")).map(([op, a]) => `${op}(${a})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    fc.array(tie("e"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
    fc.tuple(fc.constantFrom("a", "b", `"c"`, "(var.env)", "(var.nothing)", "(var.pending)"), tie("e")).map(([k, v]) => `{${k} = ${v}}`),
    fc.tuple(tie("e"), tie("e")).map(([c, k]) => `${c}[${k}]`),
    fc.tuple(tie("e"), fc.constantFrom("a", "id", "name", "0")).map(([c, a]) => `${c}.${a}`),
    fc.tuple(tie("e"), fc.constantFrom("", ".name", ".id", "[0]")).map(([c, a]) => `${c}[*]${a}`),
    fc.tuple(tie("e"), tie("e"), fc.boolean()).map(([c, v, cond]) => `[for k, v in ${c} : ${v}${cond ? " if v != null" : ""}]`),
    fc.tuple(tie("e"), tie("e"), fc.boolean()).map(([c, v, g]) => `{for k, v in ${c} : tostring(k) => ${v}${g ? "..." : ""}}`),
    fc.tuple(fc.constantFrom(...fns), fc.array(tie("e"), { maxLength: 3 }), fc.boolean()).map(
      ([f, args, expand]) => `${f}(${args.join(", ")}${expand && args.length > 0 ? "..." : ""})`,
    ),
    fc.array(tie("e"), { maxLength: 3 }).map((parts) => `"x${parts.map((p) => `\${${p}}`).join("-")}"`),
    fc.tuple(tie("e"), tie("e")).map(([c, b]) => `"%{if ${c}}${b}%{endif}"`),
  ),
})).e;

test("evaluating any expression never throws and gives a value", () => {
  fc.assert(
    fc.property(expr, (src) => {
      const parsed = parseExpression(src, "gen.tf");
      if (hasErrors(parsed.diags)) return; // the generator can produce text the parser refuses (rarely)
      const r = evaluate(parsed.expr, ctx);
      assert.ok(r.value instanceof Value);
      if (hasErrors(r.diags)) assert.equal(r.value.isWhollyKnown(), false, `${src} has errors but a known value`);
      for (const d of r.diags) assert.ok(d.subject !== undefined, `${src}: ${d.summary} has no subject`);
      expressionReferences(parsed.expr);
    }),
    { numRuns: 3000 },
  );
});
