import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { renderDiagnostic } from "../../cmd/views/diagnostics.js";
import type { SourceFile } from "../../cmd/views/diagnostics.js";
import type { Diagnostic } from "../../lang/diagnostics.js";

const fixtures = new URL("../../../test/views/fixtures/", import.meta.url);
const src = 'resource "terraform_data" "web" {\n  input = var.nmae\n  foo   = 1\n}\n';
const sources = new Map<string, SourceFile>([
  [
    "main.tf",
    {
      bytes: new TextEncoder().encode(src),
      contextString: (o) => (o < src.length ? 'resource "terraform_data" "web"' : ""),
    },
  ],
]);
const at = (line: number, col: number, byte: number) => ({ line, column: col, byte });

const cases: { name: string; diag: Diagnostic; color: boolean }[] = [
  {
    name: "undeclared-variable",
    color: false,
    diag: {
      severity: "error",
      summary: "Reference to undeclared input variable",
      detail: 'An input variable with the name "nmae" has not been declared. Did you mean "name"?',
      subject: { filename: "main.tf", start: at(2, 11, 44), end: at(2, 19, 52) },
    },
  },
  {
    name: "warning-with-address",
    color: false,
    diag: {
      severity: "warning",
      summary: "Resource targeting is in effect",
      detail:
        "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.",
      address: "terraform_data.web",
    },
  },
  {
    name: "color-underline",
    color: true,
    diag: {
      severity: "error",
      summary: "Unsupported argument",
      detail: 'An argument named "foo" is not expected here.',
      subject: { filename: "main.tf", start: at(3, 3, 55), end: at(3, 6, 58) },
      context: { filename: "main.tf", start: at(1, 1, 0), end: at(4, 2, 66) },
    },
  },
];

for (const c of cases) {
  test(`renders ${c.name} like Terraform`, () => {
    const got = renderDiagnostic(c.diag, sources, { color: c.color });
    const golden = new URL(`${c.name}.txt`, fixtures);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, got);
    assert.equal(got, readFileSync(golden, "utf8"));
  });
}
