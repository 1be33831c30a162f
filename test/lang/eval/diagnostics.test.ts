// Diagnostics of evaluation with HCL's exact summaries, details and subject/context ranges, including the
// issue's bad inputs: a function called with the wrong number or type of arguments and an unknown
// function (with "Did you mean"). Ranges are written as byte offsets into the one-line source.

import assert from "node:assert/strict";
import { test } from "node:test";
import { rootContext } from "../../../lang/eval/context.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import type { Range } from "../../../lang/pos.js";
import { evalSrc, functions, parse } from "./scope.js";

interface Want {
  readonly summary: string;
  readonly detail: string;
  /** [start byte, end byte) of the subject on line 1. */
  readonly subject: readonly [number, number];
  readonly context?: readonly [number, number];
}
interface Case {
  readonly src: string;
  readonly diags: readonly Want[];
  /** Evaluate without any context (HCL's nil EvalContext). */
  readonly noContext?: boolean;
}

const at = (r: Range | undefined): [number, number] | undefined => {
  if (r === undefined) return undefined;
  // Every source here is one line of ASCII, so columns are bytes + 1.
  assert.equal(r.start.line, 1);
  assert.equal(r.start.column, r.start.byte + 1);
  assert.equal(r.end.column, r.end.byte + 1);
  assert.equal(r.filename, "test.tf");
  return [r.start.byte, r.end.byte];
};

const cases: readonly Case[] = [
  // references
  { src: `vars.env`, diags: [{ summary: "Unknown variable", detail: `There is no variable named "vars". Did you mean "var"?`, subject: [0, 4] }] },
  { src: `nope.x`, diags: [{ summary: "Unknown variable", detail: `There is no variable named "nope".`, subject: [0, 4] }] },
  { src: `var.x`, noContext: true, diags: [{ summary: "Variables not allowed", detail: "Variables may not be used here.", subject: [0, 3] }] },
  { src: `var.obj.c`, diags: [{ summary: "Unsupported attribute", detail: `This object does not have an attribute named "c".`, subject: [7, 9] }] },
  { src: `var.tags.zz`, diags: [{ summary: "Missing map element", detail: `This map does not have an element with the key "zz".`, subject: [8, 11] }] },
  { src: `var.env.a`, diags: [{ summary: "Unsupported attribute", detail: "Can't access attributes on a primitive-typed value (string).", subject: [7, 9] }] },
  {
    src: `var.nested_list.name`,
    diags: [
      {
        summary: "Unsupported attribute",
        detail: `Can't access attributes on a list of objects. Did you mean to access attribute "name" for a specific element of the list, or across all elements of the list?`,
        subject: [15, 20],
      },
    ],
  },
  { src: `var.nothing.a`, diags: [{ summary: "Attempt to get attribute from null value", detail: "This value is null, so it does not have any attributes.", subject: [11, 13] }] },
  { src: `var.nothing[0]`, diags: [{ summary: "Attempt to index null value", detail: "This value is null, so it does not have any indices.", subject: [11, 14] }] },
  {
    src: `var.names[5]`,
    diags: [
      {
        summary: "Invalid index",
        detail: "The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.",
        subject: [9, 12],
      },
    ],
  },
  {
    src: `var.names[-1]`,
    diags: [{ summary: "Invalid index", detail: "The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", subject: [9, 13] }],
  },
  {
    src: `var.names[0.5]`,
    diags: [
      {
        summary: "Invalid index",
        detail: "The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.",
        subject: [9, 14],
      },
    ],
  },
  {
    src: `var.empty[0]`,
    diags: [{ summary: "Invalid index", detail: "The given key does not identify an element in this collection value: the collection has no elements.", subject: [9, 12] }],
  },
  {
    src: `var.names["x"]`,
    diags: [{ summary: "Invalid index", detail: "The given key does not identify an element in this collection value: a number is required.", subject: [9, 14] }],
  },
  {
    src: `var.obj[0]`,
    diags: [
      {
        summary: "Invalid index",
        detail: "The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.",
        subject: [7, 10],
      },
    ],
  },
  {
    src: `var.set[0]`,
    diags: [
      {
        summary: "Invalid index",
        detail: "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
        subject: [7, 10],
      },
    ],
  },
  { src: `var.names[null]`, diags: [{ summary: "Invalid index", detail: "Can't use a null value as an indexing key.", subject: [9, 15] }] },
  // templates
  {
    src: `"a\${var.nothing}"`,
    diags: [
      {
        summary: "Invalid template interpolation value",
        detail: "The expression result is null. Cannot include a null value in a string template.",
        subject: [4, 15],
        context: [0, 17],
      },
    ],
  },
  {
    src: `"a\${var.names}"`,
    diags: [
      {
        summary: "Invalid template interpolation value",
        detail: "Cannot include the given value in a string template: string required.",
        subject: [4, 13],
        context: [0, 15],
      },
    ],
  },
  // for expressions
  {
    src: `[for n in null : n]`,
    diags: [{ summary: "Iteration over null value", detail: "A null value cannot be used as the collection in a 'for' expression.", subject: [10, 14], context: [0, 19] }],
  },
  {
    src: `[for n in 1 : n]`,
    diags: [{ summary: "Iteration over non-iterable value", detail: "A value of type number cannot be used as the collection in a 'for' expression.", subject: [10, 11], context: [0, 16] }],
  },
  {
    src: `{for n in ["a", "a"] : n => n}`,
    diags: [
      {
        summary: "Duplicate object key",
        detail: `Two different items produced the key "a" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
        subject: [23, 24],
        context: [0, 30],
      },
    ],
  },
  {
    src: `[for n in var.names : n if n]`,
    diags: [{ summary: "Invalid 'for' condition", detail: "The 'if' clause value is invalid: a bool is required.", subject: [27, 28], context: [0, 29] }],
  },
  {
    src: `[for n in var.names : n if null]`,
    diags: [{ summary: "Condition is null", detail: "The value of the 'if' clause must not be null.", subject: [27, 31], context: [0, 32] }],
  },
  {
    src: `{for n in var.names : null => n}`,
    diags: [{ summary: "Invalid object key", detail: "Key expression in 'for' expression must not produce a null value.", subject: [22, 26], context: [0, 32] }],
  },
  // splat
  {
    src: `var.nested[*].nope`,
    diags: [
      { summary: "Unsupported attribute", detail: `This object does not have an attribute named "nope".`, subject: [13, 18] },
      { summary: "Unsupported attribute", detail: `This object does not have an attribute named "nope".`, subject: [13, 18] },
    ],
  },
  // objects
  {
    src: `{a.b = 1}`,
    diags: [
      {
        summary: "Ambiguous attribute key",
        detail: "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.",
        subject: [1, 4],
      },
    ],
  },
  { src: `{(var.nothing) = 1}`, diags: [{ summary: "Null value as key", detail: "Can't use a null value as a key.", subject: [17, 18] }] },
  { src: `{(var.names) = 1}`, diags: [{ summary: "Incorrect key type", detail: "Can't use this value as a key: string required.", subject: [1, 12] }] },
  // conditionals (objects with different attributes unify to a map, as in go-cty)
  {
    src: `true ? {a = 1} : {a = [1]}`,
    diags: [
      {
        summary: "Inconsistent conditional result types",
        detail: `The true and false result expressions must have consistent types. Type mismatch for object attribute "a": The 'true' value is number, but the 'false' value is tuple.`,
        subject: [7, 26],
        context: [0, 26],
      },
    ],
  },
  {
    src: `true ? [1] : {b = 1}`,
    diags: [
      {
        summary: "Inconsistent conditional result types",
        detail: "The true and false result expressions must have consistent types. The 'true' value is tuple, but the 'false' value is object.",
        subject: [7, 20],
        context: [0, 20],
      },
    ],
  },
  { src: `null ? 1 : 2`, diags: [{ summary: "Null condition", detail: "The condition value is null. Conditions must either be true or false.", subject: [0, 4], context: [0, 12] }] },
  { src: `"x" ? 1 : 2`, diags: [{ summary: "Incorrect condition type", detail: "The condition expression must be of type bool.", subject: [0, 3], context: [0, 11] }] },
  { src: `true ? var.nope : 1`, diags: [{ summary: "Unsupported attribute", detail: `This object does not have an attribute named "nope".`, subject: [10, 15] }] },
  // operators
  { src: `"a" + 1`, diags: [{ summary: "Invalid operand", detail: "Unsuitable value for left operand: a number is required.", subject: [0, 3], context: [0, 7] }] },
  { src: `1 + [1]`, diags: [{ summary: "Invalid operand", detail: "Unsuitable value for right operand: number required.", subject: [4, 7], context: [0, 7] }] },
  { src: `!"x"`, diags: [{ summary: "Invalid operand", detail: "Unsuitable value for unary operand: a bool is required.", subject: [1, 4], context: [0, 4] }] },
  { src: `1 + null`, diags: [{ summary: "Operation failed", detail: "Error during operation: argument must not be null.", subject: [0, 8] }] },
  // function calls: unknown function, wrong number and type of arguments
  {
    src: `uper("a")`,
    diags: [{ summary: "Call to unknown function", detail: `There is no function named "uper". Did you mean "upper"?`, subject: [0, 4], context: [0, 9] }],
  },
  { src: `frobnicate(1)`, diags: [{ summary: "Call to unknown function", detail: `There is no function named "frobnicate".`, subject: [0, 10], context: [0, 13] }] },
  { src: `upper("a")`, noContext: true, diags: [{ summary: "Function calls not allowed", detail: "Functions may not be called here.", subject: [0, 10] }] },
  {
    src: `upper()`,
    diags: [{ summary: "Not enough function arguments", detail: `Function "upper" expects 1 argument(s). Missing value for "str".`, subject: [6, 7], context: [0, 7] }],
  },
  {
    src: `upper("a", "b")`,
    diags: [{ summary: "Too many function arguments", detail: `Function "upper" expects only 1 argument(s).`, subject: [12, 13], context: [0, 15] }],
  },
  {
    src: `upper(["a"])`,
    diags: [{ summary: "Invalid function argument", detail: `Invalid value for "str" parameter: string required.`, subject: [6, 7], context: [0, 12] }],
  },
  {
    src: `max(1, "x")`,
    diags: [{ summary: "Invalid function argument", detail: `Invalid value for "numbers" parameter: a number is required.`, subject: [8, 9], context: [0, 11] }],
  },
  {
    src: `max(var.nothing...)`,
    diags: [{ summary: "Invalid expanding argument value", detail: "The expanding argument (indicated by ...) must not be null.", subject: [4, 15], context: [0, 19] }],
  },
  {
    src: `max(1...)`,
    diags: [{ summary: "Invalid expanding argument value", detail: "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", subject: [4, 5], context: [0, 9] }],
  },
  {
    src: `can()`,
    diags: [{ summary: "Not enough function arguments", detail: `Function "can" expects 1 argument(s). Missing value for "expression".`, subject: [4, 5], context: [0, 5] }],
  },
  {
    src: `try()`,
    diags: [{ summary: "Error in function call", detail: `Call to function "try" failed: at least one argument is required.`, subject: [0, 4], context: [0, 5] }],
  },
  {
    src: `try(var.obj.c)`,
    diags: [
      {
        summary: "Error in function call",
        detail: `Call to function "try" failed: no expression succeeded:\n- Unsupported attribute (at test.tf:1,12-14)\n  This object does not have an attribute named "c".\n\nAt least one expression must produce a successful result.`,
        subject: [0, 4],
        context: [0, 14],
      },
    ],
  },
];

for (const c of cases) {
  test(`diagnostics of ${c.src}`, () => {
    const r = c.noContext ? evaluate(parse(c.src), undefined) : evalSrc(c.src);
    const got = r.diags.map((d) => ({
      summary: d.summary,
      detail: d.detail,
      subject: at(d.subject),
      ...(d.context !== undefined ? { context: at(d.context) } : {}),
    }));
    assert.deepEqual(got, c.diags);
    assert.ok(r.diags.every((d) => d.severity === "error"));
    // Best effort: an error never produces a known result.
    assert.equal(r.value.isWhollyKnown(), false, "a failed evaluation yields an unknown value");
  });
}

test("a function's own error names the argument at fault", () => {
  const r = evaluate(parse(`element([], 0)`), rootContext(new Map(), functions));
  assert.equal(r.diags.length, 1);
  const d = r.diags[0]!;
  assert.match(d.summary, /^(Invalid function argument|Error in function call)$/);
  assert.match(d.detail ?? "", /element/);
});
