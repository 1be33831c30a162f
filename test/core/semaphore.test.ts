// The walk's bound on provider operations (planner/eval/semaphore.ts): at most `limit` run at once, a free
// slot starts the operation at once, a failing operation gives its slot back, and nothing starts after abort.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Semaphore } from "../../planner/eval/semaphore.js";

interface Row {
  readonly name: string;
  readonly limit: number;
  readonly tasks: number;
  /** Task indices that throw. */
  readonly failing: readonly number[];
  readonly wantPeak: number;
}

const rows: Row[] = [
  { name: "fewer tasks than slots", limit: 10, tasks: 3, failing: [], wantPeak: 3 },
  { name: "more tasks than slots", limit: 2, tasks: 7, failing: [], wantPeak: 2 },
  { name: "one slot", limit: 1, tasks: 4, failing: [], wantPeak: 1 },
  { name: "failing tasks give their slot back", limit: 2, tasks: 6, failing: [0, 1, 2], wantPeak: 2 },
];

for (const row of rows) {
  test(`semaphore: ${row.name}`, async () => {
    const sem = new Semaphore(row.limit);
    let running = 0;
    let peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: row.tasks }, (_, i) =>
        sem.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setImmediate(r));
          running--;
          if (row.failing.includes(i)) throw new Error(`task ${i}`);
          return i;
        }),
      ),
    );
    assert.equal(peak, row.wantPeak);
    assert.deepEqual(
      results.map((r) => r.status),
      Array.from({ length: row.tasks }, (_, i) => (row.failing.includes(i) ? "rejected" : "fulfilled")),
    );
    // Every slot is free again: `limit` tasks start at once.
    let started = 0;
    const again = Array.from({ length: row.limit }, () => sem.run(async () => void started++));
    assert.equal(started, row.limit);
    await Promise.all(again);
  });
}

test("semaphore: a free slot starts the task before run returns", async () => {
  const sem = new Semaphore(1);
  let started = false;
  const p = sem.run(async () => {
    started = true;
  });
  assert.equal(started, true);
  await p;
});

test("semaphore: nothing starts after abort, waiting tasks included", async () => {
  const ctl = new AbortController();
  const sem = new Semaphore(1, ctl.signal);
  let release!: () => void;
  const first = sem.run(() => new Promise<string>((r) => (release = () => r("first"))));
  let ran = false;
  const waiting = sem.run(async () => {
    ran = true;
    return "waiting";
  });
  ctl.abort();
  const after = sem.run(async () => {
    ran = true;
    return "after";
  });
  release();
  assert.deepEqual(await Promise.all([first, waiting, after]), ["first", undefined, undefined]);
  assert.equal(ran, false);
});
