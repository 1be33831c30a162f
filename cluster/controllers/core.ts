// ClusterCore: one data directory = one cluster. Opens the store, keeps the scheduler cache in step with it,
// and runs the controllers and the scheduler until nothing changes (a fixed point), in the background after
// every write and on demand (reconcile / waitIdle).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { KubeObject } from "../objects/meta.js";
import type { Node, Pod, PersistentVolume, PersistentVolumeClaim } from "../objects/types.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import { Store, type StoreOptions, type WatchEvent, type WriteOp } from "../store/store.js";
import { LeadershipLost, StorageFailure, StoreUnavailable, isBusy } from "../store/errors.js";
import type { SyncStore } from "../store/interface.js";
// Types only: the etcd client (and its gRPC stack, ~0.25 s to load) is imported by openEtcd, so an embedded
// core (every plan and apply of cluster resources) never loads it.
import type { EtcdStore, EtcdStoreOptions } from "../store/etcd-store.js";
import type { EtcdLeaderElection, ElectionTiming } from "../store/etcd-election.js";
import { StagingStore } from "../api/staged-writes.js";
import { SchedulerCache } from "../scheduler/cache.js";
import { Scheduler } from "../scheduler/scheduler.js";
import { makePodInfo, podKey } from "../scheduler/pod-info.js";
import type { VolumeLister } from "../scheduler/framework.js";
import { Registry } from "../api/registry.js";
import { InProcessClient } from "../api/inprocess-client.js";
import { Errors } from "../api/status.js";
import { type Controller, type ControllerContext, FAILED_ANNOTATION } from "./context.js";
import { SchedulingController } from "./scheduling.js";
import { Informer, type QueueName } from "./informer.js";
import { KubeletController } from "./kubelet.js";
import { NodeLifecycleController } from "./node-lifecycle.js";
import { TaintEvictionController } from "./taint-eviction.js";
import { GarbageCollector } from "./gc.js";
import { DeploymentController } from "./deployment.js";
import { ReplicaSetController } from "./replicaset.js";
import { StatefulSetController } from "./statefulset.js";
import { DaemonSetController } from "./daemonset.js";
import { ClaimBinder } from "./claims.js";
import { ServiceController } from "./services.js";
import { ResourceQuotaController } from "./quota.js";
import type { PortRange } from "../api/node-ports.js";

export interface ClusterCoreOptions extends StoreOptions {
  /** Run controllers automatically after writes (default true). Tests may turn it off and call reconcile(). */
  autoReconcile?: boolean;
  /** Upper bound of passes in one reconcile (a safety net against controllers fighting; default 10,000). */
  maxPasses?: number;
  /** How long a silent leader keeps the controllers before another process takes over (default 6 s). */
  leaseTtlMs?: number;
  /** The ports NodePort services are given (`--service-node-port-range`; default 30000-32767). */
  nodePortRange?: PortRange;
  /**
   * The least time between two background passes, in ms (default 0: a pass as soon as the loop is free). A
   * served core sets it so that a stream of API writes is reconciled in batches: under 500 pod creates a second
   * a pass per create would commit every binding and every Running status on its own (three SQLite commits
   * per pod instead of one and a fraction) and hold the event loop between requests each time.
   */
  coalesceMs?: number;
}

export interface EtcdCoreOptions extends ClusterCoreOptions {
  etcd: EtcdStoreOptions;
  /** Leader election of the controllers and the scheduler (client-go's 15 s / 10 s / 2 s by default). */
  election?: Partial<ElectionTiming>;
}

/** The etcd side of a core served on etcd: the store and the election of the replica that runs controllers. */
interface Remote {
  store: EtcdStore;
  staging: StagingStore;
  election: EtcdLeaderElection;
}

/**
 * How long one background pass may hold the event loop before it yields to waiting requests (setImmediate:
 * I/O callbacks run in between) and continues with the next controller.
 */
const PASS_SLICE_MS = 2;

/** Writes of one controller per etcd transaction at most (etcd limits a transaction's operations). */
const REMOTE_CHUNK = 500;

const DEFAULT_NAMESPACES = ["default", "kube-system"];
const LEASE = "controllers";
/** A leader that stops renewing (killed) is replaced after this long. */
export const LEASE_TTL_MS = 6_000;

export class ClusterCore {
  readonly store: SyncStore;
  readonly registry: Registry;
  /** The SQLite store (embedded and single-machine served mode); undefined on etcd. */
  private readonly sqlite: Store | undefined;
  private readonly remote: Remote | undefined;
  readonly cache = new SchedulerCache();
  readonly scheduler: Scheduler;
  private readonly controllers: Controller[];
  private readonly ctx: ControllerContext;
  private readonly informer: Informer;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly stopWatch: () => void;
  private scheduled = false;
  private running = false;
  private closed = false;
  private readonly auto: boolean;
  private readonly maxPasses: number;
  private readonly coalesceMs: number;
  /** When the last background pass ended (performance.now()), for coalesceMs. */
  private lastPassEnd = Number.NEGATIVE_INFINITY;
  /** The controller a background pass that yielded continues with; 0 = a new pass. */
  private resumeAt = 0;
  private readonly holder = `${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
  private leader = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private failure?: StorageFailure;
  private readonly leaseTimer: NodeJS.Timeout;
  private readonly leaseTtl: number;
  /** Errors a controller hit (kept for status output; a broken controller must not stop the others). */
  readonly errors: string[] = [];

  static open(dataDir: string, options: ClusterCoreOptions = {}): ClusterCore {
    // Poll for writes by other processes sharing the directory (cheap: one PRAGMA per tick).
    return new ClusterCore(Store.open(dataDir, { pollMs: 250, ...options }), options);
  }

  /**
   * A core on etcd (one of several stateless API servers): objects in etcd, controllers and the scheduler run
   * only in the replica holding the etcd lease, and their writes are fenced by it.
   */
  static async openEtcd(options: EtcdCoreOptions): Promise<ClusterCore> {
    const [{ EtcdStore }, { EtcdLeaderElection }] = await Promise.all([import("../store/etcd-store.js"), import("../store/etcd-election.js")]);
    const store = await EtcdStore.open(options.etcd);
    const prefix = (options.etcd.prefix ?? "/cairn/registry/").replace(/\/$/, "");
    const holder = `${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
    let core: ClusterCore | undefined;
    const election = new EtcdLeaderElection(store.client, {
      key: `${prefix}-leases/${LEASE}`,
      identity: holder,
      timing: options.election,
      onStartedLeading: () => core?.renewLease(),
      onStoppedLeading: () => core?.renewLease(),
    });
    const staging = new StagingStore(store);
    core = new ClusterCore(staging, options, { store, staging, election });
    election.start();
    return core;
  }

  private constructor(store: Store | StagingStore, options: ClusterCoreOptions, remote?: Remote) {
    this.store = remote ? remote.staging : store;
    this.sqlite = store instanceof Store ? store : undefined;
    this.remote = remote;
    this.auto = options.autoReconcile ?? true;
    this.maxPasses = options.maxPasses ?? 10_000;
    this.coalesceMs = options.coalesceMs ?? 0;
    this.registry = new Registry(store, { nodePortRange: options.nodePortRange });
    const volumes: VolumeLister = {
      claim: (ns, name) => store.peek("PersistentVolumeClaim", ns, name) as PersistentVolumeClaim | undefined,
      volume: (name) => store.peek("PersistentVolume", undefined, name) as PersistentVolume | undefined,
    };
    this.scheduler = new Scheduler(this.cache, volumes);
    this.informer = new Informer(store);
    this.ctx = {
      store, cache: this.cache, scheduler: this.scheduler, informer: this.informer,
      now: () => Date.now(),
      after: (ms, queue, key) => this.after(ms, queue, key),
    };
    // Order matters only for latency, not correctness: claims before scheduling, scheduling before kubelet.
    this.controllers = [
      new NodeLifecycleController(),
      new TaintEvictionController(),
      new GarbageCollector(),
      new DeploymentController(),
      new ReplicaSetController(),
      new StatefulSetController(),
      new DaemonSetController(),
      new ClaimBinder(),
      new SchedulingController(),
      new KubeletController(),
      new ServiceController(),
      new ResourceQuotaController(),
    ];
    for (const n of store.scan("Node")) this.cache.setNode(n as Node);
    for (const o of store.scan("Pod")) this.trackPod(o as Pod);
    this.stopWatch = store.watch({}, undefined, (e) => this.onEvent(e));
    for (const ns of DEFAULT_NAMESPACES) {
      if (!store.peek("Namespace", undefined, ns)) {
        const obj: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } };
        defaultMetadata(obj);
        defaultSpec(obj);
        if (remote) void remote.staging.run(() => remote.staging.create(obj)).catch(() => undefined); // another replica may have made it
        else store.create(obj);
      }
    }
    // Several processes may open one data directory (embedded mode); only the lease holder runs controllers,
    // the others serve reads and writes, and one takes over when the holder stops renewing.
    this.leaseTtl = options.leaseTtlMs ?? LEASE_TTL_MS;
    this.renewLease();
    this.leaseTimer = setInterval(() => this.renewLease(), remote ? 250 : this.leaseTtl / 3);
    this.leaseTimer.unref();
  }

  /** Whether this process currently runs the controllers for the data directory. */
  isLeader(): boolean {
    return this.leader;
  }

  /** The storage failure that stopped this core's controllers, if any (disk full, I/O error). */
  storageFailure(): StorageFailure | undefined {
    return this.failure;
  }

  /** A storage failure stops the controllers for good: a disk that is full stays full for this process, and
   * every waiter is told (waitIdle rejects) instead of waiting for a leader that will never run again. */
  private fail(err: StorageFailure): void {
    this.failure ??= err;
    this.leader = false;
    this.flushIdle();
  }

  private renewLease(): void {
    if (this.closed || this.failure) return;
    const was = this.leader;
    try {
      // On etcd the election renews on its own schedule; this only reads (and enforces) its verdict.
      this.leader = this.remote ? this.remote.election.isLeader() : this.sqlite!.acquireLease(LEASE, this.holder, this.leaseTtl, holderIsGone);
    } catch (err) {
      if (isBusy(err)) this.leader = false; // another process is writing: try again at the next renewal
      else if (err instanceof StorageFailure) return this.fail(err);
      else throw err;
    }
    if (this.leader && !was) {
      // Everything may have changed while we were not leading: every controller runs once.
      this.store.revision();
      this.informer.prime();
      this.kick();
    }
  }

  /** An in-process ClusterClient over this core. */
  client(): InProcessClient {
    return new InProcessClient(this.registry);
  }

  /**
   * Runs controllers until a fixed point: no controller has pending input or produced writes.
   * Returns the number of writes made.
   */
  reconcile(): number {
    if (this.running || this.closed || !this.leader) return 0;
    this.running = true;
    let writes = 0;
    try {
      for (let pass = 0; pass < this.maxPasses && this.leader && this.informer.busy(); pass++) writes += this.pass();
    } finally {
      this.running = false;
    }
    if (!this.informer.busy()) this.flushIdle();
    return writes;
  }

  /** One pass of every controller with pending input; returns the writes made (0 = fixed point reached). */
  step(): number {
    if (this.running || this.closed || !this.leader || !this.informer.busy()) return 0;
    this.running = true;
    try {
      return this.pass();
    } finally {
      this.running = false;
    }
  }

  /** Resolves when background reconciliation has reached a fixed point. */
  waitIdle(): Promise<void> {
    if (!this.auto) {
      this.reconcile();
      return Promise.resolve();
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed || !this.leader || (!this.informer.busy() && !this.scheduled && !this.running)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.idleWaiters.push(() => (this.failure ? reject(this.failure) : resolve()));
      this.kick();
    });
  }

  /** Simulates a node failure: Ready=Unknown, unreachable taints, its pods evicted and placed elsewhere. */
  failNode(name: string): Node {
    return this.setFailed(name, true);
  }

  /** Ends a simulated failure: the node is Ready again and takes pods. */
  recoverNode(name: string): Node {
    return this.setFailed(name, false);
  }

  /** Stops the core; on etcd, resolves once the lease is given up (another replica leads at once). */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    clearInterval(this.leaseTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.leader && this.sqlite) this.sqlite.releaseLease(LEASE, this.holder);
    this.stopWatch();
    this.flushIdle();
    if (this.remote) {
      const { election, store } = this.remote;
      this.leader = false;
      return election.stop().then(() => store.close());
    }
    this.sqlite!.close();
    return Promise.resolve();
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private setFailed(name: string, failed: boolean): Node {
    const cur = this.store.get("Node", undefined, name) as Node | undefined;
    if (!cur) throw Errors.notFound(this.registry.info("Node"), name);
    const annotations = { ...(cur.metadata.annotations ?? {}) };
    if (failed) annotations[FAILED_ANNOTATION] = "true";
    else delete annotations[FAILED_ANNOTATION];
    cur.metadata.annotations = annotations;
    const n = this.store.update(cur) as Node;
    this.kick();
    return structuredClone(n);
  }

  private after(ms: number, queue: QueueName, key: string): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.closed) return;
      this.informer.enqueue(queue, key);
      this.kick();
    }, Math.max(0, Math.ceil(ms)));
    t.unref();
    this.timers.add(t);
  }

  /** A controller's writes, made only while this process holds the lease (on SQLite; see Store.batch). */
  private commitFenced(ops: readonly WriteOp[]): void {
    if (this.sqlite) this.sqlite.batch(ops, { name: LEASE, holder: this.holder });
    else this.store.batch(ops);
  }

  private pass(): number {
    return this.passFrom(0, Number.POSITIVE_INFINITY).writes;
  }

  /**
   * Runs the controllers from index `start` on; stops after the first one that ends past `deadline`
   * (performance.now()) and says where to continue (`next`; undefined once the pass is complete).
   */
  private passFrom(start: number, deadline: number): { writes: number; next: number | undefined } {
    let writes = 0;
    for (let i = start; i < this.controllers.length; i++) {
      if (i > start && performance.now() > deadline) return { writes, next: i };
      const c = this.controllers[i]!;
      if (!this.informer.has(c.queue)) continue;
      const keys = this.informer.drain(c.queue);
      let ops;
      try {
        ops = c.sync(this.ctx, keys);
      } catch (e) {
        this.recordError(c, e);
        continue;
      }
      if (ops.length === 0) continue;
      try {
        this.commitFenced(ops);
        writes += ops.length;
      } catch (e) {
        if (e instanceof LeadershipLost) {
          // Another process took the lease while this one computed the writes (this one stalled past the
          // lease's end): it leads now, and acts on what is stored; this one stops until it leads again.
          c.abandon?.(this.ctx);
          for (const k of keys) this.informer.enqueue(c.queue, k);
          this.leader = false;
          return { writes, next: undefined };
        }
        if (e instanceof StorageFailure) {
          c.abandon?.(this.ctx);
          this.fail(e);
          return { writes, next: undefined };
        }
        // One write could not be made (typically a conflict with another writer). Undo the controller's
        // assumptions, make the writes one by one so the others still land, and queue the work again: it then
        // runs on fresh state. A write failing for good cannot block the rest this way.
        c.abandon?.(this.ctx);
        let failed = 0;
        for (const op of ops) {
          try {
            this.commitFenced([op]);
            writes++;
          } catch (e) {
            if (e instanceof LeadershipLost) {
              this.leader = false;
              for (const k of keys) this.informer.enqueue(c.queue, k);
              return { writes, next: undefined };
            }
            if (e instanceof StorageFailure) {
              this.fail(e);
              return { writes, next: undefined };
            }
            failed++;
            if (failed === 1 && !(e instanceof Error && "reason" in e)) this.recordError(c, e);
          }
        }
        if (failed > 0) for (const k of keys) this.informer.enqueue(c.queue, k);
      }
    }
    return { writes, next: undefined };
  }

  /**
   * One pass on etcd: each controller's writes are committed (awaited, so the next controller reads them) with
   * the leader's fence; a replica that lost its lease stops at once and its writes are refused.
   */
  private async passRemote(remote: Remote): Promise<void> {
    for (const c of this.controllers) {
      if (!this.leader || this.closed) return;
      if (!this.informer.has(c.queue)) continue;
      const keys = this.informer.drain(c.queue);
      let ops: WriteOp[];
      try {
        ops = c.sync(this.ctx, keys);
      } catch (e) {
        this.recordError(c, e);
        continue;
      }
      if (ops.length === 0) continue;
      const requeue = () => {
        for (const k of keys) this.informer.enqueue(c.queue, k);
      };
      for (let i = 0; i < ops.length; i += REMOTE_CHUNK) {
        const chunk = ops.slice(i, i + REMOTE_CHUNK);
        const fence = remote.election.fence();
        try {
          if (!fence) throw new LeadershipLost("the lease");
          await remote.store.commit(chunk, fence);
        } catch (e) {
          c.abandon?.(this.ctx);
          requeue();
          if (e instanceof LeadershipLost) {
            this.leader = false;
            return;
          }
          if (e instanceof StoreUnavailable) {
            this.recordError(c, e);
            await new Promise((r) => setTimeout(r, 500)); // etcd is down: do not spin
            return;
          }
          // A conflict with another writer (typically the API): the others are written one by one so that one
          // write failing for good cannot block the rest; the work runs again on fresh state.
          if (!(e instanceof Error && "reason" in e)) this.recordError(c, e);
          for (const op of chunk) {
            const f = remote.election.fence();
            if (!f) return;
            await remote.store.commit([op], f).catch(() => undefined);
          }
        }
      }
    }
  }

  private recordError(c: Controller, e: unknown): void {
    const msg = `${c.name}: ${e instanceof Error ? e.message : String(e)}`;
    this.errors.push(msg);
    if (this.errors.length > 100) this.errors.shift();
    process.emitWarning(`cluster controller error: ${msg}`);
  }

  private onEvent(e: WatchEvent): void {
    const kind = e.object.kind;
    if (kind === "Node") {
      if (e.type === "DELETED") this.cache.removeNode(e.object.metadata.name);
      else this.cache.setNode(e.object as Node);
    } else if (kind === "Pod") {
      const p = e.object as Pod;
      if (e.type === "DELETED") this.cache.removePod(podKey(p.metadata.namespace ?? "default", p.metadata.name));
      else this.trackPod(p);
    }
    this.informer.onEvent(e);
    this.kick();
  }

  private trackPod(p: Pod): void {
    const key = podKey(p.metadata.namespace ?? "default", p.metadata.name);
    const terminal = p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
    if (!p.spec.nodeName || terminal) {
      this.cache.removePod(key);
      return;
    }
    // Already assumed there by the scheduler: nothing to recount.
    if (this.cache.nodeOfPod(key) === p.spec.nodeName) return;
    this.cache.addPod(makePodInfo(p), p.spec.nodeName);
  }

  private kick(): void {
    if (!this.auto || this.scheduled || this.closed || !this.leader) return;
    this.scheduled = true;
    // A pass that yielded continues at once; a new one waits until coalesceMs after the last one ended, so
    // the writes arriving meanwhile are reconciled together (one commit per controller for all of them).
    const wait = this.resumeAt > 0 ? 0 : this.lastPassEnd + this.coalesceMs - performance.now();
    if (wait <= 0) {
      setImmediate(() => this.background());
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.background();
    }, Math.ceil(wait));
    this.timers.add(t);
  }

  private background(): void {
    this.scheduled = false;
    if (this.closed || this.running) return;
    if (!this.leader) {
      this.resumeAt = 0;
      return this.flushIdle(); // lost the lease: nobody here will reach the fixed point
    }
    if (this.remote) {
      this.running = true;
      void this.passRemote(this.remote).finally(() => {
        this.running = false;
        this.lastPassEnd = performance.now();
        if (this.informer.busy() && this.leader) this.kick();
        else this.flushIdle();
      });
      return;
    }
    // At most PASS_SLICE_MS of controller work per tick, so that the API keeps answering while a large batch
    // is scheduled: requests that arrived meanwhile are answered before the pass goes on.
    if (this.informer.busy() || this.resumeAt > 0) {
      this.running = true;
      try {
        const { next } = this.passFrom(this.resumeAt, performance.now() + PASS_SLICE_MS);
        this.resumeAt = next ?? 0;
      } finally {
        this.running = false;
      }
      if (this.resumeAt === 0) this.lastPassEnd = performance.now();
    }
    if (this.resumeAt > 0 || this.informer.busy()) this.kick();
    else this.flushIdle();
  }

  private flushIdle(): void {
    const ws = this.idleWaiters.splice(0);
    for (const w of ws) w();
  }
}

/** A holder on this host whose process no longer exists (killed): no need to wait for its lease to expire. */
function holderIsGone(holder: string): boolean {
  const [host, pid] = holder.split("/");
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
