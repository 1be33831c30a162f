// Cairn's console against Terraform's cached answers (answers.json, refreshed by `npm run conformance`):
// every expression of the corpus must match, except the known differences listed with their reasons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readAnswers, readKnown } from "./category.js";
import { answer, cairnConsole, sameAnswer } from "./ask.js";
import { generateCorpus } from "./generate.js";

test("the cached answers cover the generated corpus (≥ 2,000 expressions, every function)", () => {
  const corpus = generateCorpus();
  const cached = readAnswers();
  assert.ok(corpus.length >= 2000, `corpus has ${corpus.length} expressions`);
  assert.deepEqual(
    cached.map((c) => c.expr),
    corpus,
    "answers.json is stale: run `npm run conformance -- expressions` where terraform is installed",
  );
});

test("cairn console answers every cached expression as terraform console did", async () => {
  const known = readKnown();
  const cached = readAnswers();
  const unexpected: string[] = [];
  const fixedKnown: string[] = [];
  for (const c of cached) {
    const got = await answer(cairnConsole, c.expr);
    const same = sameAnswer(got, c.answer);
    if (!same && known[c.expr] === undefined) unexpected.push(`${c.expr}\n  terraform: ${JSON.stringify(c.answer)}\n  cairn:     ${JSON.stringify(got)}`);
    if (same && known[c.expr] !== undefined) fixedKnown.push(c.expr);
  }
  assert.deepEqual(unexpected, [], `${unexpected.length} expressions differ from Terraform`);
  assert.deepEqual(fixedKnown, [], "these known differences now match: remove them from known-differences.json");
  assert.ok((cached.length - Object.keys(known).length) / cached.length >= 0.995);
});
