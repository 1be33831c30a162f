// Comparing two snapshots by their manifests: only buckets whose addresses differ are opened, and within
// them only instances whose object addresses differ are reported, so comparing two versions of a
// 5,000-resource state costs in proportion to what changed between them.

import { formatInstanceRef } from "../instance-ref.js";
import { resourceKeyOf } from "../instance-ref.js";
import type { InstanceKey } from "../model.js";
import type { ChangeAction } from "./record.js";
import type { BucketEntry, ResourceHeader, RootManifest } from "./snapshot.js";

export interface InstanceDelta {
  readonly address: string;
  readonly action: Extract<ChangeAction, "create" | "update" | "delete">;
  readonly resource: ResourceHeader;
  /** Object addresses of the instance before and after (absent when it did not exist). */
  readonly before?: string;
  readonly after?: string;
}

export type BucketLoader = (id: string, addr: string) => readonly BucketEntry[];

/** Instance-level differences from `a` to `b` (either may be undefined: the empty state), in address order. */
export function compareSnapshots(
  a: { root: Pick<RootManifest, "buckets">; bucket: BucketLoader } | undefined,
  b: { root: Pick<RootManifest, "buckets">; bucket: BucketLoader } | undefined,
): InstanceDelta[] {
  const out: InstanceDelta[] = [];
  const ab = a?.root.buckets ?? {};
  const bb = b?.root.buckets ?? {};
  const ids = new Set([...Object.keys(ab), ...Object.keys(bb)]);
  for (const id of [...ids].sort()) {
    if (ab[id] === bb[id]) continue;
    const before = ab[id] !== undefined ? a!.bucket(id, ab[id]!) : [];
    const after = bb[id] !== undefined ? b!.bucket(id, bb[id]!) : [];
    compareBuckets(before, after, out);
  }
  out.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  return out;
}

function compareBuckets(before: readonly BucketEntry[], after: readonly BucketEntry[], out: InstanceDelta[]): void {
  const old = new Map(before.map((e) => [resourceKeyOf(e.resource), e]));
  const neu = new Map(after.map((e) => [resourceKeyOf(e.resource), e]));
  for (const key of new Set([...old.keys(), ...neu.keys()])) {
    const o = old.get(key);
    const n = neu.get(key);
    const oi = new Map(o?.instances ?? []);
    const ni = new Map(n?.instances ?? []);
    const header = (n ?? o)!.resource;
    for (const ik of new Set([...oi.keys(), ...ni.keys()])) {
      const x = oi.get(ik);
      const y = ni.get(ik);
      if (x === y) continue;
      const action = x === undefined ? "create" : y === undefined ? "delete" : "update";
      out.push({ address: instanceAddress(header, ik), action, resource: header, ...(x ? { before: x } : {}), ...(y ? { after: y } : {}) });
    }
  }
}

/** Terraform's instance address from a resource header and an instanceKeyOf() key. */
export function instanceAddress(r: ResourceHeader, instanceKey: string): string {
  const [index, deposed] = JSON.parse(instanceKey) as [InstanceKey | null, string];
  return formatInstanceRef({ ...r, ...(index !== null ? { index_key: index } : {}), ...(deposed ? { deposed } : {}) });
}
