// The real crash test: a child process runs 500 creates through the journal with group commit and prints
// "ack i" only after result i is durable; the parent SIGKILLs it at random moments (periodic compaction is
// set low so kills also land inside compactions). After each kill the state is recovered from disk:
// every acknowledged result must be there, nothing is duplicated, and every create that was started but not
// recorded is reported as a pending intent for the planner to resolve (never both present and pending).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LocalStateStore } from "../../state/local-store.js";
import { StateJournal } from "../../state/journal.js";
import { clientTokenOf } from "../../state/private.js";
import { tempDir } from "./tmpdir.js";

const child = fileURLToPath(new URL("./journal-child.js", import.meta.url));
const COUNT = 500;

interface ChildRun {
  acked: Set<number>;
  finished: boolean;
}

/** Runs the child and kills it once `killAfterAcks` acknowledgements arrived (plus a random extra delay). */
function runChild(dir: string, killAfterAcks: number, extraDelayMs: number, compactEvery: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, String(COUNT), String(compactEvery)], { stdio: ["ignore", "pipe", "inherit"] });
    const acked = new Set<number>();
    let finished = false;
    let pending = "";
    let killScheduled = false;
    const kill = () => p.kill("SIGKILL");
    p.stdout.setEncoding("utf8");
    p.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        if (line === "done") finished = true;
        const m = /^ack (\d+)$/.exec(line);
        if (m) acked.add(Number(m[1]));
      }
      if (!killScheduled && acked.size >= killAfterAcks) {
        killScheduled = true;
        if (extraDelayMs === 0) kill();
        else setTimeout(kill, extraDelayMs);
      }
    });
    p.on("error", reject);
    p.on("exit", () => resolve({ acked, finished }));
  });
}

test("kill -9 during 500 journaled creates loses no acknowledged result and duplicates nothing", async () => {
  const { dir, cleanup } = await tempDir("cairn-kill-");
  try {
    // A fixed list of kill points keeps the test reproducible; the child's timing adds the randomness.
    const plan = [
      { acks: 0, delay: 0, compactEvery: 40 },
      { acks: 37, delay: 0, compactEvery: 40 },
      { acks: 120, delay: 3, compactEvery: 25 },
      { acks: 250, delay: 1, compactEvery: 40 },
      { acks: 333, delay: 0, compactEvery: 7 },
      { acks: 480, delay: 2, compactEvery: 40 },
    ];
    // Plus two random points, printed so a failure can be reproduced by adding them to the list above.
    for (let r = 0; r < 2; r++) {
      const extra = { acks: Math.floor(Math.random() * 490), delay: Math.floor(Math.random() * 5), compactEvery: 10 + Math.floor(Math.random() * 50) };
      console.log(`random kill point: ${JSON.stringify(extra)}`);
      plan.push(extra);
    }
    let kills = 0;
    let sawPending = 0;
    for (const [k, step] of plan.entries()) {
      const wd = `${dir}/run-${k}`;
      await import("node:fs/promises").then((fs) => fs.mkdir(wd));
      const run = await runChild(wd, step.acks, step.delay, step.compactEvery);
      if (!run.finished) kills++;
      const store = new LocalStateStore({ workingDir: wd });
      const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0" });
      assert.deepEqual(opened.diags, [], `run ${k}`);
      const state = opened.journal!.currentState();
      const items = state.resources.find((r) => r.name === "item")?.instances ?? [];
      const present = items.map((i) => i.index_key as number);
      assert.equal(new Set(present).size, present.length, `run ${k}: duplicate instances`);
      for (const i of run.acked) assert.ok(present.includes(i), `run ${k}: acknowledged result ${i} was lost`);
      for (const i of items) {
        assert.equal(i.attributes.id, `obj-${String(i.index_key)}`);
        assert.equal(clientTokenOf(i), `token-${String(i.index_key)}`);
      }
      const pending = opened.pending.map((p) => p.ref.index_key as number);
      sawPending += pending.length;
      for (const i of pending) assert.ok(!present.includes(i), `run ${k}: ${i} is both in state and pending`);
      // Everything present or pending was started; the workers start items in order, 10 at a time.
      const started = Math.max(-1, ...present, ...pending) + 1;
      assert.ok(started <= COUNT);
      assert.ok(pending.length <= 10, `run ${k}: at most one pending create per worker, got ${pending.length}`);
      await opened.journal!.close();
    }
    assert.ok(kills >= plan.length - 1, `expected the child to be killed mid-run, got ${kills} kills`);
    console.log(`kill -9: ${kills} kills, ${sawPending} pending intents recovered in total`);
  } finally {
    await cleanup();
  }
});
