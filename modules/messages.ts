// The diagnostics about module sources and installation, worded as Terraform's initwd and configs packages
// word them where Terraform has the same problem, and all pointing at the call's `source` argument.

import type { ModuleCall } from "../config/index.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";

/**
 * A diagnostic about a module call that also concerns a declaration inside the called module (a variable or
 * an output). `subject` is the call site; `declaration` is the other end, also named in the detail text so
 * that every renderer shows it.
 */
export interface ModuleDiagnostic extends Diagnostic {
  readonly declaration?: Range;
}

/** `main.tf:3`, the short location Terraform puts in module installation messages. */
export function callLocation(call: ModuleCall): string {
  return `${call.declRange.filename}:${call.declRange.start.line}`;
}

/** `modules/web/variables.tf line 3`. */
export function declaredAt(r: Range): string {
  return `${r.filename} line ${r.start.line}`;
}

export function downloadFailed(call: ModuleCall, why: string): Diagnostic {
  return errorDiag(
    "Failed to download module",
    `Could not download module "${call.name}" (${callLocation(call)}) source code from "${call.sourceAddr}": ${why.replace(/\.$/, "")}.`,
    call.sourceAddrRange,
  );
}

export function notInstalled(call: ModuleCall): Diagnostic {
  return errorDiag(
    "Module not installed",
    'This module is not yet installed. Run "cairn init" to install all modules required by this configuration.',
    call.sourceAddrRange,
  );
}

export function sourceChanged(call: ModuleCall): Diagnostic {
  return errorDiag(
    "Module source has changed",
    'The source address was changed since this module was installed. Run "cairn init" to install all modules required by this configuration.',
    call.sourceAddrRange,
  );
}
