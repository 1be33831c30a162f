// cluster/store: the durable, revisioned object store. Imports only cluster/objects.
export * from "./store.js";
export * from "./errors.js";
export type { ObjectStore, SyncStore, WatchClosed, WatchListener } from "./interface.js";
export type { EventType } from "./schema.js";
