// Flags that several commands share, read into what the operations layer takes.

import type { FlagSpecs, ParsedFlags } from "./flags.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { durationMilliseconds } from "../lang/duration.js";
import type { LockOptions } from "../operations/lock.js";
import { flagDiag } from "./views/ui.js";
import type { Diagnostic } from "../lang/diagnostics.js";

export const lockFlagSpecs: FlagSpecs = {
  lock: { kind: "bool", default: true },
  "lock-timeout": { kind: "string", default: "0s" },
};

/** The lock options, or Go's flag error text for an unparsable -lock-timeout. */
export function readLockOptions(flags: ParsedFlags): LockOptions | { error: string } {
  const raw = flags.strings.get("lock-timeout") ?? "0s";
  const timeoutMs = durationMilliseconds(raw);
  if (timeoutMs === undefined) return { error: `invalid value "${raw}" for flag -lock-timeout: parse error` };
  return { lock: flags.bools.get("lock") ?? true, timeoutMs };
}

/** The -var and -var-file flags of a parsed command line, in order. */
export function varFlagsOf(flags: ParsedFlags): VariableFlag[] {
  return flags.repeated
    .filter((r) => r.name === "var" || r.name === "var-file")
    .map((r) => (r.name === "var" ? { kind: "var", value: r.value } : { kind: "var-file", path: r.value }));
}

/** A non-negative whole-number flag; a bad value is reported through report() as Go's flag error. */
export function parsePositiveInt(text: string | undefined, flag: string, ui: { diagnostics(d: readonly Diagnostic[]): void }): number | undefined | "error" {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    ui.diagnostics([flagDiag(`invalid value "${text}" for flag -${flag}: parse error`)]);
    return "error";
  }
  return Number(text);
}
