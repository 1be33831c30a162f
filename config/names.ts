// Name rules shared by the block decoders (Terraform's badIdentifierDetail and friends).

import { isValidIdentifier } from "../addrs/index.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";

export const badIdentifierDetail =
  "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.";

/** Reports `summary` when name is not a valid identifier; returns whether it was valid. */
export function checkIdentifier(name: string, summary: string, subject: Range, diags: Diagnostic[]): boolean {
  if (isValidIdentifier(name)) return true;
  diags.push(errorDiag(summary, badIdentifierDetail, subject));
  return false;
}

/** Terraform prints previous declarations' locations as file:line,column-line,column in details. */
export function rangeText(r: Range): string {
  const s = r.start;
  const e = r.end;
  return `${r.filename}:${s.line},${s.column}-${e.line === s.line ? "" : `${e.line},`}${e.column}`;
}
