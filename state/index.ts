// state/: the state file model (Terraform's version 4 layout), its validated parser and Terraform-identical
// writer, the StateStore interface with its local-file implementation and conformance suite (testing.ts,
// imported only by tests), locking, and the crash-safety journal (intents, results, group commit, replay,
// compaction). Imports the ground floor only (lang, addrs, config: docs/architecture.md's Layers table);
// the planner and the operations layer depend on state, never the other way round.

export * from "./model.js";
export { LosslessNumber, canonicalJson, parseJsonExact, compareGoStrings, type JsonValue } from "../lang/values/json-exact.js";
export { parseState, type ParsedState } from "./parse.js";
export { serializeState } from "./serialize.js";
export { writeFileAtomic } from "./atomic-file.js";
export type { StateStore, StateReadResult } from "./store.js";
export { LocalStateStore, DEFAULT_STATE_FILENAME, type LocalStateStoreOptions } from "./local-store.js";
export { isLockStale, pidAlive, readLockInfo, formatLockInfo, type LockInfo, type LockRequest, type LockResult, type StaleCheck } from "./lock.js";
export { formatInstanceRef, type InstanceRef } from "./instance-ref.js";
export { MutableState, type ResourceInfo } from "./mutable-state.js";
export { clientTokenOf, withClientToken } from "./private.js";
export * from "./journal-records.js";
export { replay, type PendingIntent, type ReplayResult } from "./replay.js";
export { StateJournal, type JournalOptions, type OpenedJournal } from "./journal.js";
