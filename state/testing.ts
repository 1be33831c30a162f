// The conformance suite every StateStore implementation runs (OpenTofu statemgr/testing.go style).
// Call registerStateStoreConformance from a *.test.ts file with a factory that creates an isolated backing
// location and opens as many store handles on it as the suite needs (two handles model two processes).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { StateStore } from "./store.js";
import { emptyState, type StateFile } from "./model.js";

export interface StoreFixture {
  /** A new handle on the fixture's backing storage (each call models a separate process). */
  open(): StateStore;
  /** Removes the backing storage. */
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;

const VERSION = "0.0.0-conformance";

function sampleState(lineage = "11111111-2222-3333-4444-555555555555"): StateFile {
  const s = emptyState(VERSION, lineage);
  s.outputs.greeting = { value: "hello", type: "string" };
  s.resources.push({
    mode: "managed",
    type: "terraform_data",
    name: "web",
    provider: 'provider["terraform.io/builtin/terraform"]',
    instances: [{ schema_version: 0, attributes: { id: "abc", input: null }, sensitive_attributes: [] }],
  });
  return s;
}

export function registerStateStoreConformance(name: string, factory: StoreFactory): void {
  describe(`StateStore conformance: ${name}`, () => {
    const withFixture = (title: string, body: (f: StoreFixture) => Promise<void>) =>
      it(title, async () => {
        const f = await factory();
        try {
          await body(f);
        } finally {
          await f.cleanup();
        }
      });

    withFixture("a new store has no state and no errors", async (f) => {
      const r = await f.open().read();
      assert.equal(r.state, undefined);
      assert.deepEqual(r.diags, []);
    });

    withFixture("write, persist and read back from another handle", async (f) => {
      const a = f.open();
      a.write(sampleState());
      assert.deepEqual(await a.persist(), []);
      const r = await f.open().read();
      assert.deepEqual(r.diags, []);
      assert.equal(r.state!.lineage, sampleState().lineage);
      assert.deepEqual(r.state!.resources, sampleState().resources);
      assert.deepEqual(r.state!.outputs, sampleState().outputs);
    });

    withFixture("read returns copies", async (f) => {
      const a = f.open();
      const s = sampleState();
      a.write(s);
      s.resources = []; // changing the caller's object after write must not reach the store
      const first = (await a.read()).state!;
      assert.equal(first.resources.length, 1);
      first.resources[0].name = "changed";
      first.outputs.extra = { value: 1, type: "number" };
      const second = (await a.read()).state!;
      assert.equal(second.resources[0].name, "web");
      assert.equal(second.outputs.extra, undefined);
    });

    withFixture("serial increases on change only; lineage is kept", async (f) => {
      const a = f.open();
      a.write(sampleState());
      await a.persist();
      const s1 = (await f.open().read()).state!;
      a.write(s1);
      await a.persist();
      const s2 = (await f.open().read()).state!;
      assert.equal(s2.serial, s1.serial, "persisting identical content must not bump the serial");
      s2.outputs.greeting = { value: "bye", type: "string" };
      a.write(s2);
      await a.persist();
      const s3 = (await f.open().read()).state!;
      assert.equal(s3.serial, s1.serial + 1);
      assert.equal(s3.lineage, s1.lineage);
    });

    withFixture("persist without write changes nothing", async (f) => {
      assert.deepEqual(await f.open().persist(), []);
      assert.equal((await f.open().read()).state, undefined);
    });

    withFixture("a second lock fails at once with the holder's info", async (f) => {
      const a = f.open();
      const b = f.open();
      const held = await a.lock({ operation: "OperationTypeApply", version: VERSION, info: "first" });
      assert.ok(held.ok);
      const t0 = Date.now();
      const second = await b.lock({ operation: "OperationTypePlan", version: VERSION });
      assert.ok(Date.now() - t0 < 1000, "without a timeout the second acquirer must fail at once");
      assert.equal(second.ok, false);
      if (second.ok) return;
      assert.equal(second.diags[0].summary, "Error acquiring the state lock");
      assert.match(second.diags[0].detail!, new RegExp(`ID:\\s+${held.id}`));
      assert.match(second.diags[0].detail!, /Operation:\s+OperationTypeApply/);
      assert.match(second.diags[0].detail!, /-lock=false/);
      assert.deepEqual(await a.unlock(held.id), []);
    });

    withFixture("unlock refuses a wrong id; the right id frees the lock", async (f) => {
      const a = f.open();
      const held = await a.lock({ operation: "OperationTypeApply", version: VERSION });
      assert.ok(held.ok);
      const wrong = await f.open().unlock("00000000-0000-0000-0000-000000000000");
      assert.equal(wrong[0]?.summary, "Failed to unlock state");
      assert.equal((await f.open().lock({ operation: "x", version: VERSION })).ok, false);
      assert.deepEqual(await a.unlock(held.id), []);
      const again = await f.open().lock({ operation: "x", version: VERSION });
      assert.ok(again.ok);
    });

    withFixture("lock timeout waits for a holder that lets go", async (f) => {
      const a = f.open();
      const held = await a.lock({ operation: "OperationTypeApply", version: VERSION });
      assert.ok(held.ok);
      setTimeout(() => void a.unlock(held.id), 150);
      const t0 = Date.now();
      const waited = await f.open().lock({ operation: "OperationTypePlan", version: VERSION, timeoutMs: 3000 });
      assert.ok(waited.ok);
      assert.ok(Date.now() - t0 >= 100);
    });

    withFixture("lock timeout gives up after the timeout", async (f) => {
      const held = await f.open().lock({ operation: "OperationTypeApply", version: VERSION });
      assert.ok(held.ok);
      const t0 = Date.now();
      const r = await f.open().lock({ operation: "OperationTypePlan", version: VERSION, timeoutMs: 300 });
      const waited = Date.now() - t0;
      assert.equal(r.ok, false);
      assert.ok(waited >= 290 && waited < 2000, `waited ${waited} ms`);
    });
  });
}
