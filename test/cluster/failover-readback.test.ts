// holdsWrite: when a write retried on another API server meets its own result (409 AlreadyExists / Conflict),
// the stored object is recognised as the write's when it holds every field the client sent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { holdsWrite, neverSent, worthAnotherServer } from "../../cluster/api/failover.js";

const sent = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", labels: { a: "1" }, annotations: { "cairn.dev/client-token": "t1" } }, data: { k: "v" } };

const cases: { name: string; stored: unknown; statusWrite?: boolean; want: boolean }[] = [
  { name: "the same with server fields and defaults added", stored: { ...sent, metadata: { ...sent.metadata, uid: "u", resourceVersion: "7", creationTimestamp: "x" }, extra: true }, want: true },
  { name: "another client token", stored: { ...sent, metadata: { ...sent.metadata, annotations: { "cairn.dev/client-token": "t2" } } }, want: false },
  { name: "other data", stored: { ...sent, data: { k: "w" } }, want: false },
  { name: "a label missing", stored: { ...sent, metadata: { ...sent.metadata, labels: {} } }, want: false },
  { name: "a controller's kubernetes.io annotation changed", stored: { ...sent, metadata: { ...sent.metadata, annotations: { ...sent.metadata.annotations, "deployment.kubernetes.io/revision": "2" } } }, want: true },
  { name: "not an object", stored: "nope", want: false },
];

test("holdsWrite recognises the write's own result and nothing else", () => {
  for (const c of cases) assert.equal(holdsWrite(c.stored, sent, c.statusWrite ?? false), c.want, c.name);
});

test("status is compared only for a /status write; lists item by item with the same length", () => {
  const pod = { kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "x" }] }, status: { phase: "Pending" } };
  const stored = { kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "x", imagePullPolicy: "Always" }] }, status: { phase: "Running" } };
  assert.equal(holdsWrite(stored, pod, false), true);
  assert.equal(holdsWrite(stored, pod, true), false);
  assert.equal(holdsWrite({ ...stored, spec: { containers: [...stored.spec.containers, { name: "b", image: "y" }] } }, pod, false), false);
});

test("which failures move a request to the next server, and which prove it was never sent", () => {
  assert.equal(worthAnotherServer(503), true);
  assert.equal(worthAnotherServer(500), true);
  assert.equal(worthAnotherServer(409), false);
  assert.equal(worthAnotherServer(429), false);
  const err = (code: string) => Object.assign(new Error(code), { code });
  assert.equal(neverSent(err("ECONNREFUSED")), true);
  assert.equal(neverSent(err("DEPTH_ZERO_SELF_SIGNED_CERT")), true);
  assert.equal(neverSent(err("ECONNRESET")), false, "a reset may come after the server applied the request");
  assert.equal(neverSent(new Error("request timed out")), false);
});
