// Diagnostics, not exceptions, for anything a user caused (HCL hcl.Diagnostics, OpenTofu tfdiags).
// Functions return a value *and* diagnostics; `throw` is reserved for bugs in Cairn itself.

import type { Range } from "./pos.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Short, fixed text such as "Invalid index" or "Unsupported argument". */
  readonly summary: string;
  /** A sentence or two saying what is wrong and what to do about it. */
  readonly detail?: string;
  /** The exact span the problem is about; rendered with an underline. */
  readonly subject?: Range;
  /** A wider span giving context (the whole expression or block); rendered as the source snippet. */
  readonly context?: Range;
  /**
   * For evaluation errors: the values of the references in the failing expression, as Terraform prints
   * ("├──────────────── var.x is "foo""). Already redacted for sensitive values.
   */
  readonly valueNotes?: readonly string[];
  /** Address of the object the diagnostic concerns, when it has no source range (e.g. a resource at apply). */
  readonly address?: string;
  /**
   * The checkable object whose custom condition failed (`var.x`, `output.y`, `check.z`, a resource instance;
   * with its module path outside the root module): what a test's `expect_failures` matches.
   */
  readonly checkRule?: string;
}

export function errorDiag(summary: string, detail: string, subject?: Range, context?: Range): Diagnostic {
  return { severity: "error", summary, detail, subject, context };
}

export function warningDiag(summary: string, detail: string, subject?: Range, context?: Range): Diagnostic {
  return { severity: "warning", summary, detail, subject, context };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  for (const d of diags) if (d.severity === "error") return true;
  return false;
}
