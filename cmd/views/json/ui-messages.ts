// Terraform's machine-readable UI messages (internal/command/views/json, documented under "Machine-readable
// UI"): the parts of each message that are not the common envelope. Shapes and wording as Terraform's:
// resource objects {addr, module, resource, implied_provider, resource_type, resource_name, resource_key},
// change objects {resource, previous_resource?, action, reason?}, hook objects {resource, action, id_key?,
// id_value?, elapsed_seconds?}, and the change summary {add, change, import, remove, operation}.

import type { AbsResourceInstance } from "../../../addrs/resource.js";
import type { ActionReason, ResourceInstanceChange } from "../../../planner/plan/model.js";
import { impliedProviderLocalName } from "../../../config/decode-resource.js";
import { jsonNumber, jsonString, raw, struct, type JsonText } from "../state/go-json.js";
import { instanceKeyJson } from "./resource-change.js";

/** views/json ChangeAction. */
export type UiChangeAction = "noop" | "move" | "create" | "read" | "update" | "replace" | "delete" | "import" | "remove";
/** The operation a hook reports. */
export type UiHookAction = "create" | "update" | "delete" | "read" | "noop";

export function resourceAddrJson(addr: AbsResourceInstance): JsonText {
  const res = addr.resource.resource;
  return struct([
    ["addr", jsonString(addr.toString())],
    ["module", jsonString(addr.module.toString())],
    ["resource", jsonString(addr.resource.toString())],
    ["implied_provider", jsonString(impliedProviderLocalName(res.type))],
    ["resource_type", jsonString(res.type)],
    ["resource_name", jsonString(res.name)],
    ["resource_key", instanceKeyJson(addr.resource.instanceKey) ?? raw("null")],
  ]);
}

export function uiAction(rc: ResourceInstanceChange): UiChangeAction {
  switch (rc.action) {
    case "no-op":
      if (rc.importing !== undefined) return "import";
      return rc.prevRunAddr !== undefined && !rc.prevRunAddr.equals(rc.addr) ? "move" : "noop";
    case "delete-then-create":
    case "create-then-delete":
      return "replace";
    case "forget":
      // Terraform's JSON UI calls a forgotten object's change "remove".
      return "remove";
    default:
      return rc.action;
  }
}

/** views/json ChangeReason: Terraform shortens the replace reasons and keeps the others as the plan spells them. */
export function uiReason(r: ActionReason | undefined): string | undefined {
  switch (r) {
    case undefined:
      return undefined;
    case "replace_because_tainted":
      return "tainted";
    case "replace_by_request":
      return "requested";
    case "replace_by_triggers":
      return "replace_triggered_by";
    case "replace_because_cannot_update":
      return "cannot_update";
    default:
      return r;
  }
}

export function changeJson(rc: ResourceInstanceChange): JsonText {
  const prev = rc.prevRunAddr;
  const reason = uiReason(rc.actionReason);
  return struct([
    ["resource", resourceAddrJson(rc.addr)],
    ["previous_resource", prev !== undefined && !prev.equals(rc.addr) ? resourceAddrJson(prev) : undefined],
    ["action", jsonString(uiAction(rc))],
    ["reason", reason !== undefined ? jsonString(reason) : undefined],
    ["importing", rc.importing !== undefined ? struct([["id", jsonString(rc.importing.id)]]) : undefined],
  ]);
}

export function hookJson(addr: AbsResourceInstance, action: UiHookAction | undefined, extra: { idKey?: string; idValue?: string; elapsedSeconds?: number }): JsonText {
  return struct([
    ["resource", resourceAddrJson(addr)],
    ["action", action !== undefined ? jsonString(action) : undefined],
    ["id_key", extra.idKey !== undefined ? jsonString(extra.idKey) : undefined],
    ["id_value", extra.idValue !== undefined ? jsonString(extra.idValue) : undefined],
    ["elapsed_seconds", extra.elapsedSeconds !== undefined ? jsonNumber(extra.elapsedSeconds) : undefined],
  ]);
}

export type Operation = "plan" | "apply" | "destroy";

export interface ChangeSummary {
  readonly add: number;
  readonly change: number;
  readonly import: number;
  readonly remove: number;
  readonly operation: Operation;
}

export function changeSummaryJson(s: ChangeSummary): JsonText {
  return struct([
    ["add", jsonNumber(s.add)],
    ["change", jsonNumber(s.change)],
    ["import", jsonNumber(s.import)],
    ["remove", jsonNumber(s.remove)],
    ["operation", jsonString(s.operation)],
  ]);
}

/** The summary sentence Terraform prints for each operation. */
export function changeSummaryMessage(s: ChangeSummary): string {
  const imp = s.import > 0;
  switch (s.operation) {
    case "plan":
      return imp
        ? `Plan: ${s.import} to import, ${s.add} to add, ${s.change} to change, ${s.remove} to destroy.`
        : `Plan: ${s.add} to add, ${s.change} to change, ${s.remove} to destroy.`;
    case "apply":
      return imp
        ? `Apply complete! Resources: ${s.import} imported, ${s.add} added, ${s.change} changed, ${s.remove} destroyed.`
        : `Apply complete! Resources: ${s.add} added, ${s.change} changed, ${s.remove} destroyed.`;
    case "destroy":
      return `Destroy complete! Resources: ${s.remove} destroyed.`;
  }
}

// A read is a "refresh" in Terraform's JSON messages (the human UI says "Reading..." / "Read complete").
const progressing: Record<UiHookAction, string> = { create: "Creating...", update: "Modifying...", delete: "Destroying...", read: "Refreshing...", noop: "Applying..." };
const still: Record<UiHookAction, string> = { create: "Still creating...", update: "Still modifying...", delete: "Still destroying...", read: "Still refreshing...", noop: "Still applying..." };
const done: Record<UiHookAction, string> = { create: "Creation complete", update: "Modifications complete", delete: "Destruction complete", read: "Refresh complete", noop: "Apply complete" };
const failed: Record<UiHookAction, string> = { create: "Creation errored", update: "Modifications errored", delete: "Destruction errored", read: "Refresh errored", noop: "Apply errored" };

export const hookMessages = {
  start: (addr: string, a: UiHookAction, id?: string): string => `${addr}: ${progressing[a]}${id !== undefined ? ` [id=${id}]` : ""}`,
  progress: (addr: string, a: UiHookAction, secs: number): string => `${addr}: ${still[a]} [${secs}s elapsed]`,
  complete: (addr: string, a: UiHookAction, secs: number, id?: string): string => `${addr}: ${done[a]} after ${secs}s${id !== undefined ? ` [id=${id}]` : ""}`,
  errored: (addr: string, a: UiHookAction, secs: number): string => `${addr}: ${failed[a]} after ${secs}s`,
};
