// Server-side apply's field ownership: a field another manager applied, with a different value, is a 409
// conflict in Kubernetes' words (one cause per field) unless forced; forcing moves the field; the same value
// is shared without conflict.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { KubeObject } from "../../cluster/objects/index.js";
import { ApiError } from "../../cluster/api/index.js";
import { testCore } from "./helpers/core.js";

type Managed = { manager: string; operation: string; fieldsV1: Record<string, unknown> };

const config = (replicas: number, image = "nginx:1") => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
  spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image }] } } },
});

test("server-side apply conflicts between managers, shares equal values, and force takes the field", () => {
  const t = testCore();
  try {
    const apply = (body: unknown, manager: string, force = false) => {
      const r = t.core.registry.patch("Deployment", "default", "web", body, { patchType: "apply", fieldManager: manager, force });
      t.core.reconcile();
      return r;
    };
    apply(config(2), "alice");
    const conflict = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof ApiError) return e.status;
        throw e;
      }
      assert.fail("expected a conflict");
    };
    const cases: { name: string; body: unknown; message: string; fields: string[] }[] = [
      { name: "one", body: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 5 } }, message: 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas', fields: [".spec.replicas"] },
      {
        name: "two", body: config(5, "nginx:2"),
        message: 'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
        fields: [".spec.replicas", '.spec.template.spec.containers[name="app"].image'],
      },
    ];
    for (const c of cases) {
      const s = conflict(() => apply(c.body, "bob"));
      assert.deepEqual([s.code, s.reason], [409, "Conflict"], c.name);
      assert.equal(s.message, c.message, c.name);
      assert.deepEqual(s.details?.causes?.map((x) => [x.reason, x.message, x.field]), c.fields.map((f) => ["FieldManagerConflict", 'conflict with "alice"', f]), c.name);
    }
    // Nothing changed by the refused applies.
    assert.equal((t.core.registry.get("Deployment", "default", "web").spec as { replicas: number }).replicas, 2);
    // The same value is shared: no conflict.
    apply(config(2), "bob");
    // Force moves .spec.replicas to carol; alice keeps the rest.
    const forced = apply({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 4 } }, "carol", true) as KubeObject;
    assert.equal((forced.spec as { replicas: number }).replicas, 4);
    const managed = (forced.metadata as unknown as { managedFields: Managed[] }).managedFields;
    const owns = (m: string) => JSON.stringify(managed.find((e) => e.manager === m)?.fieldsV1 ?? {}).includes('"f:replicas"');
    assert.deepEqual([owns("alice"), owns("bob"), owns("carol")], [false, false, true]);
    assert.ok(JSON.stringify(managed.find((e) => e.manager === "alice")?.fieldsV1).includes('"f:image"'));
    // alice re-applying her old replicas now conflicts with carol.
    assert.equal(conflict(() => apply(config(2), "alice")).message, 'Apply failed with 1 conflict: conflict with "carol": .spec.replicas');
  } finally {
    t.done();
  }
});

test("writes with a field manager own what they changed: an apply over them conflicts, naming the update", () => {
  const t = testCore();
  try {
    const r = t.core.registry;
    r.create("Deployment", "default", config(2), { fieldManager: "kubectl-create" });
    const entries = () => ((r.get("Deployment", "default", "web").metadata as unknown as { managedFields?: (Managed & { subresource?: string })[] }).managedFields ?? []).map((e) => [e.manager, e.operation, e.subresource ?? ""].join("/"));
    assert.deepEqual(entries(), ["kubectl-create/Update/"]);
    const applyErr = (body: unknown, manager: string) => {
      try {
        r.patch("Deployment", "default", "web", body, { patchType: "apply", fieldManager: manager });
      } catch (e) {
        if (e instanceof ApiError) return e.message;
        throw e;
      }
      return "applied";
    };
    const cases: { name: string; before?: () => void; body: unknown; message: string }[] = [
      { name: "created", body: config(3), message: 'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas' },
      {
        name: "scaled", before: () => r.patch("Deployment", "default", "web", { spec: { replicas: 4 } }, { fieldManager: "kubectl-scale", managerSubresource: "scale" }),
        body: config(3), message: 'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas',
      },
      // The same values as stored: shared, no conflict.
      { name: "same", body: config(4), message: "applied" },
    ];
    for (const c of cases) {
      c.before?.();
      assert.equal(applyErr(c.body, "kubectl"), c.message, c.name);
    }
    assert.deepEqual(entries().sort(), ["kubectl-create/Update/", "kubectl-scale/Update/scale", "kubectl/Apply/"]);
    // A write without a manager keeps the stored entries (a body cannot rewrite them).
    r.update("Deployment", "default", "web", { ...config(4), metadata: { name: "web", namespace: "default", managedFields: [] } });
    assert.equal(entries().length, 3);
  } finally {
    t.done();
  }
});
