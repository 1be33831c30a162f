// Store failures a caller can act on; the API maps each to a Kubernetes Status (404, 409, 410).

export type StoreErrorReason = "NotFound" | "AlreadyExists" | "Conflict" | "Expired";

export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
    readonly kind: string,
    readonly objectName: string,
  ) {
    super(message);
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

/**
 * The cluster database could not be read or written (disk full, I/O error, a file that cannot be opened): not
 * something a caller can retry around. The message names the file and the operation, for the diagnostic.
 */
export class StorageFailure extends Error {
  constructor(
    readonly file: string,
    readonly operation: string,
    readonly code: string,
    cause: string,
  ) {
    super(`Could not ${operation} in the cluster database ${file}: ${cause} (${code}).`);
  }
}

const STORAGE_CODES = /^(SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|PERM)|ENOSPC|EIO|EROFS|EDQUOT)/;

/** `err` as a StorageFailure when it is one (SQLite's or the OS's storage error codes); undefined otherwise. */
export function asStorageFailure(err: unknown, file: string, operation: string): StorageFailure | undefined {
  if (err instanceof StorageFailure) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !STORAGE_CODES.test(code)) return undefined;
  return new StorageFailure(file, operation, code, err instanceof Error ? err.message : String(err));
}

/** Another connection holds the database's write lock: try again later. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code === "SQLITE_BUSY_SNAPSHOT";
}

/**
 * The replicated store did not answer in time or refused the request (no leader: quorum lost, every endpoint
 * down, a request too large). The API answers 503 with this message; a write that timed out may still have been
 * applied whole (an etcd transaction is atomic), never in part.
 */
export class StoreUnavailable extends Error {
  constructor(
    readonly operation: string,
    cause: string,
  ) {
    super(`The cluster store (etcd) could not ${operation}: ${cause}`);
  }
}

/** A leader's election key and the revision it was created at: writes fenced by it apply only while it holds. */
export interface Fence {
  key: Buffer;
  revision: string;
}

/** A fenced write was refused: this replica's lease was lost (another replica may be leading now). */
export class LeadershipLost extends Error {
  /** `lease`: which lease is gone, for the message. */
  constructor(lease: string) {
    super(`not the leader any more (${lease} is gone): the write was not made`);
  }
}

/** The SQLite store's fence: the controller lease's name and the holder it must still name when a write commits. */
export interface LeaseFence {
  readonly name: string;
  readonly holder: string;
}
