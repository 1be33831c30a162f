// Golden tests over fixture directories: each holds in.tf.json, the schema to decode it with (schema.json)
// and expected.txt, the decoded content and diagnostics with their ranges. UPDATE_GOLDEN=1 rewrites them.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseJSONConfig } from "../../../lang/json/index.js";
import { decodeBody, diagLine, type FixtureSchema } from "./project.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, "../../../../test/lang/json/fixtures");

for (const name of readdirSync(fixtures).sort()) {
  test(`json fixture ${name}`, () => {
    const dir = join(fixtures, name);
    const src = readFileSync(join(dir, "in.tf.json"));
    const schema = JSON.parse(readFileSync(join(dir, "schema.json"), "utf8")) as FixtureSchema;
    const { body, diags } = parseJSONConfig(src, "in.tf.json");
    const out: string[] = diags.map((d) => `parse ${diagLine(d)}`);
    decodeBody(body, schema, "", out);
    const got = out.join("\n") + "\n";
    const goldenPath = join(dir, "expected.txt");
    if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(goldenPath)) writeFileSync(goldenPath, got);
    assert.equal(got, readFileSync(goldenPath, "utf8"));
  });
}
