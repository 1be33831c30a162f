// Differences between two snapshots (two versions, or a version and the state file): per resource instance,
// per attribute, with sensitive attributes and sensitive outputs redacted. Only the buckets and instances
// whose digests differ are opened.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { canonicalJson, parseJsonExact, type JsonValue } from "../../lang/values/json-exact.js";
import type { InstanceState, OutputState } from "../model.js";
import { diffInstances, REDACTED, type AttributeChange } from "./attribute-diff.js";
import { compareSnapshots, type BucketLoader } from "./compare.js";
import type { History, SnapshotHandle } from "./history.js";
import { objectText, SnapshotReadError, type BuiltSnapshot, type RootManifest } from "./snapshot.js";
import { snapshotDiag } from "./history.js";

export interface ResourceDiff {
  readonly address: string;
  readonly action: "create" | "update" | "delete";
  readonly attributes: readonly AttributeChange[];
}

export interface OutputDiff {
  readonly name: string;
  readonly action: "add" | "remove" | "change";
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly sensitive?: boolean;
}

export interface StateDiff {
  readonly from?: number;
  readonly to: number;
  readonly resources: readonly ResourceDiff[];
  readonly outputs: readonly OutputDiff[];
}

/** One side of a comparison: a manifest and a way to read its objects' texts. */
export interface DiffSide {
  readonly root: Pick<RootManifest, "buckets" | "outputs">;
  readonly bucket: BucketLoader;
  text(addr: string): string;
}

export function sideOfHandle(h: SnapshotHandle): DiffSide {
  return { root: h.root, bucket: h.bucket, text: (a) => objectText(h.store, a, "snapshot object") };
}

export function sideOfBuilt(b: BuiltSnapshot): DiffSide {
  return { root: b.root, bucket: (id) => b.bucketEntries.get(id) ?? [], text: (a) => b.objects.get(a)! };
}

export function diffSides(a: DiffSide | undefined, b: DiffSide): { resources: ResourceDiff[]; outputs: OutputDiff[] } {
  const deltas = compareSnapshots(a, b);
  const resources = deltas.map((d) => ({
    address: d.address,
    action: d.action,
    attributes: diffInstances(d.before ? (json(a!.text(d.before)) as unknown as InstanceState) : undefined, d.after ? (json(b.text(d.after)) as unknown as InstanceState) : undefined),
  }));
  const outputs = a?.root.outputs === b.root.outputs ? [] : diffOutputs(a ? outputsOf(a) : {}, outputsOf(b));
  return { resources, outputs };
}

/** `cairn state diff A B`: from version `from` (undefined: the empty state) to version `to`. */
export function diffVersions(history: History, from: number | undefined, to: number): { diff?: StateDiff; diags: Diagnostic[] } {
  const sides: (DiffSide | undefined)[] = [];
  for (const serial of [from, to]) {
    if (serial === undefined) {
      sides.push(undefined);
      continue;
    }
    const record = history.findVersion(serial);
    if (!record) return { diags: [history.snapshotAt(serial).diags[0]!] };
    const h = history.handle(record);
    if (!h.handle) return { diags: h.diags };
    sides.push(sideOfHandle(h.handle));
  }
  try {
    const { resources, outputs } = diffSides(sides[0], sides[1]!);
    return { diff: { ...(from !== undefined ? { from } : {}), to, resources, outputs }, diags: [] };
  } catch (err) {
    if (!(err instanceof SnapshotReadError)) throw err;
    return { diags: [snapshotDiag(history.findVersion(to)!, err)] };
  }
}

function outputsOf(side: DiffSide): { [name: string]: OutputState } {
  return json(side.text(side.root.outputs)) as unknown as { [name: string]: OutputState };
}

function diffOutputs(before: { [n: string]: OutputState }, after: { [n: string]: OutputState }): OutputDiff[] {
  const out: OutputDiff[] = [];
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[name];
    const b = after[name];
    if (a && b && canonicalJson(a as unknown as JsonValue) === canonicalJson(b as unknown as JsonValue)) continue;
    const sensitive = a?.sensitive === true || b?.sensitive === true;
    const show = (o: OutputState | undefined) => (o === undefined ? {} : { [o === a ? "before" : "after"]: sensitive ? REDACTED : o.value });
    out.push({ name, action: a === undefined ? "add" : b === undefined ? "remove" : "change", ...show(a), ...show(b), ...(sensitive ? { sensitive: true } : {}) });
  }
  return out;
}

function json(text: string): JsonValue {
  const r = parseJsonExact(text);
  if (!r.ok) throw new SnapshotReadError("", r.message, "snapshot object");
  return r.value;
}
