// Fetching a git module source with the system `git`, as go-getter's git getter does: clone, check out the
// ref (a tag, a branch or a commit; git itself decides which), then copy the work tree without `.git` into
// the staging directory. The resolved commit is what the lock file records, so a moved tag or an advanced
// branch is noticed. Credentials are git's business (ssh-agent, credential helpers); prompts are disabled
// so that a command never hangs waiting for a password nobody will type.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { GitSource } from "./source-addr.js";

export type GitFetch = { readonly commit: string } | { readonly error: string };

const TEN_MINUTES = 10 * 60 * 1000;

export function fetchGit(src: GitSource, dest: string): GitFetch {
  const work = mkdtempSync(join(tmpdir(), "cairn-git-"));
  const clone = join(work, "repo");
  try {
    const cloneArgs = ["clone", "--quiet"];
    // A shallow clone can only reach the tip of a named branch or tag, so depth goes with --branch (go-getter).
    if (src.depth !== undefined) cloneArgs.push("--depth", String(src.depth), ...(src.ref !== undefined ? ["--branch", src.ref] : []));
    const cloned = git([...cloneArgs, "--", src.url, clone], work);
    if ("error" in cloned) return { error: `git clone of ${src.url} failed: ${cloned.error}` };
    if (src.ref !== undefined && src.depth === undefined) {
      const checkedOut = git(["-c", "advice.detachedHead=false", "checkout", "--quiet", src.ref, "--"], clone);
      if ("error" in checkedOut) return { error: `git could not check out ref "${src.ref}" of ${src.url}: ${checkedOut.error}` };
    }
    const head = git(["rev-parse", "HEAD"], clone);
    if ("error" in head) return { error: `git rev-parse HEAD in the clone of ${src.url} failed: ${head.error}` };
    cpSync(clone, dest, { recursive: true, verbatimSymlinks: true, filter: (from) => basename(from) !== ".git" });
    return { commit: head.stdout.trim() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function git(args: string[], cwd: string): { stdout: string } | { error: string } {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    timeout: TEN_MINUTES,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", LC_ALL: "C" },
  });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? "the git command is not installed or not on PATH" : r.error.message };
  }
  if (r.status !== 0) return { error: summariseStderr(r.stderr) || `git exited with status ${r.status}` };
  return { stdout: r.stdout };
}

/** git's own explanation in a line or three: its fatal/error lines if any, else its last lines. */
export function summariseStderr(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const important = lines.filter((l) => /^(fatal|error):/.test(l));
  return (important.length > 0 ? important : lines.slice(-3)).slice(0, 3).join("; ");
}
