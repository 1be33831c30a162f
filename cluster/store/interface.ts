// What every object store offers, whatever keeps the objects (SQLite in one process's data directory, or etcd
// shared by several API servers). Reads are synchronous: each store keeps the live objects in memory (SQLite
// reads its own commits and other processes' through data_version; etcd feeds the copy from one watch, as
// kube-apiserver's watch cache does). Writes are asynchronous because a replicated store answers later; the
// SQLite store also keeps its synchronous `batch` for the embedded core's controllers.
import type { KubeObject } from "../objects/meta.js";
import type { Selector } from "../objects/labels.js";
import type { EventType } from "./schema.js";

export interface WatchEvent {
  type: EventType;
  revision: number;
  /** Shared: never mutate. */
  object: KubeObject;
  json: string;
  /** For live MODIFIED events: the value before the write (lets a selector watch see objects enter and leave). */
  previous?: KubeObject;
}

export interface WatchFilter {
  kind?: string;
  namespace?: string;
  selector?: Selector;
}

export type WriteOp =
  | { op: "create"; object: KubeObject }
  | { op: "update"; object: KubeObject }
  | { op: "delete"; kind: string; namespace?: string; name: string; resourceVersion?: string };

export type WatchListener = (e: WatchEvent) => void;

/**
 * Ends a watch from the store's side: the store lost its history (etcd compacted past the point its own watch
 * had reached, and it relisted). The watcher must relist, as a Kubernetes client does on 410 Gone.
 */
export type WatchClosed = (reason: string) => void;

export interface ObjectStore {
  /** The newest revision this store has seen (the cluster's clock; resourceVersion of the newest write). */
  revision(): number;
  /** Revisions at or below this are no longer in the store's history: a watch from there is Expired. */
  compactedRevision(): number;
  /** A private copy of one object, or undefined. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** The shared live object (never mutate it). */
  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Shared live objects of a kind, filtered (never mutate them). */
  scan(kind: string, namespace?: string, selector?: Selector): KubeObject[];
  /** Private copies sorted by namespace and name, with the revision they reflect. */
  list(kind: string, namespace?: string, selector?: Selector): { items: KubeObject[]; revision: number };
  /** The JSON text of matching objects, sorted as list. */
  listJson(kind: string, namespace?: string, selector?: Selector): { items: string[]; revision: number };
  count(kind: string): number;
  /**
   * The JSON text this store already made of `obj` when it is the live object it holds (a write's result),
   * else undefined: the API answers a write with it instead of serialising the object a second time.
   */
  storedJson?(obj: KubeObject): string | undefined;
  /**
   * Calls listener for every change matching the filter after `fromRevision` (history first, then live).
   * Throws StoreError Expired when that history is gone. Returns the function that stops it.
   */
  watch(filter: WatchFilter, fromRevision: number | undefined, listener: WatchListener, closed?: WatchClosed): () => void;
  /**
   * Applies the operations atomically (all or none) and resolves with the stored object of each (for a delete,
   * its last value) once this store's reads and watchers reflect them. Rejects with a StoreError (NotFound,
   * AlreadyExists, Conflict) or StoreUnavailable.
   */
  commit(ops: readonly WriteOp[]): Promise<KubeObject[]>;
  close(): void | Promise<void>;
}

/**
 * A store whose writes return at once (SQLite's): what the registry and the controllers are written against.
 * Over etcd, a StagingStore (api/staged-writes.ts) offers the same surface and commits the staged writes of one
 * request or one controller pass as one transaction afterwards.
 */
export interface SyncStore extends ObjectStore {
  create(obj: KubeObject): KubeObject;
  update(obj: KubeObject): KubeObject;
  delete(kind: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject;
  batch(ops: readonly WriteOp[]): KubeObject[];
}
