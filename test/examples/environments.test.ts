// examples/environments: dev, staging and prod, each a root module calling the same three local modules
// (cluster-base, web-service, stateful-db) with its own terraform.tfvars, run through bin/cairn in its own
// temporary working directory (its own state and embedded cluster). All three are applied side by side, then
// what each built is read back from the outputs and from the cluster itself and compared with the table
// below and across environments; a second plan must have no changes, and destroy must empty each cluster.

import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { ClusterStatusView } from "../../cluster/status.js";
import { type EnvWorkdir, envWorkdir, examplesDir, isUserState } from "./env-workdir.js";

interface Pool {
  count: number;
  cpuMilli: number;
  memoryGi: number;
  zones: string[];
  taints: string[];
}

interface Expected {
  pools: Record<string, Pool>;
  web: { replicas: number; perZone: Record<string, number>; pool: string; cpuMilli: number; limits?: { cpu: string; memory: string } };
  db: { replicas: number; pool: string; cpuMilli: number; claims: Record<string, string> };
  /** Resources the first plan creates: the nodes, the namespace, web's 2 and the database's 3. */
  toAdd: number;
}

const claims = (replicas: number, volumes: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Array.from({ length: replicas }, (_, i) => Object.entries(volumes).map(([v, size]) => [`${v}-db-${i}`, size])).flat());

const expected: Record<string, Expected> = {
  dev: {
    pools: { general: { count: 2, cpuMilli: 2000, memoryGi: 4, zones: ["zone-a"], taints: [] } },
    web: { replicas: 2, perZone: { "zone-a": 2 }, pool: "general", cpuMilli: 100 },
    db: { replicas: 1, pool: "general", cpuMilli: 250, claims: claims(1, { data: "5Gi" }) },
    toAdd: 2 + 6,
  },
  staging: {
    pools: { general: { count: 3, cpuMilli: 4000, memoryGi: 8, zones: ["zone-a", "zone-b"], taints: [] } },
    web: { replicas: 4, perZone: { "zone-a": 2, "zone-b": 2 }, pool: "general", cpuMilli: 250, limits: { cpu: "500m", memory: "512Mi" } },
    db: { replicas: 2, pool: "general", cpuMilli: 1000, claims: claims(2, { data: "20Gi" }) },
    toAdd: 3 + 6,
  },
  prod: {
    pools: {
      general: { count: 6, cpuMilli: 8000, memoryGi: 32, zones: ["zone-a", "zone-b", "zone-c"], taints: [] },
      db: { count: 3, cpuMilli: 16000, memoryGi: 64, zones: ["zone-a", "zone-b", "zone-c"], taints: ["dedicated=db:NoSchedule"] },
    },
    web: { replicas: 9, perZone: { "zone-a": 3, "zone-b": 3, "zone-c": 3 }, pool: "general", cpuMilli: 1000, limits: { cpu: "2", memory: "4Gi" } },
    db: { replicas: 3, pool: "db", cpuMilli: 8000, claims: claims(3, { data: "100Gi", wal: "20Gi" }) },
    toAdd: 9 + 6,
  },
};
const ENVS = Object.keys(expected);

interface Placement {
  node: string;
  zone: string;
}
interface Outputs {
  cluster: { value: { node_names: string[]; nodes: Record<string, { pool: string; zone: string; cpu: string; memory: string }>; zones: string[] } };
  web: { value: { replicas: number; placements: Record<string, Placement>; replicas_per_zone: Record<string, number>; nodes: string[] } };
  db: { value: { replicas: number; placements: Record<string, Placement>; distinct_nodes: number; claims: Record<string, string> } };
}
interface KubeItem {
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}
interface Facts {
  outputs: Outputs;
  status: ClusterStatusView;
}

/** Node names as cluster-base makes them, each with the zone it gets round-robin from its pool's zones. */
interface ExpectedNode {
  pool: string;
  zone: string;
  shape: Pool;
}

function expectedNodes(env: string, e: Expected): Map<string, ExpectedNode> {
  const m = new Map<string, ExpectedNode>();
  for (const [pool, shape] of Object.entries(e.pools)) {
    for (let i = 0; i < shape.count; i++) m.set(`${env}-${pool}-${i + 1}`, { pool, zone: shape.zones[i % shape.zones.length]!, shape });
  }
  return m;
}

/** The -var value that asks for one more one-per-node database replica than the database's pool has nodes. */
function tooManyDbReplicas(e: Expected): string {
  const n = e.pools[e.db.pool]!.count + 1;
  return `db={replicas=${n}, resources={cpu_request="${e.db.cpuMilli}m", memory_request="1Gi"}, volumes=[{name="data", size="1Gi", mount_path="/data"}]}`;
}

function oneMoreGeneralNode(e: Expected): string {
  const p = e.pools.general!;
  return `general_pool={count=${p.count + 1}, cpu="${p.cpuMilli / 1000}", memory="${p.memoryGi}Gi", zones=${JSON.stringify(p.zones)}}`;
}

const GI = 1024 ** 3;

/** State, plans and cluster data under examples/environments (isUserState, plus saved plans). */
function strayState(): string[] {
  const stray: string[] = [];
  const stack = [examplesDir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      if (isUserState(ent.name) || ent.name.includes(".tfstate") || ent.name === "tfplan") stray.push(join(d, ent.name));
      else if (ent.isDirectory()) stack.push(join(d, ent.name));
    }
  }
  return stray;
}

const strayBefore = new Set(strayState());

describe("examples/environments through bin/cairn", () => {
  const work = new Map<string, EnvWorkdir>();
  const facts = new Map<string, Facts>();
  const destroyed = new Set<string>();

  after(() => {
    for (const [env, w] of work) {
      if (!destroyed.has(env)) w.cairn("destroy", "-auto-approve", "-no-color");
      w.remove();
    }
  });

  for (const env of ENVS) {
    const e = expected[env]!;
    it(`${env}: init, a plan the placement check refuses, then plan and apply`, () => {
      const w = envWorkdir(env);
      work.set(env, w);
      const init = w.cairn("init", "-no-color");
      assert.equal(init.code, 0, init.out + init.err);
      for (const [call, dir] of [["cluster", "cluster-base"], ["web", "web-service"], ["db", "stateful-db"]]) {
        assert.match(init.out, new RegExp(`- ${call} in \\.\\./\\.\\./modules/${dir}\\n`));
      }

      // One replica per node and one node too few: the plan fails before anything is written. That the
      // check counts exactly the pool's planned nodes shows the module's nodes were planned before its workload.
      const refused = w.cairn("plan", "-no-color", "-var", tooManyDbReplicas(e));
      assert.equal(refused.code, 1, refused.out + refused.err);
      assert.match(refused.err, /Error: Workload cannot be placed/);
      assert.match(refused.err, /with module\.db\.cluster_workload\.this/);
      const reason = `app/db-${e.pools[e.db.pool]!.count}: 0/${expectedNodes(env, e).size} nodes are available:.*didn't match pod anti-affinity rules`;
      assert.match(refused.err.replace(/\s*\n│\s*/g, " "), new RegExp(reason));
      assert.equal(existsSync(join(w.dir, "cairn.tfstate")), false);

      const plan = w.cairn("plan", "-detailed-exitcode", "-no-color");
      assert.equal(plan.code, 2, plan.out + plan.err);
      assert.match(plan.out, new RegExp(`Plan: ${e.toAdd} to add, 0 to change, 0 to destroy\\.`));
      assert.match(plan.out, /# module\.cluster\.cluster_node\.this\["[a-z]+-general-1"\] will be created/);
      assert.match(plan.out, /# module\.db\.cluster_workload\.this will be created/);

      const apply = w.cairn("apply", "-auto-approve", "-no-color");
      assert.equal(apply.code, 0, apply.out + apply.err);
      assert.match(apply.out, new RegExp(`Apply complete! Resources: ${e.toAdd} added, 0 changed, 0 destroyed\\.`));
      // The env's own store: state and embedded cluster in its working directory.
      assert.ok(existsSync(join(w.dir, "cairn.tfstate")));
      assert.ok(existsSync(join(w.dir, ".cairn", "cluster")));
      facts.set(env, { outputs: w.json<Outputs>("output", "-json"), status: w.json<ClusterStatusView>("cluster", "status", "-json") });
    });
  }

  for (const env of ENVS) {
    const e = expected[env]!;
    it(`${env}: the nodes, replicas, sizes, placements and claims of the table`, () => {
      const w = work.get(env)!;
      const { outputs, status } = facts.get(env)!;
      const nodes = expectedNodes(env, e);

      // Nodes: exactly this env's (its cluster holds no other env's), each in its round-robin zone, with its
      // pool's capacity and taints.
      assert.deepEqual(outputs.cluster.value.node_names, [...nodes.keys()].sort());
      assert.deepEqual(status.nodes.map((n) => n.name).sort(), [...nodes.keys()].sort());
      for (const n of status.nodes) {
        const want = nodes.get(n.name)!;
        assert.equal(n.ready, "True", n.name);
        assert.equal(n.zone, want.zone, n.name);
        assert.equal(n.cpu.allocatableMilli, want.shape.cpuMilli, n.name);
        assert.equal(n.memory.allocatableBytes, want.shape.memoryGi * GI, n.name);
        assert.deepEqual(n.taints, want.shape.taints, n.name);
        assert.equal(outputs.cluster.value.nodes[n.name]?.pool, want.pool);
      }
      const kubeNodes = w.json<{ items: KubeItem[] }>("cluster", "get", "nodes", "-json").items;
      for (const n of kubeNodes) assert.equal(n.metadata.labels?.pool, nodes.get(n.metadata.name)!.pool);
      assert.deepEqual(outputs.cluster.value.zones, [...new Set([...nodes.values()].map((n) => n.zone))].sort());

      // Everything placed and Running; the requests reserved are replicas times the per-replica requests.
      assert.equal(status.totals.pendingPods, 0, JSON.stringify(status.pending));
      assert.equal(status.totals.runningPods, e.web.replicas + e.db.replicas, "running pods");
      assert.equal(
        status.nodes.reduce((s, n) => s + n.cpu.requestedMilli, 0),
        e.web.replicas * e.web.cpuMilli + e.db.replicas * e.db.cpuMilli,
      );

      // Web: the replica count, the zone spread (the output agrees with the pods' nodes), the pool, the limits.
      const web = outputs.web.value;
      assert.equal(web.replicas, e.web.replicas);
      assert.equal(Object.keys(web.placements).length, e.web.replicas);
      assert.deepEqual(web.replicas_per_zone, e.web.perZone);
      const perZone: Record<string, number> = {};
      for (const p of Object.values(web.placements)) {
        assert.equal(nodes.get(p.node)?.pool, e.web.pool, `web replica on ${p.node}`);
        assert.equal(p.zone, nodes.get(p.node)!.zone);
        perZone[p.zone] = (perZone[p.zone] ?? 0) + 1;
      }
      assert.deepEqual(perZone, e.web.perZone);
      const deploy = w.json<KubeItem>("cluster", "get", "deploy", "web", "-n", "app", "-json");
      assert.equal(deploy.spec.replicas, e.web.replicas);
      const container = (deploy.spec as { template: { spec: { containers: { resources?: { limits?: Record<string, string> } }[] } } }).template.spec.containers[0]!;
      assert.deepEqual(container.resources?.limits, e.web.limits);

      // Database: one replica per node, on its pool, each with its claims provisioned in the replica's zone.
      const db = outputs.db.value;
      assert.equal(db.replicas, e.db.replicas);
      assert.deepEqual(Object.keys(db.placements).sort(), Array.from({ length: e.db.replicas }, (_, i) => `db-${i}`));
      assert.equal(db.distinct_nodes, e.db.replicas);
      assert.equal(new Set(Object.values(db.placements).map((p) => p.node)).size, e.db.replicas);
      for (const p of Object.values(db.placements)) assert.equal(nodes.get(p.node)?.pool, e.db.pool, `db replica on ${p.node}`);
      assert.deepEqual(db.claims, e.db.claims);
      const pvcs = w.json<{ items: KubeItem[] }>("cluster", "get", "pvc", "-n", "app", "-json").items;
      const pvcSizes = Object.fromEntries(pvcs.map((c) => [c.metadata.name, (c.spec as { resources: { requests: { storage: string } } }).resources.requests.storage]));
      assert.deepEqual(pvcSizes, e.db.claims);
      for (const c of pvcs) assert.equal(c.status?.phase, "Bound", c.metadata.name);
      const pvs = w.json<{ items: KubeItem[] }>("cluster", "get", "pv", "-json").items;
      for (const pv of pvs) {
        const claim = (pv.spec as { claimRef: { name: string } }).claimRef.name;
        const replica = /-(db-\d+)$/.exec(claim)![1]!;
        assert.equal(pv.metadata.labels?.["topology.kubernetes.io/zone"], db.placements[replica]!.zone, `${claim}'s volume`);
      }

      // A tainted pool runs only what tolerates the taint.
      for (const n of status.nodes.filter((x) => x.taints.length > 0)) for (const pod of n.pods.names) assert.match(pod, /^app\/db-\d+$/, `${pod} on ${n.name}`);
    });
  }

  it("the three environments differ as their tfvars say: more nodes, zones, replicas and larger sizes towards prod", () => {
    const [dev, staging, prod] = ENVS.map((env) => facts.get(env)!);
    const count = (f: Facts) => f.status.nodes.length;
    const zones = (f: Facts) => f.outputs.cluster.value.zones.length;
    const webReplicas = (f: Facts) => f.outputs.web.value.replicas;
    const dbReplicas = (f: Facts) => f.outputs.db.value.replicas;
    const maxCpu = (f: Facts) => Math.max(...f.status.nodes.map((n) => n.cpu.allocatableMilli));
    const claimBytes = (f: Facts) => Object.values(f.outputs.db.value.claims).reduce((s, v) => s + Number(v.replace(/Gi$/, "")), 0);
    for (const [what, measure, want] of [
      ["nodes", count, [2, 3, 9]],
      ["zones", zones, [1, 2, 3]],
      ["web replicas", webReplicas, [2, 4, 9]],
      ["db replicas", dbReplicas, [1, 2, 3]],
      ["largest node cpu (milli)", maxCpu, [2000, 4000, 16000]],
      ["claimed storage (Gi)", claimBytes, [5, 40, 360]],
    ] as const) assert.deepEqual([dev, staging, prod].map((f) => measure(f!)), want, what);
    // Spread: dev piles web into its one zone; staging and prod have no zone with more than one replica over another.
    for (const f of [staging!, prod!]) {
      const counts = Object.values(f.outputs.web.value.replicas_per_zone);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, JSON.stringify(counts));
    }
    // Only prod has a tainted pool, and its database runs there alone.
    assert.deepEqual([dev, staging, prod].map((f) => f!.status.nodes.filter((n) => n.taints.length > 0).length), [0, 0, 3]);
  });

  for (const env of ENVS) {
    it(`${env}: a second plan has no changes, one more node is one create, and destroy empties its cluster`, () => {
      const w = work.get(env)!;
      const again = w.cairn("plan", "-detailed-exitcode", "-no-color");
      assert.equal(again.code, 0, again.out + again.err);
      assert.match(again.out, /No changes\. Your infrastructure matches the configuration\./);
      // Nodes are keyed by name, so one more general node is one create and nothing else changes.
      const grown = w.cairn("plan", "-detailed-exitcode", "-no-color", "-var", oneMoreGeneralNode(expected[env]!));
      assert.equal(grown.code, 2, grown.out + grown.err);
      assert.match(grown.out, new RegExp(`# module\\.cluster\\.cluster_node\\.this\\["${env}-general-${expected[env]!.pools.general!.count + 1}"\\] will be created`));
      assert.match(grown.out, /Plan: 1 to add, 0 to change, 0 to destroy\./);
      const destroy = w.cairn("destroy", "-auto-approve", "-no-color");
      assert.equal(destroy.code, 0, destroy.out + destroy.err);
      destroyed.add(env);
      assert.match(destroy.out, new RegExp(`Destroy complete! Resources: ${expected[env]!.toAdd} destroyed\\.`));
      const status = w.json<ClusterStatusView>("cluster", "status", "-json");
      assert.deepEqual([status.totals.nodes, status.totals.pods], [0, 0]);
      assert.deepEqual(w.json<{ items: unknown[] }>("cluster", "get", "pvc", "-n", "app", "-json").items, []);
    });
  }

  it("left no state or cluster data under examples/environments", () => {
    // What a user left there by following the README is theirs; the tests must add nothing.
    assert.deepEqual(strayState().filter((p) => !strayBefore.has(p)), []);
  });
});
