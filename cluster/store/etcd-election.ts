// Leader election on an etcd lease, with client-go's timing: a candidate takes the election key (created only if
// absent, attached to a lease of `leaseDuration`), the leader renews the lease every `retryPeriod`, and stops
// acting when it has not renewed for `renewDeadline` (< leaseDuration). etcd deletes the key when the lease
// expires, so another replica can start only after the old leader has stopped. The key's create revision is
// the fence: a write made with it applies only while this leadership holds (EtcdStore.commit's fence).
import type { EtcdClient } from "./etcd-client.js";
import type { Fence } from "./errors.js";

export interface ElectionTiming {
  /** How long a leader that stops renewing keeps the lease (client-go: 15 s). */
  leaseDurationMs: number;
  /** A leader that could not renew for this long stops acting (client-go: 10 s). */
  renewDeadlineMs: number;
  /** How often the leader renews and candidates try (client-go: 2 s). */
  retryPeriodMs: number;
}

export const DEFAULT_ELECTION_TIMING: ElectionTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export interface ElectionOptions {
  /** The election key (one per elected component, e.g. /cairn/leases/controllers). */
  key: string;
  /** Who this replica is (host/pid/random), stored as the key's value for `cluster status`. */
  identity: string;
  timing?: Partial<ElectionTiming>;
  onStartedLeading?: (fence: Fence) => void;
  onStoppedLeading?: (reason: string) => void;
}

export class EtcdLeaderElection {
  private readonly timing: ElectionTiming;
  private readonly key: Buffer;
  private leaseId: bigint | undefined;
  private fenceRevision: string | undefined;
  private lastRenew = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly client: EtcdClient,
    private readonly options: ElectionOptions,
  ) {
    this.timing = { ...DEFAULT_ELECTION_TIMING, ...options.timing };
    if (!(this.timing.renewDeadlineMs < this.timing.leaseDurationMs && this.timing.retryPeriodMs < this.timing.renewDeadlineMs)) {
      throw new Error("leader election timing: need retryPeriod < renewDeadline < leaseDuration");
    }
    this.key = Buffer.from(options.key);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      if (this.stopped) return;
      void this.step().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.timing.retryPeriodMs);
      });
    };
    tick();
  }

  /** Whether this replica may act now: it leads and renewed within the renew deadline. */
  isLeader(): boolean {
    if (this.fenceRevision === undefined) return false;
    if (Date.now() - this.lastRenew > this.timing.renewDeadlineMs) {
      this.stepDown("the lease was not renewed within the renew deadline");
      return false;
    }
    return true;
  }

  /** The fence of the current leadership (undefined when not leading). */
  fence(): Fence | undefined {
    return this.isLeader() ? { key: this.key, revision: this.fenceRevision! } : undefined;
  }

  /** Stops campaigning; a leader gives the key up at once (revokes its lease) so another takes over now. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const lease = this.leaseId;
    if (this.fenceRevision !== undefined) this.stepDown("stopped");
    if (lease !== undefined) await this.client.leaseRevoke(lease).catch(() => undefined);
  }

  private async step(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.fenceRevision !== undefined) await this.renew();
      else await this.campaign();
    } catch {
      // etcd unreachable: a leader keeps acting until its renew deadline (isLeader), a candidate tries again.
      if (this.fenceRevision !== undefined) this.isLeader();
    } finally {
      this.busy = false;
    }
  }

  private async campaign(): Promise<void> {
    const held = await this.client.range({ key: this.key });
    if (held.kvs.length > 0) return; // someone leads; its key goes when its lease expires
    const ttl = Math.max(2, Math.ceil(this.timing.leaseDurationMs / 1000));
    const grant = await this.client.leaseGrant(ttl);
    const started = Date.now();
    const res = await this.client.txn({
      compare: [{ key: this.key, target: "create", result: "equal", revision: 0 }],
      success: [{ put: { key: this.key, value: Buffer.from(this.options.identity), lease: grant.id } }],
      failure: [],
    });
    if (!res.succeeded) {
      await this.client.leaseRevoke(grant.id).catch(() => undefined);
      return;
    }
    this.leaseId = grant.id;
    this.fenceRevision = String(res.header.revision);
    this.lastRenew = started;
    this.options.onStartedLeading?.({ key: this.key, revision: this.fenceRevision });
  }

  private async renew(): Promise<void> {
    const started = Date.now();
    const ttl = await this.client.leaseKeepAliveOnce(this.leaseId!, this.timing.retryPeriodMs);
    if (ttl <= 0) return this.stepDown("the lease expired");
    // Counted from when the renewal was sent: etcd's clock for the lease started no earlier than that.
    if (this.fenceRevision !== undefined) this.lastRenew = started;
    this.isLeader();
  }

  private stepDown(reason: string): void {
    if (this.fenceRevision === undefined) return;
    this.fenceRevision = undefined;
    this.leaseId = undefined;
    this.options.onStoppedLeading?.(reason);
  }
}
