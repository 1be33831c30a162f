// The etcd v3 calls the cluster core makes (KV Range/Txn/Compact, Watch, Lease Grant/Revoke/KeepAlive), typed,
// over one EtcdConnection. Shared by the store and the leader election of one server.
import { EtcdConnection, EtcdRpcError, type EtcdConnectionOptions, type EtcdStream } from "./etcd-grpc.js";
import * as pb from "./etcd-proto.js";

export type { KeyValue, RangeRequest, RangeResponse, TxnRequest, TxnResponse, Compare, RequestOp, WatchResponse } from "./etcd-proto.js";

export interface WatchHandlers {
  response(res: pb.WatchResponse): void;
  ended(reason: string): void;
}

export interface EtcdWatch {
  /** Asks etcd for a progress notification (a response without events at its current revision). */
  requestProgress(): void;
  cancel(): void;
}

export class EtcdClient {
  private readonly conn: EtcdConnection;

  constructor(readonly options: EtcdConnectionOptions) {
    this.conn = new EtcdConnection(options);
  }

  async range(req: pb.RangeRequest): Promise<pb.RangeResponse> {
    return pb.decodeRange(await this.conn.unary("/etcdserverpb.KV/Range", pb.encodeRange(req)));
  }

  async txn(req: pb.TxnRequest): Promise<pb.TxnResponse> {
    return pb.decodeTxn(await this.conn.unary("/etcdserverpb.KV/Txn", pb.encodeTxn(req)));
  }

  async compact(revision: number, physical: boolean): Promise<void> {
    pb.decodeHeaderOnly(await this.conn.unary("/etcdserverpb.KV/Compact", pb.encodeCompaction(revision, physical)));
  }

  async leaseGrant(ttlSeconds: number): Promise<{ id: bigint; ttl: number }> {
    const res = pb.decodeLeaseGrant(await this.conn.unary("/etcdserverpb.Lease/LeaseGrant", pb.encodeLeaseGrant(ttlSeconds)));
    if (res.error) throw new EtcdRpcError(2, `lease grant: ${res.error}`);
    return { id: res.id, ttl: res.ttl };
  }

  async leaseRevoke(id: bigint): Promise<void> {
    pb.decodeHeaderOnly(await this.conn.unary("/etcdserverpb.Lease/LeaseRevoke", pb.encodeLeaseId(id)));
  }

  /** Renews a lease once (one message each way on a LeaseKeepAlive stream); resolves its remaining TTL (≤ 0: gone). */
  leaseKeepAliveOnce(id: bigint, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let stream: EtcdStream | undefined = undefined;
      const t = setTimeout(() => {
        stream?.cancel();
        reject(new EtcdRpcError(4, "lease keepalive: deadline exceeded"));
      }, timeoutMs);
      stream = this.conn.stream("/etcdserverpb.Lease/LeaseKeepAlive", {
        message: (body) => {
          clearTimeout(t);
          stream?.cancel();
          try {
            resolve(pb.decodeLeaseKeepAlive(body).ttl);
          } catch (e) {
            reject(e as Error);
          }
        },
        ended: (reason) => {
          clearTimeout(t);
          reject(new EtcdRpcError(14, `lease keepalive: ${reason}`));
        },
      });
      stream.write(pb.encodeLeaseId(id));
    });
  }

  /** Watches [key, rangeEnd) from `startRevision` with progress notifications, on one stream. */
  watch(create: pb.WatchCreateRequest, handlers: WatchHandlers): EtcdWatch {
    let failed = false;
    const stream = this.conn.stream("/etcdserverpb.Watch/Watch", {
      message: (body) => {
        if (failed) return;
        let res: pb.WatchResponse;
        try {
          res = pb.decodeWatch(body);
        } catch (e) {
          failed = true;
          stream.cancel();
          handlers.ended(`etcd sent a watch response Cairn cannot read: ${(e as Error).message}`);
          return;
        }
        handlers.response(res);
      },
      ended: (reason) => {
        if (!failed) handlers.ended(reason);
      },
    });
    stream.write(pb.encodeWatchCreate(create));
    return { requestProgress: () => stream.write(pb.encodeWatchProgress()), cancel: () => stream.cancel() };
  }

  close(): void {
    this.conn.close();
  }
}
