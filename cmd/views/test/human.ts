// `cairn test` as text (Terraform's views.TestHuman): one line per file as it starts, tears down and ends,
// one per run when it ends, diagnostics under the run that raised them (warnings on stdout, errors on
// stderr), and the closing "Success! N passed, 0 failed." line.

import type { Diagnostic } from "../../../lang/diagnostics.js";
import type { TestFile, TestRun } from "../../../config/test-file.js";
import type { TestStatus } from "../../../operations/test/status.js";
import { ranNothing } from "../../../operations/test/status.js";
import type { FileProgress, RunReport, TestSummary, TestView } from "../../../operations/test/view.js";
import { renderDiagnostics, type SourceFile } from "../diagnostics.js";
import { wordWrap } from "../plan/wordwrap.js";

export interface TestStreams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

export interface HumanTestOptions {
  readonly color: boolean;
  /** -no-color: Terraform's plain diagnostics. */
  readonly plain: boolean;
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** With -verbose: renders a run's plan or state (the plan and show commands' renderers). */
  readonly renderVerbose?: (report: RunReport) => string;
}

export class HumanTestView implements TestView {
  constructor(
    private readonly streams: TestStreams,
    private readonly opts: HumanTestOptions,
  ) {}

  /** colorstring's Color("[code]s[reset]"): it ends every colored string with one more reset. */
  private paint(code: string, s: string): string {
    return this.opts.color ? `\x1b[${code}m${s}\x1b[0m\x1b[0m` : s;
  }

  /** A progress line colored as one string, so its final reset comes after the newline. */
  private progress(name: string, word: string): string {
    return this.opts.color ? `${name}... \x1b[37m${word}\x1b[0m\n\x1b[0m` : `${name}... ${word}\n`;
  }

  private statusWord(s: TestStatus): string {
    switch (s) {
      case "error":
      case "fail":
        return this.paint("31", "fail");
      case "pass":
        return this.paint("32", "pass");
      case "skip":
        return this.paint("37", "skip");
      default:
        return this.paint("37", "pending");
    }
  }

  abstract(): void {}

  file(file: TestFile, progress: FileProgress, status?: TestStatus, diags: readonly Diagnostic[] = []): void {
    if (progress === "starting") this.streams.stdout.write(this.progress(file.name, "in progress"));
    else if (progress === "teardown") this.streams.stdout.write(this.progress(file.name, "tearing down"));
    else {
      this.streams.stdout.write(`${file.name}... ${this.statusWord(status ?? "pending")}\n`);
      this.diagnostics(diags);
    }
  }

  runStarting(): void {}
  runTeardown(): void {}

  runComplete(report: RunReport): void {
    this.streams.stdout.write(`  run "${report.run.name}"... ${this.statusWord(report.status)}\n`);
    if (report.verbose !== undefined && this.opts.renderVerbose !== undefined) this.streams.stdout.write(this.opts.renderVerbose(report));
    this.diagnostics(report.diags);
    if (report.diags.some((d) => d.severity === "warning")) this.streams.stdout.write("\n");
  }

  destroySummary(file: TestFile, run: TestRun | undefined, diags: readonly Diagnostic[], leftover: readonly string[]): void {
    const id = run !== undefined ? `${file.name}/${run.name}` : file.name;
    if (diags.some((d) => d.severity === "error")) this.streams.stderr.write(wordWrap(`Cairn encountered an error destroying resources created while executing ${id}.\n`, 78));
    this.diagnostics(diags);
    if (leftover.length > 0) {
      this.streams.stderr.write(wordWrap(`\nCairn left the following resources in state after executing ${id}, and they need to be cleaned up manually:\n`, 78));
      for (const r of leftover) this.streams.stderr.write(`  - ${r}\n`);
    }
  }

  diagnostics(diags: readonly Diagnostic[]): void {
    const warnings = diags.filter((d) => d.severity === "warning");
    const errors = diags.filter((d) => d.severity === "error");
    const render = (ds: readonly Diagnostic[]) => renderDiagnostics(ds, this.opts.sources, { color: this.opts.color, plain: this.opts.plain });
    if (warnings.length > 0) this.streams.stdout.write(render(warnings));
    if (errors.length > 0) this.streams.stderr.write(render(errors));
  }

  conclusion(s: TestSummary): void {
    let line = "\n";
    if (ranNothing(s.status)) {
      line += "Executed 0 tests";
      line += s.skipped > 0 ? `, ${s.skipped} skipped.\n` : ".\n";
    } else {
      line += s.status === "pass" ? this.paint("32", "Success!") : this.paint("31", "Failure!");
      line += ` ${s.passed} passed, ${s.failed + s.errored} failed`;
      line += s.skipped > 0 ? `, ${s.skipped} skipped.\n` : ".\n";
    }
    this.streams.stdout.write(line);
  }
}
