// Events written by the scheduler and the workload controllers (issue 13): Scheduled and FailedScheduling
// with the aggregated message on pods, SuccessfulCreate and Killing, repeats counted, and client-go's
// aggregation of many distinct messages into one combined event.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Event } from "../../cluster/objects/event.js";
import type { Deployment, Pod } from "../../cluster/objects/index.js";
import { testCore } from "./helpers/core.js";

const deployment = (name: string, replicas: number, cpu = "100m"): Deployment => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu } } }] } } },
});

test("the scheduler and the workload controllers record Kubernetes' events", () => {
  const t = testCore();
  try {
    t.create(deployment("web", 2));
    const events = () => t.core.registry.list("Event", "default").items as Event[];
    const pods = t.pods("app=web");
    assert.equal(pods.length, 2);
    for (const p of pods) {
      const mine = events().filter((e) => e.involvedObject.name === p.metadata.name);
      assert.deepEqual(mine.map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`), [`Normal Scheduled default-scheduler: Successfully assigned default/${p.metadata.name} to ${p.spec.nodeName}`]);
    }
    // As in Kubernetes, the Deployment's ReplicaSet creates the pods and records it.
    const created = events().filter((e) => e.involvedObject.kind === "ReplicaSet" && e.reason === "SuccessfulCreate").map((e) => e.message).sort();
    assert.deepEqual(created, pods.map((p) => `Created pod: ${p.metadata.name}`).sort());

    t.create(deployment("huge", 1, "64"));
    const pending = t.pods("app=huge")[0]!;
    const failed = events().filter((e) => e.involvedObject.name === pending.metadata.name);
    assert.deepEqual(failed.map((e) => `${e.type} ${e.reason}: ${e.message}`), ["Warning FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu."]);

    const d = t.core.registry.get("Deployment", "default", "web") as Deployment;
    t.core.registry.update("Deployment", "default", "web", { ...d, spec: { ...d.spec, replicas: 1 } });
    t.core.reconcile();
    const killed = events().filter((e) => e.reason === "Killing");
    assert.equal(killed.length, 1);
    assert.equal(killed[0]!.message, "Stopping container c");
    assert.ok(pods.some((p) => p.metadata.name === killed[0]!.involvedObject.name));
  } finally {
    t.done();
  }
});

test("more than ten distinct messages about one object fold into one combined event", () => {
  const t = testCore();
  try {
    t.create(deployment("many", 15, "1m"));
    const events = (t.core.registry.list("Event", "default").items as Event[]).filter((e) => e.reason === "SuccessfulCreate");
    assert.equal(t.pods("app=many").filter((p: Pod) => p.spec.nodeName).length, 15);
    assert.equal(events.length, 11);
    const combined = events.filter((e) => e.message?.startsWith("(combined from similar events): Created pod: many-"));
    assert.equal(combined.length, 1);
    assert.equal(combined[0]!.count, 5);
  } finally {
    t.done();
  }
});
