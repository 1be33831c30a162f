// `cairn cluster migrate --from sqlite:DIR --to etcd:ENDPOINTS`: copies every object of an embedded (SQLite)
// cluster into etcd, keeping each object's uid, and so every relation (owner references, claim and volume
// bindings, a pod's node). resourceVersions change: they are etcd's revisions. The target prefix must be empty,
// so a migration never mixes two clusters; the copy is checked object by object afterwards.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { KINDS } from "./objects/kinds.js";
import type { KubeObject } from "./objects/meta.js";
import { Store, STORE_FILE, type WriteOp } from "./store/store.js";
import { EtcdStore, type EtcdStoreOptions } from "./store/etcd-store.js";

export interface MigrationResult {
  objects: number;
  byKind: Record<string, number>;
}

/** Objects per etcd transaction (under etcd's default --max-txn-ops of 128). */
const CHUNK = 100;

export async function migrateSqliteToEtcd(dataDir: string, target: EtcdStoreOptions): Promise<MigrationResult> {
  if (!existsSync(join(dataDir, STORE_FILE))) throw new MigrationError(`${dataDir} holds no cluster (no ${STORE_FILE})`);
  const source = Store.open(dataDir);
  let dest: EtcdStore | undefined;
  try {
    dest = await EtcdStore.open(target);
    const already = KINDS.reduce((n, k) => n + dest!.count(k.kind), 0);
    if (already > 0) throw new MigrationError(`the etcd prefix ${target.prefix ?? "/cairn/registry/"} already holds ${already} objects: migrate into an empty prefix`);
    const byKind: Record<string, number> = {};
    const ops: WriteOp[] = [];
    for (const k of KINDS) {
      const items = source.list(k.kind).items;
      if (items.length > 0) byKind[k.kind] = items.length;
      for (const o of items) {
        delete o.metadata.resourceVersion;
        ops.push({ op: "create", object: o });
      }
    }
    for (let i = 0; i < ops.length; i += CHUNK) await dest.commit(ops.slice(i, i + CHUNK));
    for (const op of ops) {
      const o = (op as { object: KubeObject }).object;
      const copied = dest.peek(o.kind, o.metadata.namespace, o.metadata.name);
      if (!copied || copied.metadata.uid !== o.metadata.uid) throw new MigrationError(`${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name} was not copied intact`);
    }
    return { objects: ops.length, byKind };
  } finally {
    source.close();
    await dest?.close();
  }
}

/** A migration refused or failed for a reason the user can act on. */
export class MigrationError extends Error {}
