// The ink-free parts of the TTY views: when a command chooses them, the bar's denominator, bar cells and
// utilisation colours, and the progress model's bookkeeping.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { wantsTtyView } from "../../../cmd/views/tty/select.js";
import { plannedOperations } from "../../../cmd/views/tty/operations.js";
import { barCells, fraction, percent, utilisationColor } from "../../../cmd/views/tty/utilisation.js";
import { ApplyProgressModel } from "../../../cmd/views/tty/apply-model.js";
import { finishedLine } from "../../../cmd/views/tty/apply-lines.js";
import type { Plan } from "../../../planner/plan/model.js";

describe("wantsTtyView", () => {
  const cases: [string, { isTTY?: boolean }, { json?: boolean; noColor?: boolean }, boolean][] = [
    ["terminal", { isTTY: true }, {}, true],
    ["pipe", { isTTY: false }, {}, false],
    ["unknown stream", {}, {}, false],
    ["terminal with -json", { isTTY: true }, { json: true }, false],
    ["terminal with -no-color", { isTTY: true }, { noColor: true }, false],
  ];
  for (const [name, stream, choice, want] of cases) it(name, () => assert.equal(wantsTtyView(stream, choice), want));
});

describe("plannedOperations", () => {
  it("counts what the apply walk reports: replacements twice, reads once, no-ops never", () => {
    const actions = ["create", "update", "delete", "read", "delete-then-create", "create-then-delete", "no-op"] as const;
    const plan = { resourceChanges: actions.map((action) => ({ action })) } as unknown as Pick<Plan, "resourceChanges">;
    assert.equal(plannedOperations(plan), 8);
    assert.equal(plannedOperations({ resourceChanges: [] }), 0);
  });
});

describe("utilisation", () => {
  it("colours green, then yellow from 70%, red from 90%", () => {
    assert.deepEqual([0, 0.5, 0.69, 0.7, 0.89, 0.9, 1].map(utilisationColor), ["green", "green", "green", "yellow", "yellow", "red", "red"]);
  });
  it("clamps the fraction and treats nothing allocatable as empty (or full when something is requested)", () => {
    assert.equal(fraction(500, 2000), 0.25);
    assert.equal(fraction(3000, 2000), 1);
    assert.equal(fraction(0, 0), 0);
    assert.equal(fraction(1, 0), 1);
  });
  it("fills cells by rounding, with at least one cell for any use", () => {
    assert.deepEqual(barCells(0.25, 20), { filled: 5, empty: 15 });
    assert.deepEqual(barCells(0.001, 20), { filled: 1, empty: 19 });
    assert.deepEqual(barCells(0, 20), { filled: 0, empty: 20 });
    assert.deepEqual(barCells(1, 20), { filled: 20, empty: 0 });
    assert.equal(percent(0.25), " 25%");
  });
});

describe("ApplyProgressModel", () => {
  it("tracks in-flight operations oldest first, finished ones in order, and counts", () => {
    const m = new ApplyProgressModel(3, 1000);
    m.start("a", "create", undefined, 1000);
    m.start("b", "delete", "b-1", 2000);
    let s = m.snapshot(5000, false);
    assert.deepEqual(s.inFlight.map((o) => o.addr), ["a", "b"]);
    assert.equal(s.elapsedMs, 4000);
    m.finish("b", "delete", "b-1", true, 6000);
    m.finish("a", "create", "a-1", false, 7000);
    s = m.snapshot(7000, true);
    assert.deepEqual(s.finished.map(finishedLine), ["b: Destruction failed after 4s", "a: Creation complete after 6s [id=a-1]"]);
    assert.deepEqual([s.succeeded, s.failed, s.total, s.inFlight.length], [1, 1, 3, 0]);
  });
  it("gives ink's <Static> a new array only when an operation finished", () => {
    const m = new ApplyProgressModel(1, 0);
    const first = m.snapshot(0, false).finished;
    assert.equal(m.snapshot(1, false).finished, first);
    m.start("a", "create", undefined, 0);
    m.finish("a", "create", undefined, false, 1);
    assert.notEqual(m.snapshot(2, false).finished, first);
  });
  it("never shows a total below what it has seen", () => {
    const m = new ApplyProgressModel(1, 0);
    m.start("a", "read", undefined, 0);
    m.start("b", "read", undefined, 0);
    assert.equal(m.snapshot(0, false).total, 2);
  });
});
