// The `# address will be ...` lines above each resource in a plan, its `resource "type" "name"` header and
// the legend of action symbols, worded as Terraform words them.

import type { InstanceKey } from "../../../addrs/instance-key.js";
import type { Action, ResourceInstanceChange } from "../../../planner/plan/model.js";
import type { Colorize } from "./color.js";

/** Why a change is shown: a proposed change, or drift found by refresh. */
export type ChangeCause = "change" | "drift";

export function resourceChangeComment(rc: ResourceInstanceChange, cause: ChangeCause, c: Colorize): string {
  // Built as one template (user text as arguments) and coloured once, as Terraform colours the whole comment.
  let tpl = "";
  const args: string[] = [];
  const add = (template: string, ...values: string[]): void => {
    tpl += template;
    args.push(...values);
  };
  const addr = rc.addr.toString();
  const deposed = rc.deposedKey !== undefined && rc.deposedKey !== "";
  const dispAddr = deposed ? `${addr} (deposed object ${rc.deposedKey})` : addr;
  const prev = rc.prevRunAddr?.toString() ?? "";
  const moved = prev !== "" && prev !== addr;
  let printedMoved = false;
  let printedImported = false;
  switch (rc.action) {
    case "create":
      add("[bold]  # %s[reset] will be created", dispAddr);
      break;
    case "read":
      add("[bold]  # %s[reset] will be read during apply", dispAddr);
      if (rc.actionReason === "read_because_config_unknown") add("\n  # (config refers to values not yet known)");
      else if (rc.actionReason === "read_because_dependency_pending") add("\n  # (depends on a resource or a module with changes pending)");
      else if (rc.actionReason === "read_because_check_nested") add("\n  # (config will be reloaded to verify a check block)");
      break;
    case "update":
      if (cause === "change") add("[bold]  # %s[reset] will be updated in-place", dispAddr);
      else add("[bold]  # %s[reset] has changed", dispAddr);
      break;
    case "create-then-delete":
    case "delete-then-create":
      if (rc.actionReason === "replace_because_tainted") add("[bold]  # %s[reset] is tainted, so must be [bold][red]replaced[reset]", dispAddr);
      else if (rc.actionReason === "replace_by_request") add("[bold]  # %s[reset] will be [bold][red]replaced[reset], as requested", dispAddr);
      else if (rc.actionReason === "replace_by_triggers")
        add("[bold]  # %s[reset] will be [bold][red]replaced[reset] due to changes in replace_triggered_by", dispAddr);
      else add("[bold]  # %s[reset] must be [bold][red]replaced[reset]", dispAddr);
      break;
    case "delete": {
      if (cause === "change") add("[bold]  # %s[reset] will be [bold][red]destroyed[reset]", dispAddr);
      else add("[bold]  # %s[reset] has been deleted", dispAddr);
      const reason = deleteReason(rc);
      if (reason !== "") add("\n  # %s", reason);
      if (deposed) add("\n  # (left over from a partially-failed replacement of this instance)");
      break;
    }
    case "forget":
      add("[bold] # %s[reset] will no longer be managed by Cairn, but will not be destroyed", dispAddr);
      add("\n # (destroy = false is set in the configuration)");
      break;
    case "no-op":
      if (moved) {
        add("[bold]  # %s[reset] has moved to [bold]%s[reset]", prev, dispAddr);
        printedMoved = true;
      } else if (rc.importing !== undefined) {
        add("[bold]  # %s[reset] will be imported", dispAddr);
        printedImported = true;
      } else {
        add("%s has an action the plan renderer doesn't support (this is a bug)", dispAddr);
      }
      break;
  }
  add("\n");
  if (moved && !printedMoved) add("  # [reset](moved from %s)\n", prev);
  if (rc.importing !== undefined && !printedImported) {
    if (rc.importing.id !== "") add('  # [reset](imported from "%s")\n', rc.importing.id);
    else add("  # [reset](will be imported first)\n");
  }
  if (rc.importing !== undefined && (rc.action === "create-then-delete" || rc.action === "delete-then-create")) {
    add("  # [reset][yellow]Warning: this will destroy the imported resource[reset]\n");
  }
  return c.color(tpl, ...args);
}

function deleteReason(rc: ResourceInstanceChange): string {
  const resource = rc.addr.resource.resource;
  const key = rc.addr.resource.instanceKey;
  switch (rc.actionReason) {
    case "delete_because_no_resource_config":
      return `(because ${resource.type}.${resource.name} is not in configuration)`;
    case "delete_because_no_move_target":
      return `(because ${rc.prevRunAddr?.toString() ?? ""} was moved to ${rc.addr.toString()}, which is not in configuration)`;
    case "delete_because_no_module":
      return `(because ${rc.addr.module.toString()} is not in configuration)`;
    case "delete_because_wrong_repetition":
      if (key.kind === "none") return "(because resource uses count or for_each)";
      return key.kind === "int" ? "(because resource does not use count)" : "(because resource does not use for_each)";
    case "delete_because_count_index":
      return `(because index [${jsonIndex(key)}] is out of range for count)`;
    case "delete_because_each_key":
      return `(because key [${jsonIndex(key)}] is not in for_each map)`;
    default:
      return "";
  }
}

/** The instance key as the JSON plan's `index` holds it (Go's encoding/json, HTML-safe escaping included). */
function jsonIndex(key: InstanceKey): string {
  if (key.kind === "none") return "";
  if (key.kind === "int") return String(key.value);
  return JSON.stringify(key.value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function resourceChangeHeader(rc: ResourceInstanceChange): string {
  const r = rc.addr.resource.resource;
  return `${r.mode === "managed" ? "resource" : "data"} "${r.type}" "${r.name}"`;
}

/** The legend line for an action: `  + create`, `-/+ destroy and then create replacement`, ... */
export function actionDescription(action: Action, c: Colorize): string {
  switch (action) {
    case "create":
      return c.color("  [green]+[reset] create");
    case "delete":
      return c.color("  [red]-[reset] destroy");
    case "update":
      return c.color("  [yellow]~[reset] update in-place");
    case "create-then-delete":
      return c.color("[green]+[reset]/[red]-[reset] create replacement and then destroy");
    case "delete-then-create":
      return c.color("[red]-[reset]/[green]+[reset] destroy and then create replacement");
    case "read":
      return c.color(" [cyan]<=[reset] read (data resources)");
    case "forget":
      return c.color(" [red].[reset] forget");
    case "no-op":
      return "";
  }
}
