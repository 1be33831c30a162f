// The embedded ClusterClient: calls the registry directly (no HTTP), then lets the core's controllers react.
import type { KubeObject } from "../objects/meta.js";
import type { ClusterClient, ListOptions, WatchHandle, WatchOptions } from "./client.js";
import type { ApiWatchEvent, ObjectList, Registry } from "./registry.js";

/** Copies across the boundary so a caller can never alias the store's objects. */
function copy<T>(v: T): T {
  return structuredClone(v);
}

export class InProcessClient implements ClusterClient {
  constructor(
    private readonly registry: Registry,
    private readonly onClose?: () => Promise<void>,
  ) {}

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, namespace?: string): Promise<T> {
    return this.registry.get(kind, namespace, name) as T;
  }

  async list(kind: string, options: ListOptions = {}): Promise<ObjectList> {
    return this.registry.list(kind, options.namespace, options.labelSelector, options.fieldSelector);
  }

  async create<T extends KubeObject>(object: T): Promise<T> {
    return copy(this.registry.create(object.kind, object.metadata?.namespace, object) as T);
  }

  async update<T extends KubeObject>(object: T): Promise<T> {
    return copy(this.registry.update(object.kind, object.metadata?.namespace, object.metadata.name, object) as T);
  }

  async updateStatus<T extends KubeObject>(object: T): Promise<T> {
    return copy(this.registry.update(object.kind, object.metadata?.namespace, object.metadata.name, object, { subresource: "status" }) as T);
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: object, namespace?: string): Promise<T> {
    return copy(this.registry.patch(kind, namespace, name, patch) as T);
  }

  async delete(kind: string, name: string, namespace?: string, options: { resourceVersion?: string } = {}): Promise<KubeObject> {
    return copy(this.registry.delete(kind, namespace, name, options.resourceVersion));
  }

  async watch(kind: string, options: WatchOptions, onEvent: (e: ApiWatchEvent) => void): Promise<WatchHandle> {
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    // Events are delivered asynchronously, as over HTTP, so a handler never runs inside a store commit.
    const stopWatch = this.registry.watch(kind, options.namespace, options.labelSelector, options.resourceVersion, (e) => {
      const ev = copy(e);
      queueMicrotask(() => onEvent(ev));
    }, options.fieldSelector);
    return {
      stop: () => {
        stopWatch();
        resolveDone();
      },
      done,
    };
  }

  async close(): Promise<void> {
    await this.onClose?.();
  }
}
