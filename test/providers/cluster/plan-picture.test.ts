// The plan-time placement picture while a workload is being applied: Terraform plans every resource again in
// its apply walk, so a workload can be checked while another one's pods are going live and the picture still
// holds that one's simulated pods. A replica must count once, live or simulated, never both (the flake of
// terraform-drives-cluster: cluster-basic's trainer counted twice filled gpu-1 and log-agent's check failed).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, type Connection } from "../../../cluster/index.js";
import type { Deployment, Pod } from "../../../cluster/objects/index.js";
import { PlanPicture } from "../../../providers/cluster/plan-picture.js";
import { node } from "../../cluster/helpers/fixtures.js";
import { tempDir } from "./support.js";

function deployment(name: string, replicas: number, cpu: string, memory: string): Deployment {
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "x", resources: { requests: { cpu, memory } } }] } },
    },
  };
}

describe("plan picture: a workload going live counts once", () => {
  const tmp = tempDir();
  let conn: Connection;
  before(async () => {
    conn = connect({ mode: "embedded", dataDir: `${tmp.dir}/.cairn/cluster` });
    await conn.client.create(node("gpu-1", { cpu: "8", memory: "32Gi" }));
  });
  after(async () => {
    await conn.client.close();
    tmp.remove();
  });

  // gpu-1 has 8 CPUs and 32Gi.
  type Shape = [replicas: number, cpu: string, memory: string];
  const table: { name: string; planned: Shape; liveReplicas: number; next: Shape; fits: boolean }[] = [
    { name: "all replicas live: the next workload fits beside them", planned: [1, "4", "16Gi"], liveReplicas: 1, next: [1, "4", "16Gi"], fits: true },
    { name: "one of two replicas live: the other still takes its room", planned: [2, "3", "12Gi"], liveReplicas: 1, next: [1, "3", "8Gi"], fits: false },
  ];
  for (const [i, c] of table.entries()) {
    it(c.name, async () => {
      const picture = new PlanPicture();
      const [, cpu, memory] = c.planned;
      const planned = await picture.check(conn.client, deployment(`first-${i}`, ...c.planned));
      assert.equal(planned.unschedulable.length, 0, "the first workload fits as planned");
      // The apply writes the workload with fewer replicas live so far (as during a rollout), and the picture
      // still holds the simulated pods: the apply forgets them only when the rollout is done.
      await conn.client.create(deployment(`first-${i}`, c.liveReplicas, cpu, memory));
      try {
        await conn.core!.waitIdle();
        const live = (await conn.client.list("Pod", { namespace: "default", labelSelector: `app=first-${i}` })).items.filter((p) => (p as Pod).spec.nodeName === "gpu-1");
        assert.equal(live.length, c.liveReplicas);
        const next = await picture.check(conn.client, deployment(`next-${i}`, ...c.next));
        assert.equal(next.unschedulable.length === 0, c.fits, JSON.stringify(next.unschedulable));
      } finally {
        await conn.client.delete("Deployment", `first-${i}`, "default");
        await conn.core!.waitIdle();
      }
    });
  }
});
