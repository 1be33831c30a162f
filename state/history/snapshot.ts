// A state snapshot as content-addressed objects, so storage grows with the size of a change, not of the
// state: each resource instance is one object; resources are grouped into 256 buckets by the hash of their
// address, each bucket one object listing its resources and their instances' addresses; the root object
// holds the state's header, the outputs object's address and the buckets' addresses. A version that changes
// one instance writes one instance object, one bucket and one root. The root's address is the snapshot's
// digest, a Merkle root over the whole state.

import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "../../lang/values/json-exact.js";
import { sortState, type InstanceState, type OutputState, type ResourceMode, type StateFile } from "../model.js";
import { instanceKeyOf, resourceKeyOf } from "../instance-ref.js";
import type { ObjectStore } from "./object-store.js";

export interface ResourceHeader {
  readonly module?: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly each?: "list" | "map";
  readonly provider: string;
}

export interface BucketEntry {
  readonly resource: ResourceHeader;
  /** [instanceKeyOf(instance), instance object address], in state order. */
  readonly instances: readonly (readonly [string, string])[];
}

export interface RootManifest {
  readonly format: 1;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: string;
  /** bucket id (two hex digits) -> bucket object address; empty buckets are left out. */
  readonly buckets: { readonly [id: string]: string };
  readonly instances: number;
}

/** A snapshot computed in memory: the texts of all its objects, keyed by address. */
export interface BuiltSnapshot {
  readonly root: RootManifest;
  readonly rootAddr: string;
  readonly bucketEntries: ReadonlyMap<string, readonly BucketEntry[]>;
  readonly objects: ReadonlyMap<string, string>;
}

export function bucketIdOf(resourceKey: string): string {
  return createHash("sha256").update(resourceKey).digest("hex").slice(0, 2);
}

export function headerOf(r: ResourceHeader): ResourceHeader {
  const h: { -readonly [K in keyof ResourceHeader]: ResourceHeader[K] } = { mode: r.mode, type: r.type, name: r.name, provider: r.provider };
  if (r.module) h.module = r.module;
  if (r.each) h.each = r.each;
  return h;
}

export function buildSnapshot(state: StateFile, address: (plain: string) => string): BuiltSnapshot {
  const objects = new Map<string, string>();
  const put = (plain: string) => {
    const a = address(plain);
    objects.set(a, plain);
    return a;
  };
  const buckets = new Map<string, BucketEntry[]>();
  let instances = 0;
  for (const r of state.resources) {
    const key = resourceKeyOf(r);
    const id = bucketIdOf(key);
    const entry: BucketEntry = {
      resource: headerOf(r),
      instances: r.instances.map((i) => [instanceKeyOf(i), put(canonicalJson(i as unknown as JsonValue))] as const),
    };
    instances += r.instances.length;
    let list = buckets.get(id);
    if (!list) buckets.set(id, (list = []));
    list.push(entry);
  }
  const bucketAddrs: { [id: string]: string } = {};
  for (const [id, list] of buckets) {
    const keyOf = new Map(list.map((e) => [e, resourceKeyOf(e.resource)]));
    list.sort((a, b) => (keyOf.get(a)! < keyOf.get(b)! ? -1 : 1));
    bucketAddrs[id] = put(canonicalJson(list as unknown as JsonValue));
  }
  const root: RootManifest = {
    format: 1,
    terraform_version: state.terraform_version,
    serial: state.serial,
    lineage: state.lineage,
    outputs: put(canonicalJson(state.outputs as unknown as JsonValue)),
    buckets: bucketAddrs,
    instances,
  };
  const rootAddr = put(canonicalJson(root as unknown as JsonValue));
  return { root, rootAddr, bucketEntries: buckets, objects };
}

export function writeSnapshot(built: BuiltSnapshot, store: ObjectStore): void {
  // One pack, durable before the record naming the root is appended. The root goes last so that a pack torn
  // by a crash (fsync off) holds, at worst, children without their parent, never a dangling reference.
  const root = built.objects.get(built.rootAddr)!;
  const children = [...built.objects].filter(([addr]) => addr !== built.rootAddr);
  store.putAll([...children, [built.rootAddr, root]]);
}

export class SnapshotReadError extends Error {
  constructor(
    readonly addr: string,
    readonly problem: string,
    readonly what: string,
  ) {
    super(`${what}: ${problem}`);
  }
}

/** Loads and parses one object; throws SnapshotReadError, which callers turn into findings or diagnostics. */
export function loadObject<T>(store: ObjectStore, addr: string, what: string): T {
  const r = store.get(addr);
  if (!r.ok) throw new SnapshotReadError(addr, r.detail, what);
  return JSON.parse(r.text) as T;
}

export function loadRoot(store: ObjectStore, addr: string): RootManifest {
  return loadObject<RootManifest>(store, addr, "snapshot root");
}

export function loadBucket(store: ObjectStore, addr: string): BucketEntry[] {
  return loadObject<BucketEntry[]>(store, addr, "snapshot bucket");
}

/** The whole state of a snapshot (exact numbers are re-read losslessly from the instance texts). */
export function loadState(store: ObjectStore, rootAddr: string, parseExact: (text: string) => JsonValue): StateFile {
  const root = loadRoot(store, rootAddr);
  const state: StateFile = {
    version: 4,
    terraform_version: root.terraform_version,
    serial: root.serial,
    lineage: root.lineage,
    outputs: parseExact(objectText(store, root.outputs, "snapshot outputs")) as unknown as { [name: string]: OutputState },
    resources: [],
    check_results: null,
  };
  for (const bucketAddr of Object.values(root.buckets)) {
    for (const entry of loadBucket(store, bucketAddr)) {
      state.resources.push({
        ...entry.resource,
        instances: entry.instances.map(([, a]) => parseExact(objectText(store, a, "snapshot instance")) as unknown as InstanceState),
      });
    }
  }
  sortState(state);
  return state;
}

export function objectText(store: ObjectStore, addr: string, what: string): string {
  const r = store.get(addr);
  if (!r.ok) throw new SnapshotReadError(addr, r.detail, what);
  return r.text;
}
