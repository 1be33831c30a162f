// `cairn test -json` (Terraform's views.TestJSON): the machine-readable UI's test events, one JSON object per
// line: test_abstract, test_file, test_run, diagnostic (with "@testfile"/"@testrun"), test_cleanup and
// test_summary, after the version line.

import type { Diagnostic } from "../../../lang/diagnostics.js";
import type { TestFile, TestRun } from "../../../config/test-file.js";
import { ranNothing, type TestStatus } from "../../../operations/test/status.js";
import type { FileProgress, RunReport, TestSummary, TestView } from "../../../operations/test/view.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import type { SourceFile } from "../diagnostics.js";
import { diagnosticJson } from "../state/diagnostic-json.js";
import { array, jsonNumber, jsonString, map, struct, type JsonText } from "../state/go-json.js";
import { JsonUiView } from "../json/ui.js";

/** The status in messages: an errored run or file reads "fail", as Terraform prints it. */
const statusWord = (s: TestStatus): string => (s === "error" ? "fail" : s);

export class JsonTestView implements TestView {
  private readonly ui: JsonUiView;

  constructor(
    write: (line: string) => void,
    private readonly sources: ReadonlyMap<string, SourceFile>,
    nowMicros?: () => number,
  ) {
    this.ui = new JsonUiView({ write, sources, ...(nowMicros !== undefined ? { nowMicros } : {}) });
    this.ui.version();
  }

  abstract(files: readonly TestFile[]): void {
    const runs = files.reduce((n, f) => n + f.runs.length, 0);
    const abstract = map(new Map(files.map((f) => [f.name, array(f.runs.map((r) => jsonString(r.name)))])), compareGoStrings);
    this.ui.emit("info", `Found ${files.length} ${files.length === 1 ? "file" : "files"} and ${runs} ${runs === 1 ? "run block" : "run blocks"}`, "test_abstract", [["test_abstract", abstract]]);
  }

  file(file: TestFile, progress: FileProgress, status?: TestStatus, diags: readonly Diagnostic[] = []): void {
    const at: [string, JsonText] = ["@testfile", jsonString(file.name)];
    if (progress === "complete") {
      const s = statusWord(status ?? "pending");
      this.ui.emit("info", `${file.name}... ${s}`, "test_file", [["test_file", struct([["path", jsonString(file.name)], ["progress", jsonString("complete")], ["status", jsonString(status ?? "pending")]])], at]);
      this.diagnostics(diags, file);
      return;
    }
    const word = progress === "starting" ? "in progress" : "tearing down";
    this.ui.emit("info", `${file.name}... ${word}`, "test_file", [["test_file", struct([["path", jsonString(file.name)], ["progress", jsonString(progress)]])], at]);
  }

  private runEvent(file: TestFile, run: TestRun, progress: "starting" | "teardown"): void {
    const word = progress === "starting" ? "in progress" : "tearing down";
    this.ui.emit("info", `  "${run.name}"... ${word}`, "test_run", [
      ["test_run", struct([["path", jsonString(file.name)], ["run", jsonString(run.name)], ["progress", jsonString(progress)], ["elapsed", jsonNumber(0)]])],
      ["@testfile", jsonString(file.name)],
      ["@testrun", jsonString(run.name)],
    ]);
  }

  runStarting(file: TestFile, run: TestRun): void {
    this.runEvent(file, run, "starting");
  }

  runTeardown(file: TestFile, run: TestRun): void {
    this.runEvent(file, run, "teardown");
  }

  runComplete(r: RunReport): void {
    const s = statusWord(r.status);
    this.ui.emit("info", `  "${r.run.name}"... ${s}`, "test_run", [
      ["test_run", struct([["path", jsonString(r.file.name)], ["run", jsonString(r.run.name)], ["progress", jsonString("complete")], ["status", jsonString(r.status)]])],
      ["@testfile", jsonString(r.file.name)],
      ["@testrun", jsonString(r.run.name)],
    ]);
    this.diagnostics(r.diags, r.file, r.run);
  }

  destroySummary(file: TestFile, run: TestRun | undefined, diags: readonly Diagnostic[], leftover: readonly string[]): void {
    if (leftover.length > 0) {
      const id = run !== undefined ? `${file.name}/${run.name}` : file.name;
      const cleanup = struct([["failed_resources", array(leftover.map((l) => struct([["instance", jsonString(l)]])))]]);
      this.ui.emit("error", `Cairn left some resources in state after executing ${id}, they need to be cleaned up manually.`, "test_cleanup", [
        ["test_cleanup", cleanup],
        ["@testfile", jsonString(file.name)],
        ...(run !== undefined ? [["@testrun", jsonString(run.name)] as [string, JsonText]] : []),
      ]);
    }
    this.diagnostics(diags, file, run);
  }

  diagnostics(diags: readonly Diagnostic[], file?: TestFile, run?: TestRun): void {
    for (const d of diags) {
      const fields: [string, JsonText][] = [["diagnostic", diagnosticJson(d, this.sources)]];
      if (file !== undefined) fields.push(["@testfile", jsonString(file.name)]);
      if (run !== undefined) fields.push(["@testrun", jsonString(run.name)]);
      this.ui.emit(d.severity === "error" ? "error" : "warn", `${d.severity === "error" ? "Error" : "Warning"}: ${d.summary}`, "diagnostic", fields);
    }
  }

  conclusion(s: TestSummary): void {
    let message: string;
    if (ranNothing(s.status)) message = `Executed 0 tests${s.skipped > 0 ? `, ${s.skipped} skipped.` : "."}`;
    else message = `${s.status === "pass" ? "Success!" : "Failure!"} ${s.passed} passed, ${s.failed + s.errored} failed${s.skipped > 0 ? `, ${s.skipped} skipped.` : "."}`;
    const summary = struct([["status", jsonString(s.status)], ["passed", jsonNumber(s.passed)], ["failed", jsonNumber(s.failed)], ["errored", jsonNumber(s.errored)], ["skipped", jsonNumber(s.skipped)]]);
    this.ui.emit("info", message, "test_summary", [["test_summary", summary]]);
  }
}
