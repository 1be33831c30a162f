// Shared by the state-facing command tests: runs a command in-process with collected output, and copies a
// fixture directory to a fresh temporary directory for commands that write.

import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Command, CommandContext } from "../../cmd/registry.js";

export const fixtures = fileURLToPath(new URL("../../../test/cmd/fixtures/", import.meta.url));

class Collect extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stderr with diagnostics' wrapped detail lines joined, so tests can match whole sentences. */
  readonly flat: string;
}

export interface RunOptions {
  readonly stdin?: string;
  readonly stdinIsTTY?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export async function runCommand(cmd: Command, cwd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const stdout = new Collect();
  const stderr = new Collect();
  const stdin = Readable.from([opts.stdin ?? ""]) as Readable & { isTTY?: boolean };
  if (opts.stdinIsTTY === true) stdin.isTTY = true;
  const ctx: CommandContext = { cwd, stdin, stdout, stderr, env: opts.env ?? {} };
  const code = await cmd.run(args, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text, flat: flatten(stderr.text) };
}

/** A private copy of fixtures/<name> in a new temporary directory. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cairn-${name}-`));
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** The golden file fixtures/<name>, for rendered output. */
export function golden(name: string): string {
  return readFileSync(join(fixtures, "golden", name), "utf8");
}

/**
 * Diagnostics with their wrapped lines joined, so a test can match a sentence: inside the frame, and in the
 * -no-color form (Terraform's plain diagnostics wrap at 77 columns with bare newlines).
 */
function flatten(text: string): string {
  return text.replace(/\n│ (?=\S)/g, " ").replace(/([^\n╵])\n(?=[^\s│╷╵])/g, "$1 ");
}
