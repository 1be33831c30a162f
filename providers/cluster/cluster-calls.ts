// Small helpers over ClusterClient shared by the resource types: "get or nothing", metadata for objects
// Cairn creates, searching by client token, and turning failures into diagnostics.
import type { ClusterClient } from "../../cluster/api/client.js";
import { isApiError } from "../../cluster/api/status.js";
import { StorageFailure } from "../../cluster/store/errors.js";
import type { KubeObject, ObjectMeta } from "../../cluster/objects/meta.js";
import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { CLIENT_TOKEN_ANNOTATION, MANAGED_BY_LABEL } from "./resource-type.js";

export async function getOrNull<T extends KubeObject>(client: ClusterClient, kind: string, name: string, namespace?: string): Promise<T | null> {
  try {
    return await client.get<T>(kind, name, namespace);
  } catch (e) {
    if (isApiError(e) && e.code === 404) return null;
    throw e;
  }
}

/** Deletes, treating "already gone" as done (a destroy after an out-of-band delete must succeed). */
export async function deleteIfPresent(client: ClusterClient, kind: string, name: string, namespace?: string): Promise<void> {
  try {
    await client.delete(kind, name, namespace);
  } catch (e) {
    if (isApiError(e) && e.code === 404) return;
    throw e;
  }
}

/** Metadata of an object Cairn creates: the managed-by label and, on create, the client token. */
export function managedMeta(name: string, namespace: string | undefined, labels: Record<string, string>, clientToken?: string): ObjectMeta {
  const meta: ObjectMeta = { name, labels: { ...labels, [MANAGED_BY_LABEL]: "cairn" } };
  if (namespace !== undefined) meta.namespace = namespace;
  if (clientToken !== undefined) meta.annotations = { [CLIENT_TOKEN_ANNOTATION]: clientToken };
  return meta;
}

/** Labels a user set: without the ones Cairn or the cluster add. */
export function userLabels(labels: Record<string, string> | undefined, alsoDrop: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (k !== MANAGED_BY_LABEL && !alsoDrop.includes(k)) out[k] = v;
  return out;
}

/** Objects of a kind (any namespace) carrying this client token. */
export async function findByToken(client: ClusterClient, kind: string, token: string): Promise<KubeObject[]> {
  const list = await client.list(kind, { labelSelector: `${MANAGED_BY_LABEL}=cairn` });
  return list.items.filter((o) => o.metadata.annotations?.[CLIENT_TOKEN_ANNOTATION] === token);
}

/** A failure talking to the cluster, as a diagnostic (a Kubernetes Status message, or the transport's). */
export function clusterErrorDiag(summary: string, e: unknown): Diagnostic {
  // The embedded core's disk is full or failing: say which file and what it was doing, not "could not talk".
  if (e instanceof StorageFailure) return errorDiag(summary, e.message);
  if (isApiError(e)) {
    const causes = e.status.details?.causes?.map((c) => `\n  ${c.field ? `${c.field}: ` : ""}${c.message}`).join("") ?? "";
    return errorDiag(summary, `The cluster answered ${e.code} ${e.reason}: ${e.message}${causes}`);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return errorDiag(summary, `Could not talk to the cluster: ${msg}`);
}
