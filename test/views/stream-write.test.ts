// writePieces (cmd/views/stream-write.ts): the plan's pieces reach the stream unchanged and in order, and
// never more than about one write's worth waits in memory for a slow reader (the opentofu #1660 plan is
// 800 MB; written without back-pressure it ended in `write ENOBUFS`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { writePieces } from "../../cmd/views/stream-write.js";

/** A reader that takes one chunk per timer tick and records the most ever queued for it. */
class SlowReader extends Writable {
  readonly chunks: string[] = [];
  maxQueued = 0;
  constructor() {
    super({ highWaterMark: 16 * 1024, decodeStrings: false });
  }
  override _write(chunk: string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.maxQueued = Math.max(this.maxQueued, this.writableLength);
    this.chunks.push(chunk);
    setImmediate(cb);
  }
}

const cases: { name: string; pieces: string[] }[] = [
  { name: "nothing", pieces: [] },
  { name: "small pieces, one write", pieces: ["\nCairn will perform", " the following actions:\n", "", "Plan: 1 to add.\n"] },
  { name: "pieces of 800 KiB (one resource with a 683 KiB heredoc each)", pieces: Array.from({ length: 12 }, (_, k) => `# blob[${k}]\n` + "x".repeat(800 * 1024)) },
  { name: "one piece larger than a write", pieces: ["a".repeat(3 << 20), "tail\n"] },
];

for (const c of cases) {
  test(`writePieces: ${c.name}`, async () => {
    const out = new SlowReader();
    await writePieces(out, c.pieces);
    await new Promise<void>((done) => out.end(done));
    assert.equal(out.chunks.join(""), c.pieces.join(""));
    // Each write waits for the previous ones to drain: at most one write (about 1 MiB, or one larger piece)
    // plus the reader's own buffer is ever queued.
    const largest = Math.max(0, ...c.pieces.map((p) => p.length));
    assert.ok(out.maxQueued <= Math.max(1 << 20, largest) * 2 + 16 * 1024, `queued ${out.maxQueued}`);
  });
}

test("writePieces: the pieces are rendered only as the reader keeps up", async () => {
  const out = new SlowReader();
  let produced = 0;
  function* pieces(): Generator<string> {
    for (let k = 0; k < 8; k++) {
      produced++;
      // By the time piece k is produced, the reader has taken all but about the last write.
      assert.ok(produced * (1 << 20) - out.chunks.join("").length <= 3 << 20, `ahead by ${produced * (1 << 20) - out.chunks.join("").length}`);
      yield "y".repeat(1 << 20);
    }
  }
  await writePieces(out, pieces());
  assert.equal(produced, 8);
});

test("writePieces: a stream that fails does not leave the writer waiting", async () => {
  const out = new Writable({
    highWaterMark: 1,
    write(_chunk, _enc, cb) {
      setImmediate(() => cb(new Error("EPIPE")));
    },
  });
  out.on("error", () => undefined);
  await writePieces(out, ["a".repeat(2 << 20), "b".repeat(2 << 20)]);
});

test("writePieces: a collector whose write returns nothing is written to without waiting", async () => {
  const got: string[] = [];
  await writePieces({ write: (s: string) => (got.push(s), undefined as unknown as boolean) }, ["a", "b".repeat(2 << 20)]);
  assert.equal(got.join(""), "a" + "b".repeat(2 << 20));
});
