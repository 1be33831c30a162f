// `cairn state audit`: the trail's chain and snapshots (verify.ts), then the state file against the last
// recorded version (a hand edit is reported with the resources and attributes that differ), lineage and
// serial consistency, sensitive values stored in plaintext, tainted resources and a stale lock.

import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { decryptStateFile } from "../encryption/files.js";
import { isLockStale, type LockInfo, type StaleCheck } from "../lock.js";
import type { StateFile } from "../model.js";
import { formatInstanceRef } from "../instance-ref.js";
import { parseState } from "../parse.js";
import type { Finding } from "./findings.js";
import type { History } from "./history.js";
import type { HistoryRecord } from "./record.js";
import { diffSides, sideOfBuilt, sideOfHandle } from "./state-diff.js";
import { cap, label, verifyChain, verifySnapshots } from "./verify.js";
import { SnapshotReadError } from "./snapshot.js";

export interface AuditResult {
  readonly findings: Finding[];
  /** The past, not a finding: versions that were recorded after the fact (a crash or a full disk had left
   * them unrecorded), one sentence each. They do not change the exit code. */
  readonly recovered: string[];
  /** Errors that stopped part of the audit (a missing key, an unreadable state file): exit 1. */
  readonly diags: Diagnostic[];
  readonly versions: number;
}

export interface AuditOptions {
  readonly stale?: StaleCheck;
}

export function auditHistory(history: History, opts: AuditOptions = {}): AuditResult {
  const findings: Finding[] = verifyChain(history);
  const diags: Diagnostic[] = [];
  const plaintextSensitive = new Set<number>();
  const snap = verifySnapshots(history, (r) => plaintextSensitive.add(r.serial));
  findings.push(...snap.findings);
  diags.push(...snap.diags);
  const versions = history.versions();
  findings.push(...checkLineage(versions));

  const loaded = loadStateFile(history);
  diags.push(...loaded.diags);
  const state = loaded.state;
  const last = versions[versions.length - 1];
  if (state !== undefined) {
    if (last === undefined) {
      findings.push({ kind: "state-unrecorded", version: state.serial, message: `Version ${state.serial}: the state file has no recorded history (it was written by a command that does not record versions, or the history was removed).` });
    } else {
      findings.push(...compareWithLast(history, state, last, diags));
    }
    findings.push(...sensitiveInPlaintext(state, loaded.encrypted));
    for (const r of state.resources) {
      for (const i of r.instances) {
        if (i.status === "tainted") findings.push({ kind: "tainted", version: state.serial, message: `Version ${state.serial}: ${formatInstanceRef({ ...r, index_key: i.index_key, deposed: i.deposed })} is tainted and will be replaced by the next apply.` });
      }
    }
  }
  if (plaintextSensitive.size > 0) {
    const serials = [...plaintextSensitive].sort((a, b) => a - b);
    findings.push({ kind: "plaintext-sensitive", version: serials[0], message: `Version${serials.length > 1 ? "s" : ""} ${summarizeSerials(serials)}: history snapshots hold sensitive attributes in plaintext (configure state encryption).` });
  }
  findings.push(...staleLock(history, state?.serial ?? last?.serial, opts.stale));
  const recovered = versions
    .filter((r) => r.recovered_after !== undefined)
    .map((r) => `Version ${r.serial}: written without being recorded${r.recovered_after! > 0 ? ` after version ${r.recovered_after}` : ""}, and recorded as recovered by "${r.command.name}" at ${r.time}.`);
  return { findings, diags, versions: versions.length, recovered };
}

function checkLineage(versions: readonly HistoryRecord[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1]!;
    const b = versions[i]!;
    if (a.lineage !== b.lineage) out.push({ kind: "lineage", version: b.serial, seq: b.seq, message: `Version ${b.serial}: the lineage changed from ${a.lineage} to ${b.lineage} (an unrelated state replaced this one).` });
    else if (b.serial <= a.serial && b.rollback_of === undefined) out.push({ kind: "serial", version: b.serial, seq: b.seq, message: `Version ${b.serial}: the serial did not increase after version ${a.serial}.` });
  }
  return out;
}

function compareWithLast(history: History, state: StateFile, last: HistoryRecord, diags: Diagnostic[]): Finding[] {
  const out: Finding[] = [];
  if (state.lineage !== last.lineage) {
    return [{ kind: "lineage", version: last.serial, message: `Version ${last.serial}: the state file's lineage ${state.lineage} differs from the history's ${last.lineage}.` }];
  }
  const h = history.handle(last);
  if (!h.handle) {
    // A damaged last snapshot is already a finding of verifySnapshots; a missing key is an error.
    if (h.diags.some((d) => d.summary.includes("key"))) diags.push(...h.diags);
    return out;
  }
  const built = history.buildFor(state, !!last.sealed);
  if (!built.built) {
    diags.push(...built.diags);
    return out;
  }
  let d;
  try {
    d = diffSides(sideOfHandle(h.handle), sideOfBuilt(built.built));
  } catch (err) {
    if (err instanceof SnapshotReadError) return out; // reported by verifySnapshots
    throw err;
  }
  const resources = d.resources.map((r) => ({ address: r.address, attributes: r.action === "update" ? r.attributes.map((a) => a.path) : [`(${r.action === "create" ? "added" : "removed"} by hand)`] }));
  const parts: string[] = [];
  if (state.serial !== last.serial) parts.push(`serial ${last.serial} → ${state.serial}`);
  if (state.terraform_version !== h.handle.root.terraform_version) parts.push("terraform_version");
  for (const r of resources) parts.push(`${r.address} (${r.attributes.join(", ")})`);
  for (const o of d.outputs) parts.push(`output ${o.name}`);
  if (parts.length === 0) return out;
  out.push({
    kind: "state-edited",
    version: last.serial,
    message: `Version ${last.serial}: the state file differs from the last recorded version (edited by hand, or written without recording): ${parts.join("; ")}.`,
    resources,
  });
  return out;
}

function sensitiveInPlaintext(state: StateFile, encrypted: boolean): Finding[] {
  if (encrypted) return [];
  const where: string[] = [];
  for (const r of state.resources) {
    for (const i of r.instances) if (i.sensitive_attributes.length > 0) where.push(formatInstanceRef({ ...r, index_key: i.index_key, deposed: i.deposed }));
  }
  for (const [name, o] of Object.entries(state.outputs)) if (o.sensitive) where.push(`output.${name}`);
  if (where.length === 0) return [];
  const shown = where.slice(0, 10).join(", ") + (where.length > 10 ? `, and ${where.length - 10} more` : "");
  return [{ kind: "plaintext-sensitive", version: state.serial, message: `Version ${state.serial}: the state file holds sensitive values in plaintext (${shown}); configure state encryption.` }];
}

function staleLock(history: History, serial: number | undefined, check: StaleCheck | undefined): Finding[] {
  const lockPath = join(dirname(history.statePath), `.${basename(history.statePath)}.lock.info`);
  // The store's readLockInfo is async; the audit reads the same file synchronously.
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return [];
  }
  if (typeof info?.ID !== "string" || typeof info.Who !== "string" || !isLockStale(info, check)) return [];
  return [
    {
      kind: "stale-lock",
      ...(serial !== undefined ? { version: serial } : {}),
      message: `${serial !== undefined ? `Version ${serial}: t` : "T"}he state lock info was left by a process that is dead (lock ${info.ID}, ${info.Who}, pid ${info.Pid}, since ${info.Created}); its lock died with it, and the next command that locks the state takes it over (no force-unlock needed).`,
    },
  ];
}

function loadStateFile(history: History): { state?: StateFile; encrypted: boolean; diags: Diagnostic[] } {
  let raw: Buffer;
  try {
    raw = readFileSync(history.statePath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { encrypted: false, diags: [] };
    return { encrypted: false, diags: [{ severity: "error", summary: "Failed to load state", detail: `Error reading ${history.statePath}: ${(err as Error).message}` }] };
  }
  const opened = decryptStateFile(raw, history.options.keyring);
  if (!opened.ok) return { encrypted: true, diags: opened.diags };
  const parsed = parseState(opened.data.toString("utf8"), basename(history.statePath));
  return { state: parsed.state, encrypted: opened.wasEncrypted, diags: parsed.diags };
}

function summarizeSerials(s: readonly number[]): string {
  if (s.length <= 5) return s.join(", ");
  return `${s.slice(0, 5).join(", ")} and ${s.length - 5} more`;
}

export { cap, label };
