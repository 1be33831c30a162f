// A realistic evaluation scope for the evaluator's tests and benchmark: Terraform's root names with known,
// unknown, null and sensitive values, and the full built-in function table.

import type { Diagnostic } from "../../../lang/diagnostics.js";
import { rootContext, type EvalContext } from "../../../lang/eval/context.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import { terraformFunctions } from "../../../lang/funcs/table.js";
import { parseExpression } from "../../../lang/syntax/parser.js";
import type { Expression } from "../../../lang/syntax/ast.js";
import { setVal } from "../../../lang/values/set.js";
import { BoolType, NumberType, StringType, listOf, mapOf } from "../../../lang/values/types.js";
import {
  NullDynamic,
  SENSITIVE,
  type Value,
  listVal,
  mapVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
  boolVal,
} from "../../../lang/values/value.js";

export const functions = terraformFunctions({ baseDir: process.cwd() });

const node = (name: string, zone: string): Value =>
  objectVal({ id: unknownVal(StringType), name: stringVal(name), labels: objectVal({ zone: stringVal(zone) }) });

export const variables: ReadonlyMap<string, Value> = new Map<string, Value>([
  [
    "var",
    objectVal({
      env: stringVal("prod"),
      count: numberVal(3),
      names: listVal([stringVal("a"), stringVal("b")]),
      tags: mapVal({ a: stringVal("1"), b: stringVal("2") }),
      obj: objectVal({ a: numberVal(1), b: stringVal("x") }),
      nothing: NullDynamic,
      secret: stringVal("s3cr3t").mark(SENSITIVE),
      secret_num: numberVal(7).mark(SENSITIVE),
      secret_bool: boolVal(true).mark(SENSITIVE),
      secret_list: listVal([stringVal("p"), stringVal("q")]).mark(SENSITIVE),
      pending: unknownVal(StringType),
      pending_num: unknownVal(NumberType),
      pending_bool: unknownVal(BoolType),
      pending_list: unknownVal(listOf(StringType)),
      pending_map: unknownVal(mapOf(StringType)),
      set: setVal([stringVal("y"), stringVal("x")]),
      nested: tupleVal([
        objectVal({ name: stringVal("a"), id: numberVal(1) }),
        objectVal({ name: stringVal("b"), id: numberVal(2) }),
      ]),
      nested_list: listVal([
        objectVal({ name: stringVal("a"), id: numberVal(1) }),
        objectVal({ name: stringVal("b"), id: numberVal(2) }),
      ]),
      empty: tupleVal([]),
    }),
  ],
  ["local", objectVal({ prefix: stringVal("cairn"), zones: tupleVal([stringVal("a"), stringVal("b"), stringVal("c")]) })],
  ["cluster_node", objectVal({ n0: node("n0", "a"), n1: node("n1", "b") })],
  ["count", objectVal({ index: numberVal(1) })],
  ["path", objectVal({ module: stringVal("."), root: stringVal(".") })],
  ["terraform", objectVal({ workspace: stringVal("default") })],
]);

export const ctx: EvalContext = rootContext(variables, functions);

export function parse(src: string): Expression {
  const { expr, diags } = parseExpression(src, "test.tf");
  if (diags.length > 0) throw new Error(`test expression ${src} does not parse: ${diags.map((d) => d.summary).join(", ")}`);
  return expr;
}

export function evalSrc(src: string, scope: EvalContext | undefined = ctx): { value: Value; diags: Diagnostic[] } {
  return evaluate(parse(src), scope);
}
