// state/history/: versioned state history and the tamper-evident audit trail (docs/state-history.md).
// One version per state-changing command (History.recordVersion), drift checks (recordDriftCheck),
// retention (HistoryOptions.keep), snapshots (snapshotAt), diffs (diffVersions) and audits (auditHistory).
// Imports state/ and state/encryption/ only, plus the `diff` package for line diffs.

export { openHistory, History, type HistoryOptions, type VersionMeta, type RecordResult, type SnapshotHandle } from "./history.js";
export type { HistoryRecord, ResourceChange, ChangeAction, RecordEvent, CommandInfo, ConfigInfo, PruneInfo } from "./record.js";
export { historyPathsFor, UnsafeHistoryDirectory, type HistoryPaths } from "./paths.js";
export { sanitizeArgs, actorFrom, configDigest, gitInfo, configInfo, sha256Hex } from "./meta.js";
export { planFileDigest } from "./plan-digest.js";
export { recordDriftCheck, type DriftedInstance, type DriftMeta } from "./drift.js";
export { rollbackState } from "./rollback.js";
export { diffVersions, diffSides, type StateDiff, type ResourceDiff, type OutputDiff } from "./state-diff.js";
export { diffInstances, REDACTED, type AttributeChange } from "./attribute-diff.js";
export { auditHistory, type AuditResult, type AuditOptions } from "./audit.js";
export { verifyChain, verifySnapshots, label } from "./verify.js";
export type { Finding, FindingKind } from "./findings.js";
