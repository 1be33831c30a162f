// What the history views count and filter: Terraform's change counts of a version, and whether a version
// touches an address.

import type { HistoryRecord } from "../../../state/history/record.js";

export interface ChangeCounts {
  readonly created: number;
  readonly changed: number;
  readonly destroyed: number;
}

/** Terraform's counting: a replacement is one created and one destroyed. */
export function countChanges(r: HistoryRecord): ChangeCounts {
  let created = 0;
  let changed = 0;
  let destroyed = 0;
  for (const c of r.changes) {
    if (c.action === "create") created++;
    else if (c.action === "update") changed++;
    else if (c.action === "delete" || c.action === "forget") destroyed++;
    else if (c.action === "replace") {
      created++;
      destroyed++;
    }
  }
  return { created, changed, destroyed };
}

/** True when the record touches ADDR: the exact instance, or any instance of a resource or module given. */
export function touches(r: HistoryRecord, addr: string): boolean {
  return r.changes.some((c) => c.address === addr || c.address.startsWith(addr + "[") || c.address.startsWith(addr + "."));
}
