// The harness itself must be able to fail: cases written to be wrong in one way each must be reported,
// and a correct case with traversal expectations must pass.

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { bigFloatFrom } from "../../../lang/values/bigfloat.js";
import { numberVal } from "../../../lang/values/value.js";
import { runCase, valueMismatch } from "./runner.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "..", "..", "..", "..", "test", "lang", "specsuite", "fixtures");
const run = (name: string) => runCase(join(fixtures, `${name}.t`));

test("a correct case with expected traversals passes", () => {
  assert.deepEqual(run("traversals"), []);
});

test("a wrong result value is reported", () => {
  const problems = run("wrong_value");
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /Incorrect result value: result\.a: 1, want 2/);
});

test("a result of the wrong type is reported", () => {
  assert.deepEqual(run("wrong_type"), [
    "wrong_type.hcl: Incorrect result type: produced object({a=number}), but was expecting object({a=string})",
  ]);
});

test("a diagnostic at another range is both unexpected and missing", () => {
  const problems = run("wrong_range");
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /Unexpected diagnostic: error: Unsupported argument .*:2,1-2,2/);
  assert.match(problems[1]!, /Missing expected diagnostic: error 2,2,7-2,3,8/);
});

test("a reference the case does not expect is reported", () => {
  assert.deepEqual(run("missing_traversal"), ["missing_traversal.hcl: Unexpected traversal foo.bar"]);
});

test("numbers compare within go-cty's binary precision, and no further", () => {
  const expected = numberVal(bigFloatFrom("0.8").plus(bigFloatFrom("2.4e-157")));
  assert.equal(valueMismatch(numberVal("0.8"), expected, "n"), undefined);
  assert.notEqual(valueMismatch(numberVal("0.8000000001"), numberVal("0.8"), "n"), undefined);
  assert.notEqual(valueMismatch(numberVal("0.8"), numberVal("0.8").mark("sensitive"), "n"), undefined);
});
