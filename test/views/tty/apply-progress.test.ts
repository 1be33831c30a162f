// The live apply view drawn with ink on a fake stdout and a fake clock: operations in flight with their
// elapsed time (redrawn by the ticker), the bar of finished over planned operations, failures the moment
// they happen, the finished lines kept above the live part (printed once), and a summary at the end.

import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { createTtyApplyView } from "../../../cmd/views/tty/apply-progress.js";
import type { TtyApplyOptions } from "../../../cmd/views/tty/types.js";
import { FakeStdout, count, plain } from "./fake-stdout.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(total: number, over: Partial<TtyApplyOptions> = {}, size: { columns?: number; rows?: number } = {}) {
  const out = new FakeStdout(size);
  const clock = { t: 10_000 };
  const view = createTtyApplyView(out, { total, now: () => clock.t, tickMs: 0, frameMs: 0, debug: true, stdin: new PassThrough(), ...over });
  return { out, clock, view, frame: () => plain(out.lastFrame()) };
}

describe("apply progress (ink)", () => {
  it("shows operations in flight with elapsed times, the bar, failures as they happen, then a summary", async () => {
    const { out, clock, view, frame } = setup(3);
    view.preApply("terraform_data.a", "create");
    view.preApply("terraform_data.b", "delete", "b-1");
    clock.t += 4000;
    (view as unknown as { refresh(): void }).refresh();
    assert.match(frame(), /^ {2}Creating {3}terraform_data\.a \[4s\]\n {2}Destroying terraform_data\.b \[4s\]\n░{30} 0\/3 operations, 2 in flight \[4s elapsed\]/);

    clock.t += 1000;
    view.postApply("terraform_data.a", "create", "a-1", false);
    assert.match(frame(), /^✓ terraform_data\.a: Creation complete after 5s \[id=a-1\]\n {2}Destroying terraform_data\.b \[5s\]\n█{10}░{20} 1\/3 operations, 1 in flight \[5s elapsed\]/);

    clock.t += 2000;
    view.postApply("terraform_data.b", "delete", "b-1", true);
    // The failure is on screen in the very next frame, not at the end.
    assert.match(frame(), /✗ terraform_data\.b: Destruction failed after 7s\n/);
    assert.match(frame(), /█{20}░{10} 2\/3 operations, 0 in flight, 1 failed \[7s elapsed\]/);

    await view.stop();
    const last = frame();
    assert.match(last, /^✓ terraform_data\.a: Creation complete after 5s \[id=a-1\]\n✗ terraform_data\.b: Destruction failed after 7s\n█{20}░{10} 2\/3 operations finished, 1 failed, 1 not started \[7s\]$/);
    assert.doesNotMatch(last, /Destroying|in flight/);
    // Stopped means unmounted: a late hook call draws nothing.
    const writes = out.writes.length;
    view.preApply("terraform_data.c", "create");
    await view.stop();
    assert.equal(out.writes.length, writes);
  });

  it("redraws elapsed times every tick without any hook call", async () => {
    const { clock, view, frame } = setup(1, { tickMs: 10 });
    view.preApply("cluster_workload.web", "create");
    clock.t += 62_000;
    await sleep(40);
    assert.match(frame(), /Creating cluster_workload\.web \[1m2s\]/);
    assert.match(frame(), /0\/1 operations, 1 in flight \[1m2s elapsed\]/);
    clock.t += 3_600_000;
    await sleep(40);
    assert.match(frame(), /Creating cluster_workload\.web \[1h1m2s\]/);
    await view.stop();
  });

  it("coalesces a burst of hook calls into one frame", async () => {
    const { out, view, frame } = setup(40, { frameMs: 20 });
    const before = out.writes.length;
    for (let i = 0; i < 20; i++) view.preApply(`terraform_data.x[${i}]`, "create");
    for (let i = 0; i < 20; i++) view.postApply(`terraform_data.x[${i}]`, "create", `id-${i}`, false);
    assert.equal(out.writes.length, before, "nothing drawn synchronously");
    await sleep(60);
    // One frame, plus the one <Static> draws after taking in its new lines.
    assert.ok(out.writes.length - before <= 2, `${out.writes.length - before} frames for 40 hook calls`);
    assert.match(frame(), /20\/40 operations, 0 in flight/);
    assert.equal(count(frame(), "Creation complete"), 20);
    await view.stop();
  });

  it("lists at most what fits the terminal and counts the rest", async () => {
    const { view, frame } = setup(15, {}, { rows: 30 });
    for (let i = 0; i < 15; i++) view.preApply(`terraform_data.x[${i}]`, "create");
    (view as unknown as { refresh(): void }).refresh();
    assert.equal(count(frame(), "  Creating "), 9);
    assert.match(frame(), /x\[8\] \[0s\]\n {2}… and 6 more in flight\n/);
    await view.stop();

    const small = setup(15, {}, { rows: 5 });
    for (let i = 0; i < 15; i++) small.view.preApply(`terraform_data.x[${i}]`, "create");
    (small.view as unknown as { refresh(): void }).refresh();
    const lines = small.frame().split("\n");
    assert.ok(lines.length < 5, `the live part must stay below the terminal's height:\n${small.frame()}`);
    assert.match(small.frame(), /… and 14 more in flight/);
    await small.view.stop();
  });

  it("keeps the status line within a narrow terminal", async () => {
    const { view, frame } = setup(120, {}, { columns: 60 });
    view.preApply("module.very_long_module_name.cluster_workload.a_workload_with_a_long_name", "create");
    (view as unknown as { refresh(): void }).refresh();
    for (const l of frame().split("\n")) assert.ok(l.length <= 60, `wider than 60 columns: ${l}`);
    await view.stop();
  });

  it("on a real (non-debug) terminal, prints each finished line once above the redrawn live part", async () => {
    const { out, clock, view } = setup(2, { debug: false });
    view.preApply("terraform_data.a", "create");
    view.preApply("terraform_data.b", "create");
    clock.t += 1000;
    view.postApply("terraform_data.a", "create", "a-1", false);
    clock.t += 1000;
    view.postApply("terraform_data.b", "create", "b-1", false);
    await view.stop();
    const text = plain(out.text);
    assert.equal(count(text, "terraform_data.a: Creation complete after 1s [id=a-1]"), 1);
    assert.equal(count(text, "terraform_data.b: Creation complete after 2s [id=b-1]"), 1);
    assert.match(text, /2\/2 operations finished \[2s\]/);
  });
});
