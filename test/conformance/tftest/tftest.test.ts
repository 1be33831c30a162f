// `npm test` half of the `test` conformance category: `cairn test` against what `terraform test` printed for
// each fixture directory (answers.json, refreshed by `npm run conformance -- tftest`): exit code, stdout and
// stderr (category.ts says what is normalized). A case that matched must keep matching; known differences
// are listed with a reason in known-differences.json, and a listed case that starts matching fails too.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cairnAnswer, caseNames, describe, folder, readAnswers, sameAnswer } from "./category.js";

const answers = readAnswers();
const known = JSON.parse(readFileSync(join(folder, "known-differences.json"), "utf8")) as Record<string, string>;

test("every test-command case has Terraform's cached answer", () => {
  const names = caseNames();
  assert.ok(names.length >= 20, `only ${names.length} cases`);
  assert.deepEqual(names.filter((n) => answers[n] === undefined), []);
  assert.deepEqual(Object.keys(known).filter((n) => answers[n] === undefined), [], "known differences name real cases");
});

test("cairn test matches terraform test (exit code, stdout, stderr) on every case but the known differences", async () => {
  const unexpected: string[] = [];
  const nowMatching: string[] = [];
  for (const name of caseNames()) {
    const want = answers[name]!;
    const got = await cairnAnswer(name);
    const same = sameAnswer(want, got);
    if (!same && known[name] === undefined) unexpected.push(describe(name, want, got));
    if (same && known[name] !== undefined) nowMatching.push(name);
  }
  assert.deepEqual(unexpected, []);
  assert.deepEqual(nowMatching, [], "these now match terraform: remove them from known-differences.json");
});
