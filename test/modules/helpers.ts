// Shared by the module tests: temporary directories written from a table of files, git repositories made
// with the system git, and a snapshot of a directory tree to prove that a failed command changed nothing.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../../lang/diagnostics.js";

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cairn-${prefix}-`));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** A repository with the files committed on main; returns its directory (use `file://` + dir as URL). */
export function gitRepo(files: Record<string, string>): string {
  const dir = tempDir("repo");
  git(dir, "init", "-q");
  commitFiles(dir, files, "initial");
  return dir;
}

export function commitFiles(repo: string, files: Record<string, string>, message: string): string {
  writeFiles(repo, files);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

/** Every file under dir with its content (directories as entries too), to compare before and after. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const stack = [""];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.set(`${p}/`, "");
        stack.push(p);
      } else out.set(p, readFileSync(join(dir, p), "utf8"));
    }
  }
  return out;
}

export function summaries(diags: readonly Diagnostic[]): string[] {
  return diags.filter((d) => d.severity === "error").map((d) => d.summary);
}

export function only(diags: readonly Diagnostic[], summary: string): Diagnostic {
  const found = diags.filter((d) => d.summary === summary);
  if (found.length !== 1) throw new Error(`expected one "${summary}" diagnostic, got: ${JSON.stringify(diags.map((d) => [d.summary, d.detail]))}`);
  return found[0]!;
}

/** The module used by most tests: one required input, one optional, one output. */
export const webModule = {
  "main.tf": 'variable "size" {\n  type = number\n}\n\nvariable "zone" {\n  default = "a"\n}\n\noutput "name" {\n  value = "web-${var.size}"\n}\n',
};
