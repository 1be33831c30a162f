// `npm test` half of the validate conformance category: Cairn's validate against the answers the real
// terraform gave (answers.json, refreshed by `npm run conformance -- validate`). A case that matched must
// keep matching; the known differences are listed with a reason in known-differences.json, and a listed case
// that starts matching fails too, so the list stays true.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cairnOutcome, caseNames, describe, folder, readAnswers, sameOutcome } from "./category.js";

const answers = readAnswers();
const known = JSON.parse(readFileSync(join(folder, "known-differences.json"), "utf8")) as Record<string, string>;

test("every validate case has Terraform's cached answer, and the corpus is at least 150 cases", () => {
  const names = caseNames();
  assert.ok(names.length >= 150, `only ${names.length} cases`);
  assert.deepEqual(names.filter((n) => answers[n] === undefined), []);
  assert.deepEqual(Object.keys(known).filter((n) => answers[n] === undefined), [], "known differences name real cases");
});

test("validate matches terraform (exit code, first error summary, file and line) on every case but the known differences", async () => {
  const unexpected: string[] = [];
  const nowMatching: string[] = [];
  let matched = 0;
  for (const name of caseNames()) {
    const want = answers[name]!;
    const got = await cairnOutcome(name);
    const same = sameOutcome(want, got);
    if (same) matched++;
    if (!same && known[name] === undefined) unexpected.push(describe(name, want, got));
    if (same && known[name] !== undefined) nowMatching.push(name);
  }
  assert.deepEqual(unexpected, []);
  assert.deepEqual(nowMatching, [], "these now match terraform: remove them from known-differences.json");
  const rate = (100 * matched) / caseNames().length;
  assert.ok(rate >= 97, `match rate ${rate.toFixed(1)}% is below the 97% bar`);
});
