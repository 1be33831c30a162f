// An output's planned change: its prior value (from state) against its value now.

import { NullDynamic, rawEquals, type Value } from "../../lang/values/value.js";
import { outputAddr } from "../eval/outputs.js";
import type { OutputChange } from "./model.js";

export function outputChange(name: string, before: Value | undefined, after: Value | undefined, sensitive: boolean): OutputChange {
  const addr = outputAddr(name);
  if (after === undefined) return { addr, action: "delete", before: before ?? NullDynamic, after: NullDynamic, sensitive };
  // An output that was not recorded (never set, or null, which state omits) and stays null is no change.
  if (before === undefined) return { addr, action: after.unmarkDeep()[0].isNull() ? "no-op" : "create", before: NullDynamic, after, sensitive };
  const [a] = after.unmarkDeep();
  const [b] = before.unmarkDeep();
  return { addr, action: rawEquals(a, b) ? "no-op" : "update", before, after, sensitive };
}
