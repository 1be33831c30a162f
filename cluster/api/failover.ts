// Failing over between API servers that serve one cluster (several `cairn cluster serve` on one etcd). What
// decides whether a request may move to the next server, and how a write retried there after an ambiguous
// failure (the first server may have applied it before dying or answering 5xx) is recognised as already done
// instead of being done twice or reported as a conflict it did not cause.
import { isDeepStrictEqual } from "node:util";

/** Transport errors that prove the request never reached a server: retrying it elsewhere cannot repeat it. */
const NOT_SENT = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL"]);

export function neverSent(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? "";
  // A TLS failure happens before the request is written (an untrusted certificate, a handshake refused).
  return NOT_SENT.has(code) || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code);
}

/** A server-side failure another server may not share (it is down, or its etcd connection is): try the next. */
export function worthAnotherServer(code: number): boolean {
  return code >= 500;
}

// Fields the server sets or changes on its own: not part of what the client asked for.
const SERVER_OWNED_META = new Set(["resourceVersion", "generation", "managedFields", "creationTimestamp", "uid", "selfLink"]);

/**
 * Whether `stored` is what a write of `sent` produces: every field the client gave has that value (the server
 * may have added defaults). Status is the server's unless the write was to /status; annotations under
 * kubernetes.io/ belong to controllers (a Deployment's revision). Used only to recognise a retried write.
 */
export function holdsWrite(stored: unknown, sent: unknown, statusWrite: boolean): boolean {
  if (!isRecord(stored) || !isRecord(sent)) return false;
  for (const [key, value] of Object.entries(sent)) {
    if (key === "status" && !statusWrite) continue;
    if (key === "metadata" && isRecord(value)) {
      const meta = stored.metadata;
      if (!isRecord(meta)) return false;
      for (const [mk, mv] of Object.entries(value)) {
        if (SERVER_OWNED_META.has(mk)) continue;
        if (mk === "annotations" && isRecord(mv)) {
          const have = isRecord(meta.annotations) ? meta.annotations : {};
          for (const [ak, av] of Object.entries(mv)) if (!/kubernetes\.io\//.test(ak) && have[ak] !== av) return false;
          continue;
        }
        if (!contains(meta[mk], mv)) return false;
      }
      continue;
    }
    if (!contains(stored[key], value)) return false;
  }
  return true;
}

/** `have` has every field of `want` with the same value (objects: recursively; lists: same length, item by item). */
function contains(have: unknown, want: unknown): boolean {
  if (isRecord(want)) {
    if (!isRecord(have)) return false;
    return Object.entries(want).every(([k, v]) => v === undefined || contains(have[k], v));
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) return false;
    return want.every((v, i) => contains(have[i], v));
  }
  return isDeepStrictEqual(have, want);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
