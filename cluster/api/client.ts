// ClusterClient: what the provider and the CLI use to talk to a cluster core, in-process or over HTTP.
// Both implementations throw ApiError (a Kubernetes Status) for every failure the server reports.
import type { KubeObject } from "../objects/meta.js";
import type { ApiWatchEvent, ObjectList } from "./registry.js";

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  /** e.g. `spec.nodeName=n1` or `metadata.name=web` (equality and inequality, the fields Kubernetes supports). */
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** Stream changes after this revision; omitted: current objects first (as ADDED), then changes. */
  resourceVersion?: string;
}

export interface WatchHandle {
  stop(): void;
  /** Resolves when the watch ends (stopped, or the connection closed). */
  done: Promise<void>;
}

export interface ClusterClient {
  get<T extends KubeObject = KubeObject>(kind: string, name: string, namespace?: string): Promise<T>;
  list(kind: string, options?: ListOptions): Promise<ObjectList>;
  create<T extends KubeObject>(object: T): Promise<T>;
  /** Replaces the object; a set metadata.resourceVersion is a precondition (409 when stale). */
  update<T extends KubeObject>(object: T): Promise<T>;
  /** Writes only `status` (the /status subresource). */
  updateStatus<T extends KubeObject>(object: T): Promise<T>;
  /** JSON merge patch (application/merge-patch+json). */
  patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: object, namespace?: string): Promise<T>;
  delete(kind: string, name: string, namespace?: string, options?: { resourceVersion?: string }): Promise<KubeObject>;
  watch(kind: string, options: WatchOptions, onEvent: (e: ApiWatchEvent) => void): Promise<WatchHandle>;
  close(): Promise<void>;
}
