// The etcd layout, as Kubernetes': one key per object under a prefix (`<prefix><kind>/<namespace>/<name>`),
// the value the object's JSON without its resourceVersion (that is the key's mod revision, set on read).
import type { KubeObject } from "../objects/meta.js";

export const DEFAULT_PREFIX = "/cairn/registry/";

/** The end of the key range holding every key that starts with `prefix` (etcd's range_end). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]! += 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** The stored value: the object without the resourceVersion etcd keeps as the key's mod revision. */
export function encodeValue(obj: KubeObject): Buffer {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return Buffer.from(JSON.stringify({ ...obj, metadata }));
}

/** The object read back at `revision` (its JSON text with the resourceVersion in it is made when needed). */
export function decodeValue(value: Buffer, revision: number): KubeObject {
  const obj = JSON.parse(value.toString("utf8")) as KubeObject;
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

/** "kind/namespace/name" split into its parts. */
export function splitObjectKey(key: string): [string, string, string] {
  const a = key.indexOf("/");
  const b = key.indexOf("/", a + 1);
  return [key.slice(0, a), key.slice(a + 1, b), key.slice(b + 1)];
}
