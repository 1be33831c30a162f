// The `test` conformance category: `cairn test` against `terraform test` on fixture directories (cases/<name>/:
// a configuration, its .tftest.hcl files, and args.json with extra command-line arguments when the case needs
// them). Everything runs offline: terraform_data, locals, variables, outputs, checks and local modules.
// refresh() asks the real binary (`terraform init` then `terraform test -no-color ARGS` in a private copy of
// each case) and rewrites answers.json with its exit code, stdout and stderr; measure() runs Cairn's test
// command in-process over the same directories and compares.
//
// What is compared: the exit code exactly, and stdout and stderr after three normalizations that are not
// behaviour: the product's name (Cairn says "Cairn" where Terraform says "Terraform", so prose wraps at other
// words: runs of whitespace compare equal), resource ids (random UUIDs), and in -json streams each line's
// "@timestamp", "elapsed" and the version line's text. `exact` counts the cases whose text is identical
// byte for byte after only the id and timestamp normalizations.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { testCommand } from "../../../cmd/commands/test.js";
import { runCommand } from "../../cmd/state-harness.js";

export const folder = fileURLToPath(new URL("../../../../test/conformance/tftest/", import.meta.url));
const casesDir = join(folder, "cases");
const answersFile = join(folder, "answers.json");

export interface Answer {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function caseNames(): string[] {
  return readdirSync(casesDir)
    .filter((n) => statSync(join(casesDir, n)).isDirectory())
    .sort();
}

export function readAnswers(): Record<string, Answer> {
  return existsSync(answersFile) ? (JSON.parse(readFileSync(answersFile, "utf8")) as Record<string, Answer>) : {};
}

function argsOf(dir: string): string[] {
  const f = join(dir, "args.json");
  return existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")) as string[]) : [];
}

/** A private copy of the case: the command writes nothing there, but terraform init does. */
function copyCase(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-tftest-conf-"));
  cpSync(join(casesDir, name), dir, { recursive: true });
  rmSync(join(dir, "args.json"), { force: true });
  return dir;
}

export function terraformAnswer(name: string): Answer {
  const dir = copyCase(name);
  try {
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    const r = spawnSync("terraform", ["test", "-no-color", ...argsOf(join(casesDir, name))], { cwd: dir, env, encoding: "utf8" });
    return { exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function cairnAnswer(name: string): Promise<Answer> {
  const dir = copyCase(name);
  try {
    const r = await runCommand(testCommand, dir, ["-no-color", ...argsOf(join(casesDir, name))], { env: { TF_IN_AUTOMATION: "1" } });
    return { exit: r.code, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    // A crash is a mismatch to report, not a reason to stop measuring the others.
    return { exit: -1, stdout: "", stderr: `<crash: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}>` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** One -json line without what differs from run to run (and the version line's product name). */
function jsonLine(line: string): string {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    delete o["@timestamp"];
    for (const v of Object.values(o)) if (v !== null && typeof v === "object" && "elapsed" in v) delete (v as Record<string, unknown>).elapsed;
    if (o.type === "version") return JSON.stringify({ type: "version", ui: o.ui });
    return JSON.stringify(o);
  } catch {
    return line;
  }
}

function stable(text: string): string {
  return text
    .replace(uuid, "<uuid>")
    .split("\n")
    .map((l) => (l.startsWith("{") ? jsonLine(l) : l))
    .join("\n");
}

function branded(text: string): string {
  return stable(text.replace(/\bTerraform\b/g, "Cairn")).replace(/\s+/g, " ").trim();
}

export function sameAnswer(want: Answer, got: Answer): boolean {
  return want.exit === got.exit && branded(want.stdout) === branded(got.stdout) && branded(want.stderr) === branded(got.stderr);
}

export function exactAnswer(want: Answer, got: Answer): boolean {
  return want.exit === got.exit && stable(want.stdout) === stable(got.stdout) && stable(want.stderr) === stable(got.stderr);
}

export function describe(name: string, want: Answer, got: Answer): string {
  const parts = [`${name}:`];
  if (want.exit !== got.exit) parts.push(`exit terraform ${want.exit}, cairn ${got.exit}`);
  for (const s of ["stdout", "stderr"] as const) {
    if (branded(want[s]) !== branded(got[s])) parts.push(`${s}:\n--- terraform\n${stable(want[s])}\n--- cairn\n${stable(got[s])}`);
  }
  return parts.join("\n");
}

export const category = {
  name: "test",
  threshold: 95,
  async refresh(): Promise<void> {
    const answers: Record<string, Answer> = {};
    for (const name of caseNames()) answers[name] = terraformAnswer(name);
    writeFileSync(answersFile, JSON.stringify(answers, null, 2) + "\n");
  },
  async measure(): Promise<{ total: number; matched: number; mismatches: string[] }> {
    const answers = readAnswers();
    const mismatches: string[] = [];
    let total = 0;
    let exact = 0;
    for (const name of caseNames()) {
      const want = answers[name];
      if (want === undefined) continue;
      total++;
      const got = await cairnAnswer(name);
      if (exactAnswer(want, got)) exact++;
      if (!sameAnswer(want, got)) mismatches.push(describe(name, want, got));
    }
    console.log(`test: ${exact}/${total} byte-identical apart from ids and timestamps`);
    return { total, matched: total - mismatches.length, mismatches };
  },
};
