// The prompt for a required variable without a value: unless -input=false, standard input is asked, a
// terminal or a pipe alike (terraform 1.11: `echo v | terraform plan` uses v); with no answer (or -input=false)
// "No value for required variable" naming the variable, exit 1.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { planCommand } from "../../cmd/commands/plan.js";
import type { CommandContext } from "../../cmd/registry.js";

const config = `
variable "region" {
  type        = string
  description = "Where to deploy"
}
resource "terraform_data" "x" { input = var.region }
output "region" { value = var.region }
`;

function run(args: string[], stdinText: string | undefined, isTTY: boolean): Promise<{ code: number; out: string; err: string }> {
  const d = mkdtempSync(join(tmpdir(), "cairn-prompt-"));
  writeFileSync(join(d, "main.tf"), config);
  const stdin = Object.assign(new PassThrough(), { isTTY });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (b: Buffer) => (out += b.toString()));
  stderr.on("data", (b: Buffer) => (err += b.toString()));
  const ctx: CommandContext = { cwd: d, stdin, stdout, stderr, env: {} };
  if (stdinText !== undefined) stdin.end(stdinText);
  return planCommand.run(args, ctx).then(async (code) => {
    await new Promise((r) => setImmediate(r));
    return { code, out, err };
  });
}

test("on a terminal, a required variable is asked for with its description, and the answer is used", async () => {
  const r = await run(["-no-color"], "eu-west-1\n", true);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.startsWith("var.region\n  Where to deploy\n\n  Enter a value: "), r.out);
  assert.match(r.out, /\+ input\s+= "eu-west-1"/);
});

test("-input=false refuses: No value for required variable, naming it", async () => {
  const r = await run(["-no-color", "-input=false"], undefined, true);
  assert.equal(r.code, 1);
  assert.ok(!r.out.includes("Enter a value"), "no prompt");
  assert.match(r.err, /No value for required variable/);
  assert.match(r.err, /"region"/);
});

test("piped standard input answers the prompt, as in Terraform", async () => {
  const r = await run(["-no-color"], "from-a-pipe\n", false);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.startsWith("var.region\n  Where to deploy\n\n  Enter a value: "), r.out);
  assert.match(r.out, /\+ input\s+= "from-a-pipe"/);
});

test("standard input that ends without an answer: the prompt, then No value for required variable", async () => {
  const r = await run(["-no-color"], "", false);
  assert.equal(r.code, 1);
  assert.ok(r.out.includes("Enter a value"));
  assert.match(r.err, /No value for required variable/);
  assert.match(r.err, /"region"/);
});
