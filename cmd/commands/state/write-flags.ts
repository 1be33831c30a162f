// The flags every state-writing command shares with Terraform's: -lock, -lock-timeout, -state, -backup,
// -ignore-remote-version (accepted; there is no remote backend) and -var/-var-file (accepted, as Terraform
// collects them for backend configuration, which the local state does not need).

import { parseFlags, type FlagSpecs, type ParsedFlags } from "../../flags.js";
import { type LockOptions } from "../../../operations/lock.js";
import { flagDiag, type Ui } from "../../views/ui.js";
import { lockFlagSpecs, readLockOptions } from "../../flag-groups.js";

export const writeFlagSpecs: FlagSpecs = {
  ...lockFlagSpecs,
  state: { kind: "string" },
  backup: { kind: "string", default: "-" },
  "ignore-remote-version": { kind: "bool", default: false },
  var: { kind: "repeated" },
  "var-file": { kind: "repeated" },
};

/** Parses a state-writing command's flags (the shared ones plus `extra`) and its lock options; a bad flag is
 * reported through the UI and gives undefined. */
export function parseWriteFlags(
  argv: readonly string[],
  extra: FlagSpecs,
  ui: Ui,
): { flags: ParsedFlags; lock: LockOptions } | undefined {
  const parsed = parseFlags(argv, { ...writeFlagSpecs, ...extra });
  if (!parsed.ok) {
    ui.diagnostics([flagDiag(parsed.message)]);
    return undefined;
  }
  const lock = readLockOptions(parsed.flags);
  if ("error" in lock) {
    ui.diagnostics([flagDiag(lock.error)]);
    return undefined;
  }
  return { flags: parsed.flags, lock };
}
