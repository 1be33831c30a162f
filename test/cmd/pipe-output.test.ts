// bin/cairn writing into a pipe: everything it wrote arrives before it exits (process.exit used to drop
// output still queued for the pipe), and a reader that goes away early (`cairn ... | head`) ends neither in a
// stack trace nor in a failed command.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "..", "bin", "cairn");
const work = mkdtempSync(join(tmpdir(), "cairn-pipe-"));
// 400 lines of 1,000 characters each: far more than a pipe's buffer.
const input = Array.from({ length: 400 }, () => 'join("", [for j in range(1000): "x"])').join("\n") + "\n";

function run(stopAfterFirstChunk: boolean): Promise<{ code: number | null; out: number; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, "console"], { cwd: work, stdio: ["pipe", "pipe", "pipe"] });
    let out = 0;
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.length;
      if (stopAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("close", (code) => done({ code, out, err }));
    child.stdin.end(input);
  });
}

test("all output written to a pipe arrives before cairn exits", async () => {
  const r = await run(false);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 400 * 1003); // each line: the quoted 1,000 x's and a newline
});

test("a reader that stops early: no EPIPE stack trace, the command still ends normally", async () => {
  const r = await run(true);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.err, /EPIPE|Unhandled|at /);
});
