// A provider's diagnostic about a resource instance carries the instance's address and, when the provider
// gave no location, the resource block's own (Terraform's InConfigBody), so the CLI prints `with ADDR,` and
// `on FILE line N, in resource ...` with the block's first line.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, writeConfig } from "./support/harness.js";
import { renderDiagnostics } from "../../cmd/views/diagnostics.js";
import { sourceFileFromAst } from "../../lang/source-files.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const required = `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\n`;

test("provider diagnostics: an instance's error points at its resource block inside a counted module", async () => {
  const dir = writeConfig({
    "main.tf": `module "m" {\n  source = "./m"\n  count  = 1\n}\n`,
    "m/main.tf": `${required}\nresource "test_thing" "t" {\n  name = "t"\n  size = -1\n}\n`,
  });
  const { h } = await harness(dir);
  const p = await h!.plan(undefined);
  const e = p.diags.filter((d) => d.severity === "error");
  assert.deepEqual(e.map((d) => [d.summary, d.address, d.subject?.filename, d.subject?.start.line]), [["Invalid size", "module.m[0].test_thing.t", "m/main.tf", 7]]);
  const text = renderDiagnostics(e, new Map([["m/main.tf", sourceFileFromAst(parseConfig(readFileSync(join(dir, "m/main.tf")), "m/main.tf").file)]]), { color: false });
  assert.match(text, /│   with module\.m\[0\]\.test_thing\.t,\n│   on m\/main\.tf line 7, in resource "test_thing" "t":\n│    7: resource "test_thing" "t" \{/);
});
