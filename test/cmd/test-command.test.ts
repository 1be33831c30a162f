// `cairn test` beyond what the conformance fixtures compare with terraform (test/conformance/tftest): the
// features Cairn does not support yet are errors that name them, a bad -test-directory is refused, a test
// run never reads or writes the working directory's state, and on a terminal the colors are terraform's.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { testCommand } from "../../cmd/commands/test.js";
import { runCommand } from "./state-harness.js";
import type { CommandContext } from "../../cmd/registry.js";

const fixtures = fileURLToPath(new URL("../../../test/cmd/fixtures/tftest/", import.meta.url));

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cairn-tftest-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

const refused: { name: string; dir: string; args?: string[]; stderr: RegExp[] }[] = [
  { name: "mock_provider", dir: "mock-provider", stderr: [/Error: Unsupported test feature/, /does not support "mock_provider" blocks/, /tests\/mock\.tftest\.hcl line 1/] },
  { name: "override_resource in a run", dir: "override-in-run", stderr: [/does not support "override_resource" blocks/, /line 2, in run "a"/] },
  { name: "a run's providers argument", dir: "run-providers", stderr: [/does not support the "providers" argument/] },
  { name: "a registry module in a run", dir: "registry-module", stderr: [/Error: Invalid module source address/, /Only local module sources/] },
  { name: "a -test-directory outside the module", dir: "applies", args: ["-test-directory=../elsewhere"], stderr: [/Error: Invalid testing directory/] },
];

for (const c of refused) {
  test(`cairn test refuses ${c.name} with a diagnostic, exit 1`, async () => {
    const dir = copy(c.dir);
    try {
      const r = await runCommand(testCommand, dir, ["-no-color", ...(c.args ?? [])]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      for (const re of c.stderr) assert.match(r.stderr, re);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("cairn test keeps state in memory: runs share it, and the working directory gets no state file", async () => {
  const dir = copy("applies");
  try {
    const before = readdirSync(dir).sort();
    const r = await runCommand(testCommand, dir, ["-no-color"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /run "creates"\.\.\. pass\n {2}run "keeps"\.\.\. pass\n/);
    assert.match(r.stdout, /Success! 2 passed, 0 failed\.\n$/);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.equal(existsSync(join(dir, "terraform.tfstate")), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("on a terminal the progress lines are colored byte for byte as terraform test colors them", async () => {
  const dir = copy("assert-fail");
  try {
    const collect = () => {
      const w = new Writable({
        write(chunk: Buffer, _enc, cb) {
          text.push(chunk.toString());
          cb();
        },
      }) as Writable & { isTTY?: boolean };
      const text: string[] = [];
      w.isTTY = true;
      return { w, text };
    };
    const out = collect();
    const err = collect();
    const ctx: CommandContext = { cwd: dir, stdin: Readable.from([""]), stdout: out.w, stderr: err.w, env: {} };
    assert.equal(await testCommand.run([], ctx), 1);
    assert.equal(out.text.join(""), readFileSync(join(fixtures, "golden", "assert-fail-color.stdout"), "utf8"));
    assert.match(err.text.join(""), /Error: \x1b\[0m\x1b\[1mTest assertion failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
