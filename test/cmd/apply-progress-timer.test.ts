// The apply progress lines with an injected clock: "Still creating... [10s elapsed]" every interval while an
// operation runs (with the id for updates and deletes), and "Creation complete after 25s [id=…]".

import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { ApplyProgressView, type ProgressClock } from "../../cmd/views/apply/progress.js";

class FakeClock implements ProgressClock {
  t = 0;
  private timers: { every: number; next: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.t;
  }
  every(ms: number, fn: () => void): { stop(): void } {
    const timer = { every: ms, next: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return { stop: () => (timer.live = false) };
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.live && x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.t = due.next;
      due.next += due.every;
      due.fn();
    }
    this.t = end;
  }
  get live(): number {
    return this.timers.filter((x) => x.live).length;
  }
}

function view() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (b: Buffer) => (text += b.toString()));
  const clock = new FakeClock();
  return { v: new ApplyProgressView(out, false, 10_000, clock), clock, text: () => text };
}

test("Still creating... every 10 seconds, then Creation complete after the elapsed time", async () => {
  const { v, clock, text } = view();
  v.preApply("terraform_data.a", "create");
  clock.advance(25_000);
  v.postApply("terraform_data.a", "create", "abc", false);
  clock.advance(30_000);
  await new Promise((r) => setImmediate(r));
  assert.equal(
    text(),
    [
      "terraform_data.a: Creating...",
      "terraform_data.a: Still creating... [10s elapsed]",
      "terraform_data.a: Still creating... [20s elapsed]",
      "terraform_data.a: Creation complete after 25s [id=abc]",
      "",
    ].join("\n"),
  );
  assert.equal(clock.live, 0, "the timer stops with the operation");
});

test("updates and deletes name the id in the Still lines; minutes print as Go durations", async () => {
  const { v, clock, text } = view();
  v.preApply("terraform_data.b", "delete", "id-1");
  clock.advance(65_000);
  v.postApply("terraform_data.b", "delete", "id-1", false);
  await new Promise((r) => setImmediate(r));
  const lines = text().trim().split("\n");
  assert.equal(lines[0], "terraform_data.b: Destroying... [id=id-1]");
  assert.equal(lines[1], "terraform_data.b: Still destroying... [id=id-1, 10s elapsed]");
  assert.equal(lines[6], "terraform_data.b: Still destroying... [id=id-1, 1m0s elapsed]");
  assert.equal(lines[7], "terraform_data.b: Destruction complete after 1m5s");
});

test("a failed operation prints no completion line and stop() ends every timer", async () => {
  const { v, clock, text } = view();
  v.preApply("terraform_data.c", "update", "id-2");
  v.preApply("terraform_data.d", "create");
  v.postApply("terraform_data.c", "update", "id-2", true);
  v.stop();
  clock.advance(60_000);
  await new Promise((r) => setImmediate(r));
  assert.equal(text(), "terraform_data.c: Modifying... [id=id-2]\nterraform_data.d: Creating...\n");
  assert.equal(clock.live, 0);
});
