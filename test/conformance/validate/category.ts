// The `validate` conformance category: broken configurations (cases/<name>/, one small realistic mistake
// each), judged by what `terraform validate -json` answers: the exit code, and the first error's summary,
// file and line. refresh() asks the real binary (in a private copy of each case, after `terraform init
// -backend=false` when the case calls modules) and rewrites answers.json; measure() runs Cairn's validate
// over the same directories in-process and compares.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateCommand } from "../../../cmd/commands/validate.js";
import { runCommand } from "../../cmd/state-harness.js";

export const folder = fileURLToPath(new URL("../../../../test/conformance/validate/", import.meta.url));
const casesDir = join(folder, "cases");
const answersFile = join(folder, "answers.json");

/** What one validate run comes to: exit code, and the first error (or null when there is none). */
export interface Outcome {
  readonly exit: number;
  readonly summary: string | null;
  readonly file: string | null;
  readonly line: number | null;
}

export function caseNames(): string[] {
  return readdirSync(casesDir)
    .filter((n) => statSync(join(casesDir, n)).isDirectory())
    .sort();
}

export function readAnswers(): Record<string, Outcome> {
  return JSON.parse(readFileSync(answersFile, "utf8")) as Record<string, Outcome>;
}

interface JsonDiagnostic {
  severity: string;
  summary: string;
  range?: { filename: string; start: { line: number } };
}

/** Reads a `validate -json` document; a run that printed no JSON is an error without a summary. */
export function outcomeOf(exit: number, stdout: string): Outcome {
  let doc: { diagnostics?: JsonDiagnostic[] };
  try {
    doc = JSON.parse(stdout) as { diagnostics?: JsonDiagnostic[] };
  } catch {
    return { exit, summary: "<no JSON output>", file: null, line: null };
  }
  const first = (doc.diagnostics ?? []).find((d) => d.severity === "error");
  if (first === undefined) return { exit, summary: null, file: null, line: null };
  return { exit, summary: normalSummary(first.summary), file: first.range?.filename ?? null, line: first.range?.start.line ?? null };
}

/**
 * Terraform lists a cycle's members in an order that changes from run to run (its graph is a Go map):
 * "Cycle: b, a" and "Cycle: a, b" are the same answer, so members are compared sorted.
 */
function normalSummary(summary: string): string {
  if (!summary.startsWith("Cycle: ")) return summary;
  return `Cycle: ${summary.slice("Cycle: ".length).split(", ").sort().join(", ")}`;
}

export async function cairnOutcome(name: string): Promise<Outcome> {
  try {
    const r = await runCommand(validateCommand, join(casesDir, name), ["-json"]);
    return outcomeOf(r.code, r.stdout);
  } catch (err) {
    // A crash is a mismatch to report, not a reason to stop measuring the others.
    return { exit: -1, summary: `<crash: ${err instanceof Error ? err.message : String(err)}>`, file: null, line: null };
  }
}

export function terraformOutcome(name: string): Outcome {
  const dir = mkdtempSync(join(tmpdir(), "cairn-validate-conf-"));
  try {
    cpSync(join(casesDir, name), dir, { recursive: true });
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    const callsModules = readdirSync(dir).some((f) => statSync(join(dir, f)).isDirectory());
    if (callsModules) spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    const r = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    return outcomeOf(r.status ?? -1, r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.exit === b.exit && a.summary === b.summary && a.file === b.file && a.line === b.line;
}

export function describe(name: string, want: Outcome, got: Outcome): string {
  const f = (o: Outcome) => `exit ${o.exit}${o.summary !== null ? `, "${o.summary}" at ${o.file}:${o.line}` : ""}`;
  return `${name}: terraform ${f(want)}; cairn ${f(got)}`;
}

export const category = {
  name: "validate",
  threshold: 97,
  async refresh(): Promise<void> {
    const answers: Record<string, Outcome> = {};
    for (const name of caseNames()) answers[name] = terraformOutcome(name);
    writeFileSync(answersFile, JSON.stringify(answers, null, 2) + "\n");
  },
  async measure(): Promise<{ total: number; matched: number; mismatches: string[] }> {
    const answers = existsSync(answersFile) ? readAnswers() : {};
    const mismatches: string[] = [];
    let total = 0;
    for (const name of caseNames()) {
      const want = answers[name];
      if (want === undefined) continue;
      total++;
      const got = await cairnOutcome(name);
      if (!sameOutcome(want, got)) mismatches.push(describe(name, want, got));
    }
    return { total, matched: total - mismatches.length, mismatches };
  },
};
