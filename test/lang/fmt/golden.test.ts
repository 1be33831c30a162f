// Golden tests: fixtures/<case>/in.tf formats to fixtures/<case>/out.tf, and out.tf is a fixed point.
// UPDATE_GOLDEN=1 rewrites the out.tf files (review the diff before committing).

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { formatSource } from "../../../lang/fmt/index.js";
import { fmtFixtures } from "./fixtures-path.js";

for (const name of readdirSync(fmtFixtures).sort()) {
  test(`fmt golden ${name}`, () => {
    const dir = join(fmtFixtures, name);
    const r = formatSource(readFileSync(join(dir, "in.tf")), "in.tf");
    assert.deepEqual(r.diags, []);
    const goldenPath = join(dir, "out.tf");
    if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(goldenPath)) writeFileSync(goldenPath, r.output);
    assert.equal(r.output, readFileSync(goldenPath, "utf8"));
    assert.equal(formatSource(r.output, "out.tf").output, r.output, "formatting is idempotent");
  });
}

test("a file with syntax errors is returned unchanged, with the parser's diagnostics", () => {
  const src = "a = \nb = 1\n";
  const r = formatSource(src, "bad.tf");
  assert.equal(r.output, src);
  assert.ok(r.diags.length > 0 && r.diags.every((d) => d.subject?.filename === "bad.tf"));
});
