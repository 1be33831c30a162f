// Streaming JSON UI (-json on plan/apply/destroy/refresh): every line is one JSON object with the common
// envelope; planned changes, drift, summaries, hooks and outputs have Terraform's shapes and wording.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { JsonUiView, rfc3339Micros } from "../../cmd/views/json/ui.js";
import { errorDiag } from "../../lang/diagnostics.js";
import { assertGolden } from "./support/golden.js";
import { goldenDir, planScenario } from "./support/scenario-plans.js";

type Json = Record<string, unknown>;

function view(startMicros = Date.UTC(2024, 0, 2, 3, 4, 5) * 1000 + 123456) {
  const lines: string[] = [];
  let now = startMicros;
  const v = new JsonUiView({ write: (l) => lines.push(l), nowMicros: () => now, version: "0.0.0-test", progressIntervalMs: 3_600_000 });
  return { v, lines, advance: (s: number) => (now += s * 1_000_000), parsed: () => lines.map((l) => JSON.parse(l) as Json) };
}

function assertEnvelope(m: Json): void {
  assert.deepEqual(Object.keys(m).slice(0, 4), ["@level", "@message", "@module", "@timestamp"]);
  assert.equal(m["@module"], "terraform.ui");
  assert.match(m["@timestamp"] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(typeof m.type, "string");
}

test("ui: timestamps are RFC 3339 with microseconds", () => {
  assert.equal(rfc3339Micros(Date.UTC(2021, 4, 25, 13, 32, 41) * 1000 + 275359), "2021-05-25T13:32:41.275359Z");
});

test("ui: version, log and diagnostic lines", () => {
  const { v, parsed } = view();
  v.version();
  v.log("Cairn 0.0.0-test initialized");
  v.diagnostics([errorDiag("Invalid reference", "A reference to a resource type must be followed by at least one attribute access.")]);
  const [ver, log, diag] = parsed();
  for (const m of [ver!, log!, diag!]) assertEnvelope(m);
  assert.deepEqual([ver!.type, ver!["@message"], ver!.terraform, ver!.ui], ["version", "Cairn 0.0.0-test", "0.0.0-test", "1.2"]);
  assert.deepEqual([log!.type, log!["@level"]], ["log", "info"]);
  assert.deepEqual([diag!["@level"], diag!["@message"]], ["error", "Error: Invalid reference"]);
  assert.deepEqual((diag!.diagnostic as Json).severity, "error");
});

test("ui: plan stream of a replace with its reason, and the summary", async () => {
  const s = (await planScenario("replace-tainted"));
  const { v, lines, parsed } = view();
  v.plan(s.plan);
  for (const m of parsed()) assertEnvelope(m);
  const changes = parsed().filter((m) => m.type === "planned_change");
  const c = changes.find((m) => ((m.change as Json).resource as Json).addr === "test_thing.a")!;
  assert.equal(c["@message"], "test_thing.a: Plan to replace");
  assert.deepEqual(c.change, {
    resource: { addr: "test_thing.a", module: "", resource: "test_thing.a", implied_provider: "test", resource_type: "test_thing", resource_name: "a", resource_key: null },
    action: "replace",
    reason: "tainted",
  });
  const summary = parsed().find((m) => m.type === "change_summary")!;
  assert.equal(summary["@message"], "Plan: 1 to add, 0 to change, 1 to destroy.");
  assert.deepEqual(summary.changes, { add: 1, change: 0, import: 0, remove: 1, operation: "plan" });
  assertGolden(join(goldenDir, "json-ui", "replace-tainted.jsonl"), lines.join("\n") + "\n");
});

test("ui: drift, moves and keyed instances", async () => {
  const drift = (await planScenario("drift-deleted"));
  const d = view();
  d.v.plan(drift.plan);
  const driftLine = d.parsed().find((m) => m.type === "resource_drift");
  assert.ok(driftLine, "a resource_drift line");
  assert.match(driftLine["@message"] as string, /: Drift detected \(delete\)$/);
  const moved = (await planScenario("moved"));
  const m = view();
  m.v.plan(moved.plan);
  const mv = m.parsed().find((x) => x.type === "planned_change" && (x.change as Json).previous_resource !== undefined);
  assert.ok(mv, "a planned change with previous_resource");
  const each = (await planScenario("delete-each-key"));
  const e = view();
  e.v.plan(each.plan);
  const keyed = e.parsed().find((x) => x.type === "planned_change")!;
  assert.equal(typeof ((keyed.change as Json).resource as Json).resource_key, "string");
  assert.equal((keyed.change as Json).reason, "delete_because_each_key");
});

test("ui: apply hooks with progress every interval, completion and errors", () => {
  const { v, lines, parsed, advance } = view();
  v.preApply("cluster_workload.web", "create");
  advance(10);
  v.progress("cluster_workload.web");
  advance(2.4);
  v.postApply("cluster_workload.web", "create", "wl-1", false);
  v.preApply('cluster_volume.data["a"]', "delete", "vol-9");
  advance(3);
  v.postApply('cluster_volume.data["a"]', "delete", "vol-9", true);
  const ms = parsed();
  for (const m of ms) assertEnvelope(m);
  assert.deepEqual(
    ms.map((m) => [m.type, m["@level"], m["@message"]]),
    [
      ["apply_start", "info", "cluster_workload.web: Creating..."],
      ["apply_progress", "info", "cluster_workload.web: Still creating... [10s elapsed]"],
      ["apply_complete", "info", "cluster_workload.web: Creation complete after 12s [id=wl-1]"],
      ["apply_start", "info", 'cluster_volume.data["a"]: Destroying... [id=vol-9]'],
      ["apply_errored", "error", 'cluster_volume.data["a"]: Destruction errored after 3s'],
    ],
  );
  const complete = ms[2]!.hook as Json;
  assert.deepEqual([complete.action, complete.id_key, complete.id_value, complete.elapsed_seconds], ["create", "id", "wl-1", 12]);
  assert.equal(((ms[3]!.hook as Json).resource as Json).resource_key, "a");
  assertGolden(join(goldenDir, "json-ui", "apply-hooks.jsonl"), lines.join("\n") + "\n");
});

test("ui: the progress timer fires on its own while an operation runs", async () => {
  const lines: string[] = [];
  const v = new JsonUiView({ write: (l) => lines.push(l), progressIntervalMs: 20 });
  v.preApply("cluster_workload.web", "update");
  await new Promise((r) => setTimeout(r, 250));
  v.postApply("cluster_workload.web", "update", undefined, false);
  const n = lines.filter((l) => (JSON.parse(l) as Json).type === "apply_progress").length;
  assert.ok(n >= 2, `expected progress lines, got ${n}`);
  const after = lines.length;
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(lines.length, after, "no progress after completion");
});

test("ui: refresh and outputs lines", async () => {
  const { v, parsed } = view();
  v.refreshStart("test_thing.a", "thing-1");
  v.refreshComplete("test_thing.a", "thing-1");
  const s = (await planScenario("sensitive-values"));
  v.planOutputs(s.plan.outputChanges);
  v.applySummary(s.plan, "apply");
  const [start, done, outputs, summary] = parsed();
  assert.deepEqual([start!["@message"], done!["@message"]], ["test_thing.a: Refreshing state... [id=thing-1]", "test_thing.a: Refresh complete [id=thing-1]"]);
  assert.deepEqual((start!.hook as Json).id_value, "thing-1");
  assert.deepEqual(outputs!.outputs, { pw: { sensitive: true, action: "create" } });
  assert.equal(summary!["@message"], "Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
});

test("ui: with batchProgress, the progress messages of one turn are one write, in order with the others", async () => {
  const writes: string[] = [];
  const v = new JsonUiView({ write: (l) => writes.push(l), batchProgress: true, version: "0.0.0-test" });
  v.version();
  v.refreshStart("terraform_data.a", "1");
  v.refreshStart("terraform_data.b", "2");
  v.refreshComplete("terraform_data.a", "1");
  assert.equal(writes.length, 1, "progress is held until the turn ends, a non-progress message or walked()");
  v.log("between");
  assert.equal(writes.length, 3, "a log line first writes what was pending, then itself");
  assert.deepEqual(writes[1]!.split("\n").map((l) => (JSON.parse(l) as Json).type), ["refresh_start", "refresh_start", "refresh_complete"]);
  v.refreshComplete("terraform_data.b", "2");
  await new Promise((r) => setImmediate(r));
  assert.equal(writes.length, 4, "the next turn writes it");
  v.refreshStart("terraform_data.c");
  v.walked();
  assert.equal(writes.length, 5, "walked() writes at once");
  assert.deepEqual(writes.map((w) => w.split("\n").map((l) => (JSON.parse(l) as Json).type)).flat(), ["version", "refresh_start", "refresh_start", "refresh_complete", "log", "refresh_complete", "refresh_start"]);
});
