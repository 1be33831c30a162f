// HCL's specification suite (../shared/conformance/hcl-specsuite, read in place): every case must pass
// with Cairn's parser, JSON syntax, evaluator and hcldec. See runner.ts for how cases are interpreted.

import assert from "node:assert/strict";
import { relative } from "node:path";
import { test } from "node:test";
import { findCases, runCase } from "./runner.js";
import { specsuiteDir } from "./location.js";

const suiteDir = specsuiteDir;

const cases = findCases(suiteDir);

test("the specification suite is present and complete", () => {
  // 15 cases are vendored from HCL 2.14.1's specsuite/tests; fewer means the harness is not finding them.
  assert.ok(cases.length >= 15, `found only ${cases.length} cases in ${suiteDir}`);
});

for (const tPath of cases) {
  const name = relative(suiteDir, tPath).slice(0, -2);
  test(`specsuite ${name}`, () => {
    const problems = runCase(tPath);
    assert.deepEqual(problems, [], problems.join("\n"));
  });
}
