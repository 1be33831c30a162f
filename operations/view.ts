// How an operation reports while it runs; the CLI's views implement it (text, JSON or the terminal UI).

import type { Diagnostic } from "../lang/diagnostics.js";

export interface OperationView {
  /** A line of progress or result text (the view appends the newline). */
  output(text: string): void;
  diagnostics(diags: readonly Diagnostic[]): void;
}
