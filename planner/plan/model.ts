// The plan: what `cairn plan` decided and `cairn apply` carries out (OpenTofu's plans.Plan). The actions are a
// closed set with their display symbols; reasons use Terraform's JSON names so `show -json` can print them as
// they are. Values are lang Values: unknown parts are "known after apply", sensitive parts are marked.

import type { AbsOutputValue } from "../../addrs/named-values.js";
import type { AbsProviderConfig } from "../../addrs/provider.js";
import type { AbsResourceInstance } from "../../addrs/resource.js";
import type { PathStep } from "../../lang/values/convert.js";
import type { Value } from "../../lang/values/value.js";
import type { PlanResourceChangeResponse } from "../../providers/interface.js";
import type { CheckResultState, StateFile } from "../../state/model.js";

/** `forget` is a `removed { lifecycle { destroy = false } }` block: the object leaves state, untouched. */
export type Action = "no-op" | "create" | "read" | "update" | "delete-then-create" | "create-then-delete" | "delete" | "forget";

/** How each action is drawn in a rendered plan, as Terraform draws it. */
export const actionSymbol: Readonly<Record<Action, string>> = {
  "no-op": " ",
  create: "+",
  read: "<=",
  update: "~",
  "delete-then-create": "-/+",
  "create-then-delete": "+/-",
  delete: "-",
  forget: ".",
};

/** Terraform's JSON `actions` array for each action. */
export const actionJSON: Readonly<Record<Action, readonly string[]>> = {
  "no-op": ["no-op"],
  create: ["create"],
  read: ["read"],
  update: ["update"],
  "delete-then-create": ["delete", "create"],
  "create-then-delete": ["create", "delete"],
  delete: ["delete"],
  forget: ["forget"],
};

/** Why an action was chosen, in Terraform's JSON `action_reason` spelling. */
export type ActionReason =
  | "replace_because_tainted"
  | "replace_because_cannot_update"
  | "replace_by_request"
  | "replace_by_triggers"
  | "delete_because_no_resource_config"
  | "delete_because_wrong_repetition"
  | "delete_because_count_index"
  | "delete_because_each_key"
  | "delete_because_no_module"
  | "delete_because_no_move_target"
  | "read_because_config_unknown"
  | "read_because_dependency_pending"
  | "read_because_check_nested";

export type Path = readonly PathStep[];

export interface ResourceInstanceChange {
  readonly addr: AbsResourceInstance;
  /** The address in the previous run when a `moved` block (or state mv) changed it. */
  readonly prevRunAddr?: AbsResourceInstance;
  /** Set when the change is about a deposed object (left behind by create_before_destroy). */
  readonly deposedKey?: string;
  readonly providerAddr: AbsProviderConfig;
  readonly action: Action;
  readonly actionReason?: ActionReason;
  /** The prior object (null value of the schema type when there was none). */
  readonly before: Value;
  /** The planned object (null when deleting); unknown parts are known after apply. */
  readonly after: Value;
  /** Attribute paths whose change forced replacement (`# forces replacement`). */
  readonly requiredReplace: readonly Path[];
  /** Present when the change imports an existing object (import blocks). */
  readonly importing?: { readonly id: string };
  /** Provider-private data to hand back at apply. */
  readonly privateData?: string;
  /** The provider's plan this change came from, in memory only (a saved plan file does not carry it). */
  readonly plannedWith?: PlannedWith;
}

/**
 * What the provider was asked when a change was planned, and its answer. Terraform asks again at apply with
 * the configuration known by then; an apply in the same run whose configuration, prior object and private
 * data are exactly these would ask the same question, so it applies this answer instead (one provider call
 * fewer per change: a round trip to each plugin).
 */
export interface PlannedWith {
  /** The configuration as sent (ignore_changes applied), with its sensitive marks. */
  readonly config: Value;
  /** The prior object as sent (null when planning a create or a replacement). */
  readonly prior: Value;
  readonly priorPrivate: string | undefined;
  readonly response: PlanResourceChangeResponse;
}

export interface OutputChange {
  readonly addr: AbsOutputValue;
  readonly action: Action;
  readonly before: Value;
  readonly after: Value;
  readonly sensitive: boolean;
}

export type PlanMode = "normal" | "destroy" | "refresh-only";

export interface Plan {
  readonly mode: PlanMode;
  readonly resourceChanges: readonly ResourceInstanceChange[];
  readonly outputChanges: readonly OutputChange[];
  /** Objects that changed outside Cairn since the last apply (refresh found them different). */
  readonly driftedResources: readonly ResourceInstanceChange[];
  /** The state before refresh (what the last apply left). */
  readonly prevRunState: StateFile;
  /** The state after refresh, which the plan was made against. */
  readonly priorState: StateFile;
  /** Root input variable values the plan was made with (for saved plans). */
  readonly variableValues: ReadonlyMap<string, Value>;
  readonly targetAddrs: readonly string[];
  readonly excludeAddrs: readonly string[];
  readonly forceReplaceAddrs: readonly string[];
  /** When the plan was made (plantimestamp()). */
  readonly timestamp: Date;
  /** False when the plan has errors or nothing to apply. */
  readonly applyable: boolean;
  /** False when -target/-exclude left parts of the configuration unplanned. */
  readonly complete: boolean;
  readonly errored: boolean;
  /** The checks the plan evaluated (the JSON plan's `checks`); null when there was nothing to check. */
  readonly checks: readonly CheckResultState[] | null;
}

/** `Plan: X to add, Y to change, Z to destroy.` counts, as Terraform computes them (a replace counts twice). */
export function changeCounts(changes: readonly ResourceInstanceChange[]): { add: number; change: number; destroy: number; import: number } {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imp = 0;
  for (const c of changes) {
    if (c.addr.resource.resource.mode === "data") continue;
    if (c.importing !== undefined) imp++;
    switch (c.action) {
      case "create":
        add++;
        break;
      case "update":
        change++;
        break;
      case "delete":
        destroy++;
        break;
      case "delete-then-create":
      case "create-then-delete":
        add++;
        destroy++;
        break;
      default:
        break;
    }
  }
  return { add, change, destroy, import: imp };
}
