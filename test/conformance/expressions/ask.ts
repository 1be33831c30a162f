// Asking one expression of `terraform console` (a process per expression: the real console stops at the
// first error) and of Cairn's console (in-process, the same command code `cairn console` runs).

import { spawn } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { consoleCommand } from "../../../cmd/commands/console.js";

/** The directory both consoles run in: a few files for file(), fileset(), templatefile(); no configuration. */
export const fixtureDir = fileURLToPath(new URL("../../../../test/conformance/expressions/fixture", import.meta.url));

/**
 * What a console printed for an expression: its value, or its first error's summary. Types are asked as
 * expressions of their own (`type(...)` cases of the corpus); the printed value already tells list from
 * tuple, map from object and set from list.
 */
export type Answer = { readonly value: string } | { readonly error: string };

export interface Printed {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const ansi = /\u001b\[[0-9;]*m/g;

/** The summary of the first error a console printed ("Error: <summary>", boxed or not). */
export function firstErrorSummary(stderr: string): string {
  for (const raw of stderr.replace(ansi, "").split("\n")) {
    const m = /^(?:│ )?Error: (.*)$/.exec(raw);
    if (m !== null) return m[1]!.trim();
  }
  return stderr.trim() === "" ? "(no output)" : "(no error summary)";
}

/** `terraform console` in dir (a copy of the fixture per concurrent process: each takes the state lock). */
export function terraformConsole(expr: string, dir: string = fixtureDir): Promise<Printed> {
  return new Promise((resolve) => {
    const child = spawn("terraform", ["console"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    child.on("close", (code) => resolve({ ok: code === 0, stdout, stderr }));
    child.stdin.end(expr + "\n");
  });
}

export async function cairnConsole(expr: string): Promise<Printed> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
  err.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
  // the CLI runs in its working directory (abspath and friends read process.cwd())
  const previous = process.cwd();
  process.chdir(fixtureDir);
  const code = await consoleCommand.run(["-no-color"], {
    cwd: fixtureDir,
    stdin: Readable.from([expr + "\n"]),
    stdout: out,
    stderr: err,
    env: {},
  }).finally(() => process.chdir(previous));
  return { ok: code === 0, stdout, stderr };
}

/** The answer of one console to one expression. */
export async function answer(run: (expr: string) => Promise<Printed>, expr: string): Promise<Answer> {
  const v = await run(expr);
  return v.ok ? { value: v.stdout.replace(/\n$/, "") } : { error: firstErrorSummary(v.stderr) };
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs fn over items with a few at a time (terraform is a process per call). */
export async function inPool<T, R>(items: readonly T[], width: number, fn: (item: T, worker: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, w);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, (_, w) => worker(w)));
  return results;
}
