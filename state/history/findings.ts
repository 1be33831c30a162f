// What an audit reports. Every finding names the version it concerns (by serial; records that are not
// versions are named by their position in the trail) and says what is wrong in one sentence.

export type FindingKind =
  | "damaged-record"
  | "edited-record"
  | "broken-link"
  | "missing-record"
  | "reordered-records"
  | "truncated-trail"
  | "damaged-snapshot"
  | "damaged-pack"
  | "snapshot-mismatch"
  | "state-edited"
  | "state-unrecorded"
  | "lineage"
  | "serial"
  | "plaintext-sensitive"
  | "tainted"
  | "stale-lock";

export interface Finding {
  readonly kind: FindingKind;
  /** The serial of the version concerned, when there is one. */
  readonly version?: number;
  /** The record's position in the trail (seq), when a record is concerned. */
  readonly seq?: number;
  readonly message: string;
  /** For a hand-edited state file: the resources and the attribute paths that differ. */
  readonly resources?: readonly { readonly address: string; readonly attributes: readonly string[] }[];
}
