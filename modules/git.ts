// Fetching a git module source with the system `git`, as go-getter's git getter does: clone, check out the
// ref (a tag, a branch or a commit; git itself decides which), then copy the work tree without `.git` into
// the staging directory. The resolved commit is what the lock file records, so a moved tag or an advanced
// branch is noticed. Credentials are git's business (ssh-agent, credential helpers); prompts are disabled
// so that a command never hangs waiting for a password nobody will type.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { GitSource } from "./source-addr.js";

export type GitFetch = { readonly commit: string } | { readonly error: string };

const TEN_MINUTES = 10 * 60 * 1000;
/** git's output kept for messages; a hostile server cannot make Cairn hold more. */
const OUTPUT_CAP = 64 * 1024;

export async function fetchGit(src: GitSource, dest: string, signal: AbortSignal): Promise<GitFetch> {
  const work = mkdtempSync(join(tmpdir(), "cairn-git-"));
  const clone = join(work, "repo");
  try {
    const cloneArgs = ["clone", "--quiet"];
    // A shallow clone can only reach the tip of a named branch or tag, so depth goes with --branch (go-getter).
    // The "=" forms keep a value from ever being read as an option of its own.
    if (src.depth !== undefined) cloneArgs.push(`--depth=${src.depth}`, ...(src.ref !== undefined ? [`--branch=${src.ref}`] : []));
    const cloned = await git([...cloneArgs, "--", src.url, clone], work, signal);
    if ("error" in cloned) return { error: `git clone of ${src.url} failed: ${cloned.error}` };
    if (src.ref !== undefined && src.depth === undefined) {
      // The ref is resolved to a commit first (a tag, a commit, or a branch, which a fresh clone has only as
      // origin/<ref>), with --end-of-options so that it is never read as an option whatever it looks like
      // (source-addr.ts also refuses a leading "-"); git 2.39's checkout does not honour --end-of-options.
      const commit = await resolveRef(src.ref, clone, signal);
      if ("error" in commit) return { error: `git could not check out ref "${src.ref}" of ${src.url}: ${commit.error}` };
      const checkedOut = await git(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit.stdout.trim(), "--"], clone, signal);
      if ("error" in checkedOut) return { error: `git could not check out ref "${src.ref}" of ${src.url}: ${checkedOut.error}` };
    }
    const head = await git(["rev-parse", "HEAD"], clone, signal);
    if ("error" in head) return { error: `git rev-parse HEAD in the clone of ${src.url} failed: ${head.error}` };
    cpSync(clone, dest, { recursive: true, verbatimSymlinks: true, filter: (from) => basename(from) !== ".git" });
    return { commit: head.stdout.trim() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function resolveRef(ref: string, clone: string, signal: AbortSignal): Promise<{ stdout: string } | { error: string }> {
  for (const candidate of [ref, `refs/remotes/origin/${ref}`]) {
    const r = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${candidate}^{commit}`], clone, signal);
    if (!("error" in r) || r.error === "interrupted") return r;
  }
  return { error: `no tag, branch or commit named "${ref}" exists in the repository` };
}

function git(args: string[], cwd: string, signal: AbortSignal): Promise<{ stdout: string } | { error: string }> {
  return new Promise((done) => {
    const child = spawn("git", args, {
      cwd,
      signal,
      timeout: TEN_MINUTES,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", LC_ALL: "C" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout = (stdout + c).slice(0, OUTPUT_CAP)));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-OUTPUT_CAP)));
    let failure: string | undefined;
    child.on("error", (err: NodeJS.ErrnoException) => {
      failure = err.code === "ENOENT" ? "the git command is not installed or not on PATH" : err.name === "AbortError" ? "interrupted" : err.message;
    });
    child.on("close", (status, sig) => {
      if (failure !== undefined) done({ error: failure });
      else if (signal.aborted) done({ error: "interrupted" });
      else if (status !== 0) done({ error: summariseStderr(stderr) || (sig !== null ? `git was stopped by ${sig}` : `git exited with status ${status}`) });
      else done({ stdout });
    });
  });
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
