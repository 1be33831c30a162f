// The narrow state-store interface every backend implements (OpenTofu statemgr style): read a copy, replace
// the in-memory state, persist it, lock and unlock. Everything a user can cause is a Diagnostic.
// The conformance suite in testing.ts pins the behaviour; run it for every implementation.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { Keyring } from "./encryption/keyring.js";
import type { LockRequest, LockResult } from "./lock.js";
import type { StateFile } from "./model.js";

export interface StateReadResult {
  /** A deep copy of the current state; undefined when no state exists yet (or it failed to load). */
  readonly state?: StateFile;
  readonly diags: Diagnostic[];
}

export interface StateStore {
  /**
   * The state as this store currently has it: the last state given to write(), else the persisted one
   * (loaded from the backing storage on each call until something is written). Always a copy.
   */
  read(): Promise<StateReadResult>;
  /** Replaces the in-memory state with a copy of `state`; nothing is stored until persist(). */
  write(state: StateFile): void;
  /**
   * Optional: write() without the copy, for a caller that hands over a state it will never change (the
   * journal's compaction, so a large state is not held twice). The store may set `state.serial` on persist().
   */
  writeShared?(state: StateFile): void;
  /**
   * Stores the written state durably. The serial goes up by one when the content changed since the last
   * persisted version (a state whose serial is already higher, as from `state push`, keeps its serial).
   * Refuses to overwrite a backing state that failed to load.
   */
  persist(): Promise<Diagnostic[]>;
  /** Takes the lock ("Error acquiring the state lock" when someone else holds it after the timeout). */
  lock(request: LockRequest): Promise<LockResult>;
  /** Releases a lock taken with `lock`; refuses an ID that is not the holder's. */
  unlock(id: string): Promise<Diagnostic[]>;
  /**
   * Encryption at rest: the keyring this store seals the state with. Files kept beside the state that hold
   * its values (the apply journal) must be sealed with it too. Undefined: plaintext.
   */
  readonly keyring?: Keyring;
}
