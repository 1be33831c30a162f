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
