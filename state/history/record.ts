// One entry of the audit trail. Records are metadata only (who, when, which command, which addresses changed,
// digests) and never hold an attribute or variable value, so they stay readable when state is encrypted.
// Each record's hash covers its canonical JSON (which includes the snapshot's digest and the previous
// record's hash), chaining the trail: editing, removing or reordering a record breaks the chain.

import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "../../lang/values/json-exact.js";

export const RECORD_FORMAT = 1;

/** "version": a state write. "drift": a drift check (state unchanged). "prune": retention removed old versions. */
export type RecordEvent = "version" | "drift" | "prune";

/** Per-resource-instance actions as Terraform's JSON plan names them; drift records use update/delete. */
export type ChangeAction = "create" | "update" | "delete" | "replace" | "forget";

export interface ResourceChange {
  readonly address: string;
  readonly action: ChangeAction;
}

export interface CommandInfo {
  /** e.g. "apply", "destroy", "import", "state mv", "state rollback", "drift". */
  readonly name: string;
  /** Flag names and positional arguments; never a flag's value (see sanitizeArgs). */
  readonly args: readonly string[];
}

export interface ConfigInfo {
  /** sha256 over the sorted configuration files' names and contents (*.tf, *.tf.json). */
  readonly digest: string;
  readonly git?: { readonly commit: string; readonly dirty: boolean };
}

export interface PruneInfo {
  readonly count: number;
  readonly first_serial: number;
  readonly last_serial: number;
  /** The hash of the last record removed: the new first record's `prev`, so the chain stays verifiable. */
  readonly anchor: string;
  readonly anchor_seq: number;
}

export interface HistoryRecord {
  readonly format: number;
  /** Position in the trail, 1-based and consecutive (also across pruning). */
  readonly seq: number;
  readonly event: RecordEvent;
  /** The state serial this record describes (for drift checks: the serial checked). */
  readonly serial: number;
  readonly lineage: string;
  /** UTC, RFC 3339. */
  readonly time: string;
  readonly actor: string;
  readonly command: CommandInfo;
  readonly cairn_version: string;
  readonly config?: ConfigInfo;
  /** sha256 of the saved plan file applied, if any. */
  readonly plan_digest?: string;
  /** An apply recovered from its journal after a crash: only what completed before the crash. */
  readonly partial?: boolean;
  /** A rollback: the serial whose resources this version restored. */
  readonly rollback_of?: number;
  /**
   * A version that was written without being recorded (a crash between the state write and its record, a
   * full history disk), recorded by the next command that took the lock: the serial of the last version
   * recorded before it (0: none). The gap stays visible in the trail; the chain is whole again.
   */
  readonly recovered_after?: number;
  readonly changes: readonly ResourceChange[];
  readonly outputs_changed: readonly string[];
  /** Versions: the digest (root object address) of the stored snapshot. */
  readonly snapshot?: string;
  /** Versions: true when the snapshot's objects are encrypted (addresses salted with the history's key). */
  readonly sealed?: boolean;
  /** Versions: how many resource instances the snapshot holds. */
  readonly instances?: number;
  readonly pruned?: PruneInfo;
  /** The previous record's hash; "" for the first record ever written. */
  readonly prev: string;
  readonly hash: string;
}

export type UnsealedRecord = Omit<HistoryRecord, "hash">;

export function recordHash(r: UnsealedRecord | HistoryRecord): string {
  const { hash: _ignored, ...body } = r as HistoryRecord;
  return createHash("sha256").update(canonicalJson(body as unknown as JsonValue)).digest("hex");
}

export function sealRecord(r: UnsealedRecord): HistoryRecord {
  return { ...r, hash: recordHash(r) };
}

export function recordLine(r: HistoryRecord): string {
  return canonicalJson(r as unknown as JsonValue);
}

/** A parsed line, or why it could not be used. Only the shape needed to walk the chain is checked here. */
export function parseRecordLine(line: string): { record?: HistoryRecord; error?: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { error: "not a JSON object" };
  const r = v as Record<string, unknown>;
  const bad: string[] = [];
  if (!Number.isInteger(r.seq)) bad.push("seq");
  if (!Number.isInteger(r.serial)) bad.push("serial");
  if (typeof r.lineage !== "string") bad.push("lineage");
  if (r.event !== "version" && r.event !== "drift" && r.event !== "prune") bad.push("event");
  if (typeof r.prev !== "string") bad.push("prev");
  if (typeof r.hash !== "string") bad.push("hash");
  if (!Array.isArray(r.changes)) bad.push("changes");
  if (!Array.isArray(r.outputs_changed)) bad.push("outputs_changed");
  if (typeof r.command !== "object" || r.command === null) bad.push("command");
  if (bad.length > 0) return { error: `malformed record (bad or missing ${bad.join(", ")})` };
  return { record: v as HistoryRecord };
}
