// `npm test` half of the fmt conformance category: Cairn's `fmt -` against what the real terraform printed
// for each real-world file in corpus/ (refreshed by `npm run conformance -- fmt`). A file that matched must
// keep matching; the known differences are listed with a reason in known-differences.json, and a listed file
// that starts matching fails too, so the list stays true.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measureAll } from "./category.js";
import { CRAFTED_REPO, corpusFiles, folder, readCorpus } from "./corpus.js";

const known = JSON.parse(readFileSync(join(folder, "known-differences.json"), "utf8")) as Record<string, string>;

test("the fmt corpus holds at least 2,500 files from at least 8 repositories", () => {
  const repos = corpusFiles()
    .map(readCorpus)
    .filter((c) => c.repo !== CRAFTED_REPO);
  assert.ok(repos.length >= 8, `only ${repos.length} repositories`);
  const files = repos.reduce((n, c) => n + c.files.length, 0);
  assert.ok(files >= 2500, `only ${files} files`);
});

test("fmt - is byte-identical to terraform fmt - on every corpus file and crafted input but the known differences", async () => {
  const r = await measureAll();
  const differing = new Set(r.differing);
  const unexpected = r.mismatches.filter((_, i) => known[r.differing[i]!] === undefined);
  const nowMatching = Object.keys(known).filter((n) => !differing.has(n));
  assert.deepEqual(unexpected, []);
  assert.deepEqual(nowMatching, [], "these now match terraform (or left the corpus): remove them from known-differences.json");
  const rate = (100 * r.matched) / r.total;
  console.log(`fmt conformance: real-world files ${r.matched}/${r.total} = ${rate.toFixed(2)}%; crafted inputs ${r.craftedMatched}/${r.craftedTotal}`);
  assert.ok(rate >= 99.9, `match rate ${rate.toFixed(2)}% is below the 99.9% bar`);
});
