// The plan-time placement check's picture of the cluster "as it will be after the plan".
//
// The provider interface plans one resource per call, so the picture is accumulated by the provider
// instance over one plan: every planned cluster_node (create or update) replaces the live node of that name,
// every planned node delete removes it, every planned cluster_volume adds its volume and claim, and every
// workload that passed the check leaves its simulated pods behind so that later workloads compete with
// them. A workload is checked against live nodes and pods combined with what the picture holds *at the time
// it is planned*; the planner plans a resource after the resources it references or depends on, so a
// workload that must see planned nodes references them or says `depends_on`. See README.md ("Plan-time
// placement check") for the limits.
import type { ClusterClient } from "../../cluster/api/client.js";
import { expandWorkload } from "../../cluster/controllers/expand.js";
import type { KubeObject } from "../../cluster/objects/meta.js";
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StatefulSet } from "../../cluster/objects/types.js";
import { type Placement, simulate } from "../../cluster/scheduler/simulate.js";
import { claimName } from "../../cluster/controllers/statefulset.js";
import { isPodOfWorkload } from "../../cluster/controllers/context.js";

export interface WorkloadCheck {
  /** Every replica with its simulated node (absent for those that fit nowhere). */
  readonly placements: Placement[];
  readonly unschedulable: Placement[];
  /** Nodes in the simulated picture (the N of "0/N nodes are available"). */
  readonly nodeCount: number;
  /** Planned nodes the picture held when the check ran. */
  readonly plannedNodes: number;
}

export class PlanPicture {
  /** Planned node objects by name; null: the plan deletes the node. */
  private readonly nodes = new Map<string, Node | null>();
  private readonly claims = new Map<string, PersistentVolumeClaim>();
  private readonly volumes = new Map<string, PersistentVolume>();
  /** Simulated pods of workloads checked earlier in this plan, by workload key. */
  private readonly pods = new Map<string, Pod[]>();

  private reducing = false;

  /** A planned node (create or update), or null for a planned delete. */
  planNode(name: string, node: Node | null, isUpdate = false): void {
    this.nodes.set(name, node);
    if (node === null || isUpdate) this.reducing = true;
  }

  planVolume(volume: PersistentVolume | undefined, claim: PersistentVolumeClaim): void {
    if (volume) this.volumes.set(volume.metadata.name, volume);
    this.claims.set(`${claim.metadata.namespace ?? "default"}/${claim.metadata.name}`, claim);
  }

  /** Which resource plans each cluster object (by kind and name), to refuse two resources sharing one. */
  private readonly owners = new Map<string, string>();

  /**
   * Records that `address` makes the object `kind` `name`; returns the other resource's address when another
   * resource already makes it (two volumes "a-b"/"c" and "a"/"b-c" both map to the volume "a-b-c").
   */
  claimObjectName(kind: string, name: string, address: string): string | undefined {
    const key = `${kind}\u0000${name}`;
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== address) return owner;
    this.owners.set(key, address);
    return undefined;
  }

  /**
   * A workload was created or updated: its live pods count from now on, not its simulated ones. Terraform
   * plans every resource again during apply (on the apply's own provider instance), and a workload applied
   * earlier in that walk would otherwise be counted twice by the workloads planned after it.
   */
  workloadApplied(namespace: string, name: string): void {
    for (const k of [...this.pods.keys()]) if (k.endsWith(`/${namespace}/${name}`)) this.pods.delete(k);
  }

  /**
   * Whether the plan deletes or changes a node, which can displace pods: then even unchanged workloads are
   * checked. (Added nodes only add room.)
   */
  reducesCapacity(): boolean {
    return this.reducing;
  }

  /**
   * Simulates placing `workload` (a Deployment, StatefulSet or DaemonSet object) on the planned cluster.
   * Its own live pods are left out: the check asks whether the planned workload fits, not its current pods.
   */
  async check(client: ClusterClient, workload: KubeObject): Promise<WorkloadCheck> {
    const liveNodes = (await client.list("Node")).items as Node[];
    const livePods = (await client.list("Pod")).items as Pod[];
    const liveClaims = (await client.list("PersistentVolumeClaim")).items as PersistentVolumeClaim[];
    const liveVolumes = (await client.list("PersistentVolume")).items as PersistentVolume[];

    const nodes = new Map(liveNodes.map((n) => [n.metadata.name, n] as const));
    for (const [name, n] of this.nodes) {
      if (n === null) nodes.delete(name);
      else nodes.set(name, n);
    }
    const nodeList = [...nodes.values()];
    const key = workloadKey(workload);
    const ns = workload.metadata.namespace ?? "default";
    const existing: Pod[] = [];
    const displaced: Pod[] = [];
    for (const p of livePods) {
      if (ownedBy(p, workload, ns)) continue;
      if (!p.spec.nodeName) continue;
      if (nodes.has(p.spec.nodeName)) existing.push(p);
      // A pod on a node the plan deletes comes back elsewhere (if it has a controller), competing for room.
      else if (p.metadata.ownerReferences?.some((r) => r.controller)) displaced.push(unbound(p));
    }
    const live = [...existing];
    for (const [k, pods] of this.pods) {
      if (k === key) continue;
      existing.push(...notYetLive(pods.filter((p) => p.spec.nodeName && nodes.has(p.spec.nodeName)), k, live));
    }

    const claims = new Map<string, PersistentVolumeClaim>(liveClaims.map((c) => [`${c.metadata.namespace ?? "default"}/${c.metadata.name}`, c]));
    for (const [k, c] of this.claims) claims.set(k, c);
    for (const c of templateClaims(workload, ns)) if (!claims.has(`${ns}/${c.metadata.name}`)) claims.set(`${ns}/${c.metadata.name}`, c);
    const volumes = new Map(liveVolumes.map((v) => [v.metadata.name, v] as const));
    for (const [k, v] of this.volumes) volumes.set(k, v);

    const wanted = expandWorkload(workload, nodeList);
    const result = simulate(nodeList, existing, [...displaced, ...wanted], { claims: [...claims.values()], volumes: [...volumes.values()] });
    const mine = new Set(wanted.map((p) => p.metadata.name));
    const placements = result.placements.filter((p) => p.namespace === ns && mine.has(p.name));
    const placedPods = wanted.flatMap((p) => {
      const where = placements.find((x) => x.name === p.metadata.name)?.node;
      return where ? [{ ...p, spec: { ...p.spec, nodeName: where } }] : [];
    });
    this.pods.set(key, placedPods);
    return {
      placements,
      unschedulable: placements.filter((p) => p.node === undefined),
      nodeCount: nodeList.length,
      plannedNodes: [...this.nodes.values()].filter((n) => n !== null).length,
    };
  }
}

export function workloadKey(w: KubeObject): string {
  return `${w.kind}/${w.metadata.namespace ?? "default"}/${w.metadata.name}`;
}

function ownedBy(p: Pod, w: KubeObject, ns: string): boolean {
  return (p.metadata.namespace ?? "default") === ns && isPodOfWorkload(p, w.kind, w.metadata.name);
}

/**
 * The simulated pods of workload `k` that stand for replicas not live yet. While a workload is being applied
 * its pods become live one by one (the apply waits for the rollout before the picture forgets the simulated
 * ones), and a workload checked meanwhile would otherwise count a replica twice, once live and once
 * simulated: each live pod of the workload takes the place of a simulated one, on its own node first.
 */
function notYetLive(simulated: Pod[], k: string, live: readonly Pod[]): Pod[] {
  const [kind, ns, name] = k.split("/") as [string, string, string];
  const rest = [...simulated];
  const others: Pod[] = [];
  for (const p of live) {
    if ((p.metadata.namespace ?? "default") !== ns || !isPodOfWorkload(p, kind, name)) continue;
    const same = rest.findIndex((s) => s.spec.nodeName === p.spec.nodeName);
    if (same >= 0) rest.splice(same, 1);
    else others.push(p);
  }
  // A live pod on another node than its simulated twin still stands for one replica.
  rest.splice(0, Math.min(others.length, rest.length));
  return rest;
}

function unbound(p: Pod): Pod {
  const { nodeName: _gone, ...spec } = p.spec;
  return { ...p, spec };
}

/** The claims a StatefulSet's volume claim templates will create, so the simulation sees them. */
function templateClaims(w: KubeObject, ns: string): PersistentVolumeClaim[] {
  if (w.kind !== "StatefulSet") return [];
  const s = w as StatefulSet;
  const out: PersistentVolumeClaim[] = [];
  for (let i = 0; i < (s.spec.replicas ?? 1); i++) {
    for (const t of s.spec.volumeClaimTemplates ?? []) {
      out.push({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: claimName(t.metadata.name, s.metadata.name, i), namespace: ns }, spec: structuredClone(t.spec) });
    }
  }
  return out;
}
