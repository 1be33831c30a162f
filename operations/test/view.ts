// What `cairn test` reports while it runs (Terraform's views.Test); the CLI implements it as text or as
// Terraform's machine-readable test events.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { TestFile, TestRun } from "../../config/test-file.js";
import type { Plan } from "../../planner/plan/model.js";
import type { StateFile } from "../../state/model.js";
import type { TestStatus } from "./status.js";
import type { StateSchemaLookup } from "../../planner/scope/state-values.js";

export type FileProgress = "starting" | "teardown" | "complete";

export interface RunReport {
  readonly file: TestFile;
  readonly run: TestRun;
  readonly status: TestStatus;
  readonly diags: readonly Diagnostic[];
  /** With -verbose: the run's plan (command = plan) or the state it left (command = apply). */
  readonly verbose?: { readonly plan?: Plan; readonly state?: StateFile; readonly schemaFor: StateSchemaLookup };
}

export interface TestSummary {
  readonly status: TestStatus;
  readonly passed: number;
  readonly failed: number;
  readonly errored: number;
  readonly skipped: number;
}

export interface TestView {
  abstract(files: readonly TestFile[]): void;
  file(file: TestFile, progress: FileProgress, status?: TestStatus, diags?: readonly Diagnostic[]): void;
  runStarting(file: TestFile, run: TestRun): void;
  runTeardown(file: TestFile, run: TestRun): void;
  runComplete(report: RunReport): void;
  /** After a file's cleanup: errors destroying, and what is left in state (to clean up by hand). */
  destroySummary(file: TestFile, run: TestRun | undefined, diags: readonly Diagnostic[], leftover: readonly string[]): void;
  diagnostics(diags: readonly Diagnostic[]): void;
  conclusion(summary: TestSummary): void;
}
