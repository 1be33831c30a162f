// The "who, what, with which configuration" part of a record: the actor, the command line with every flag
// value dropped (a -var value or -var-file path may hold or point at secrets), and the configuration digest
// with the git commit and dirty flag when the configuration is in a git work tree.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { ConfigInfo } from "./record.js";

/** CAIRN_ACTOR when set (CI: "ci@pipeline-123"), else user@host. */
export function actorFrom(env: NodeJS.ProcessEnv): string {
  const set = env.CAIRN_ACTOR;
  if (set !== undefined && set !== "") return set;
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return `${user}@${hostname()}`;
}

/** Flags whose value is a separate argument when written `-name value` (Terraform's valued flags). */
const VALUED_FLAGS = new Set([
  "var", "var-file", "target", "replace", "state", "state-out", "backup", "lock-timeout", "parallelism", "out",
  "chdir", "serial", "limit", "resource", "config", "generate-config-out", "provider",
]);
/** Of those, the ones written `-name=value` only (booleans with =): nothing follows them. */
const BOOL_EQ_FLAGS = new Set(["lock", "input", "refresh", "auto-approve", "compact-warnings", "json", "no-color"]);

/**
 * The command line as recorded: flags by name only ("-var", "-var-file", "-target"), never their values;
 * positional arguments (addresses, a plan file name) kept. `-var x=1` and `-var=x=1` both record "-var".
 */
export function sanitizeArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i + 1).map(redactPositional));
      break;
    }
    if (arg.startsWith("-") && arg !== "-") {
      const body = arg.replace(/^--?/, "");
      const eq = body.indexOf("=");
      const name = eq >= 0 ? body.slice(0, eq) : body;
      out.push("-" + name);
      if (eq < 0 && VALUED_FLAGS.has(name) && !BOOL_EQ_FLAGS.has(name)) i++; // skip the separate value
      continue;
    }
    out.push(redactPositional(arg));
  }
  return out;
}

/** A positional that looks like an assignment (NAME=VALUE) could be a value: keep only its name. */
function redactPositional(arg: string): string {
  const eq = arg.indexOf("=");
  return eq > 0 && /^[A-Za-z_][\w-]*$/.test(arg.slice(0, eq)) ? `${arg.slice(0, eq)}=(redacted)` : arg;
}

/** sha256 over the configuration files (*.tf, *.tf.json; never *.tfvars, which hold values) in name order. */
export function configDigest(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json")).sort();
  } catch {
    return undefined;
  }
  const h = createHash("sha256");
  for (const n of names) {
    let content: Buffer;
    try {
      content = readFileSync(join(dir, n));
    } catch {
      continue;
    }
    h.update(`${n}\0${content.length}\0`).update(content);
  }
  return h.digest("hex");
}

/** The HEAD commit and whether the configuration directory has uncommitted changes; undefined outside git. */
export function gitInfo(dir: string, env: NodeJS.ProcessEnv = process.env): { commit: string; dirty: boolean } | undefined {
  // Asking git costs a process (~15 ms at the end of every apply); where git could find no repository, it is not asked.
  if (env.GIT_DIR === undefined && !inGitRepository(dir)) return undefined;
  try {
    const opts = { cwd: dir, encoding: "utf8" as const, timeout: 5000, stdio: ["ignore", "pipe", "ignore"] as ["ignore", "pipe", "ignore"] };
    const commit = execFileSync("git", ["rev-parse", "HEAD"], opts).trim();
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
    const status = execFileSync("git", ["status", "--porcelain", "--", "."], opts);
    return { commit, dirty: status.trim() !== "" };
  } catch {
    return undefined; // not a work tree, no commits yet, or no git installed
  }
}

/**
 * Whether git's discovery could find a repository from `dir`: a `.git` (directory or file) in it or an
 * ancestor, or an ancestor that is itself a repository (HEAD, objects/ and refs/, as a bare one). Git may
 * still decline one (a filesystem boundary, GIT_CEILING_DIRECTORIES); then it is asked and says so.
 */
function inGitRepository(dir: string): boolean {
  for (let d = resolve(dir); ; ) {
    if (existsSync(join(d, ".git"))) return true;
    if (existsSync(join(d, "HEAD")) && existsSync(join(d, "objects")) && existsSync(join(d, "refs"))) return true;
    const up = dirname(d);
    if (up === d) return false;
    d = up;
  }
}

export function configInfo(dir: string): ConfigInfo | undefined {
  const digest = configDigest(dir);
  if (digest === undefined) return undefined;
  const git = gitInfo(dir);
  return git ? { digest, git } : { digest };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
