// The journal's records, one JSON object per line:
//   header   the state this journal extends (lineage and serial of the state file it was started from)
//   intent   written and flushed BEFORE a create is sent to a provider: address, client token, action
//   result   written when an operation completed: the object now at the address, or null when it is gone
//   output   an output value set (or removed with null)
//   abandon  a pending intent resolved with nothing to adopt (the provider found no object with the token)
//   checks   the run's check results, replacing the state's (written once, when the walk has finished)
// Reading tolerates a torn last line (a crash in the middle of an append); a bad line anywhere else means
// the file was damaged and is an error.
// Result and output records hold attribute and output values, so when the state is encrypted every line is
// sealed on its own (an encryption envelope with purpose "journal", state/encryption): the journal stays
// append-only and line-oriented, and a torn last line is still just a line that does not parse.

import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../lang/diagnostics.js";
import { decrypt, encrypt, isEncrypted } from "./encryption/envelope.js";
import type { Keyring } from "./encryption/keyring.js";
import { canonicalJson, LosslessNumber, parseJsonExact, type JsonValue } from "../lang/values/json-exact.js";
import type { InstanceRef } from "./instance-ref.js";
import type { CheckResultState, InstanceState, OutputState } from "./model.js";

export const JOURNAL_FORMAT = 1;

export interface HeaderRecord {
  readonly kind: "header";
  readonly format: number;
  readonly lineage: string;
  readonly serial: number;
}

export type IntentAction = "create" | "update" | "delete" | "read";

export interface IntentRecord {
  readonly kind: "intent";
  readonly ref: InstanceRef;
  readonly token: string;
  readonly action: IntentAction;
  readonly provider: string;
}

export interface ResultRecord {
  readonly kind: "result";
  readonly ref: InstanceRef;
  readonly provider: string;
  readonly each?: "list" | "map";
  /** The object now at `ref`; null when it was deleted. */
  readonly instance: InstanceState | null;
}

export interface OutputRecord {
  readonly kind: "output";
  readonly name: string;
  readonly output: OutputState | null;
}

export interface AbandonRecord {
  readonly kind: "abandon";
  readonly token: string;
}

export interface ChecksRecord {
  readonly kind: "checks";
  readonly results: CheckResultState[] | null;
}

export type JournalRecord = HeaderRecord | IntentRecord | ResultRecord | OutputRecord | AbandonRecord | ChecksRecord;

export function encodeRecord(r: JournalRecord): string {
  return canonicalJson(r as unknown as JsonValue) + "\n";
}

/** One journal line: the record, sealed with the keyring's primary passphrase when one is given. */
export function encodeRecordLine(r: JournalRecord, keyring: Keyring | undefined): string {
  if (keyring === undefined) return encodeRecord(r);
  return encrypt(canonicalJson(r as unknown as JsonValue), keyring, "journal") + "\n";
}

export interface JournalContents {
  readonly records: JournalRecord[];
  /** True when the last line was incomplete and was ignored. */
  readonly tornTail: boolean;
  readonly diags: Diagnostic[];
}

/** Reads a journal; a missing file reads as no records. */
export async function readJournalFile(path: string, keyring?: Keyring): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { records: [], tornTail: false, diags: [] };
    return { records: [], tornTail: false, diags: [journalError(path, (err as Error).message)] };
  }
  return parseJournal(text, path, keyring);
}

export function parseJournal(text: string, path: string, keyring?: Keyring): JournalContents {
  const records: JournalRecord[] = [];
  const lines = text.split("\n");
  // Every complete record ends with "\n", so the last piece is "" unless the final append was torn.
  const torn = lines.pop() !== "";
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k]!;
    if (isEncrypted(line)) {
      const opened = decrypt(line, keyring, "journal", `Line ${k + 1} of the state journal ${path}`);
      if (!opened.ok) {
        return { records, tornTail: torn, diags: [{ severity: "error", summary: "Failed to load state journal", detail: `${opened.diag.summary}. ${opened.diag.detail ?? ""}` }] };
      }
      line = opened.data.toString("utf8");
    }
    const r = decodeRecord(line);
    if (typeof r === "string") {
      return { records, tornTail: torn, diags: [journalError(path, `line ${k + 1} is damaged (${r}); the journal cannot be replayed safely.`)] };
    }
    records.push(r);
  }
  if (records.length > 0 && records[0].kind !== "header") {
    return { records: [], tornTail: torn, diags: [journalError(path, "it does not start with a header record.")] };
  }
  return { records, tornTail: torn, diags: [] };
}

/** The fields of each record kind: required, then optional. A line with any other key (a garbled one, say
 * "provdier") is damaged, not a record missing a field that happens to be optional. */
const FIELDS: Readonly<Record<JournalRecord["kind"], readonly [readonly string[], readonly string[]]>> = {
  header: [["kind", "format", "lineage", "serial"], []],
  intent: [["kind", "ref", "token", "action", "provider"], []],
  result: [["kind", "ref", "provider", "instance"], ["each"]],
  output: [["kind", "name", "output"], []],
  abandon: [["kind", "token"], []],
  checks: [["kind", "results"], []],
};

const ACTIONS: readonly string[] = ["create", "update", "delete", "read"];

function decodeRecord(line: string): JournalRecord | string {
  const parsed = parseJsonExact(line);
  if (!parsed.ok) return parsed.message;
  const v = parsed.value as { [k: string]: JsonValue } | null;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return "not an object";
  const kind = v.kind;
  if (typeof kind !== "string" || !Object.hasOwn(FIELDS, kind)) return `unknown record kind ${JSON.stringify(kind)}`;
  const [required, optional] = FIELDS[kind as JournalRecord["kind"]];
  const unknown = Object.keys(v).filter((k) => !required.includes(k) && !optional.includes(k));
  if (unknown.length > 0) return `unexpected field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")} in the ${kind} record`;
  const missing = required.filter((k) => !(k in v));
  if (missing.length > 0) return `${kind} record without ${missing.map((k) => JSON.stringify(k)).join(", ")}`;
  switch (kind) {
    case "header":
      return typeof v.lineage === "string" && isInteger(v.serial) && isInteger(v.format) ? (v as unknown as HeaderRecord) : "bad header";
    case "intent":
      return isRef(v.ref) && typeof v.token === "string" && typeof v.action === "string" && ACTIONS.includes(v.action) && typeof v.provider === "string" ? (v as unknown as IntentRecord) : "bad intent";
    case "result":
      return isRef(v.ref) && typeof v.provider === "string" && (v.instance === null || isObject(v.instance)) && (v.each === undefined || v.each === "list" || v.each === "map") ? (v as unknown as ResultRecord) : "bad result";
    case "output":
      return typeof v.name === "string" && (v.output === null || isObject(v.output)) ? (v as unknown as OutputRecord) : "bad output";
    case "checks":
      return v.results === null || (Array.isArray(v.results) && v.results.every(isObject)) ? (v as unknown as ChecksRecord) : "bad checks";
    default:
      return typeof v.token === "string" ? (v as unknown as AbandonRecord) : "bad abandon";
  }
}

function isInteger(v: JsonValue | undefined): boolean {
  return (typeof v === "number" && Number.isInteger(v)) || (v instanceof LosslessNumber && /^\d+$/.test(v.text));
}

function isObject(v: JsonValue | undefined): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof LosslessNumber);
}

function isRef(v: JsonValue | undefined): boolean {
  if (!isObject(v)) return false;
  const r = v as { [k: string]: JsonValue };
  return (r.mode === "managed" || r.mode === "data") && typeof r.type === "string" && typeof r.name === "string";
}

function journalError(path: string, what: string): Diagnostic {
  return {
    severity: "error",
    summary: "Failed to load state journal",
    detail: `Error reading ${path}: ${what} Cairn has left it and the state file untouched; move the journal aside to continue without it (objects created by the interrupted run may then need importing).`,
  };
}
