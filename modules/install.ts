// `cairn init`'s module installation. Walks the module tree, fetching every git and archive package into a
// private staging directory and checking it against `.cairn.lock.hcl`; only when the whole tree resolved
// without an error are the packages moved into `.cairn/modules/<key>` and the lock file rewritten. So a bad
// source, a missing ref or a lock mismatch anywhere changes nothing on disk.
//
// Without -upgrade, a package that is installed from the same source as locked is kept (after its hash is
// checked), and one that must be downloaded (new checkout, deleted `.cairn/`) must resolve to exactly the
// locked commit or archive and content hash. With -upgrade everything is downloaded again and the lock
// records whatever the sources give now. A call whose source changed is installed afresh either way, as
// Terraform's init does.
//
// Downloads run asynchronously so that an interrupt (Ctrl-C, SIGTERM, SIGHUP) stops them at once; the staging
// directory is removed on every way out: success, error, refusal and interrupt.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, resolve } from "node:path";
import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import { type ArchiveLimits, archiveLimitsFromEnv } from "./archive-limits.js";
import { hashModulePackage } from "./content-hash.js";
import { extractArchive } from "./extract-archive.js";
import { fetchGit } from "./git.js";
import { LOCK_FILE_NAME, type ModuleLock, readLockFile, renderLockFile, writeLockFile } from "./lock-file.js";
import { downloadFailed } from "./messages.js";
import type { ModuleTree } from "./tree-model.js";
import { lockMismatch, moduleAddr } from "./verify-installed.js";
import { findEscapingLink } from "./package-links.js";
import { type AsyncRemoteResolver, INSTALL_DIR, type RemoteRequest, walkModuleTree, walkModuleTreeAsync } from "./walk-tree.js";

export interface InstallOptions {
  readonly upgrade: boolean;
  /** Where the archive limits are read from (process.env by default). */
  readonly env?: NodeJS.ProcessEnv;
}

/** The signals that stop an installation as Ctrl-C does. */
const INTERRUPTS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface InstallResult {
  readonly tree: ModuleTree;
  readonly diags: Diagnostic[];
  /** Terraform's progress lines: `Downloading <source> for <key>...`, `- <key> in <dir>`. */
  readonly lines: readonly string[];
  /** The bytes of every configuration file the diagnostics may name (staged files are gone afterwards). */
  readonly sourceBytes: ReadonlyMap<string, Uint8Array>;
}

export async function installModules(rootDir: string, opts: InstallOptions): Promise<InstallResult> {
  const rootAbs = resolve(rootDir);
  const { lock, diags: lockDiags } = readLockFile(rootAbs);
  const limits = archiveLimitsFromEnv(opts.env ?? process.env);
  if ("error" in limits) return { tree: emptyTree(rootAbs), diags: [errorDiag("Invalid archive limit", limits.error)], lines: [], sourceBytes: new Map() };
  const staging = mkdtempSync(join(tmpdir(), "cairn-modules-"));
  const interrupt = new AbortController();
  const onInterrupt = (): void => interrupt.abort();
  for (const s of INTERRUPTS) process.on(s, onInterrupt);
  try {
    // An unreadable lock file is ignored by -upgrade, which rewrites it; otherwise it stops everything.
    const locked = opts.upgrade ? new Map<string, ModuleLock>() : lock.modules;
    if (!opts.upgrade && hasErrors(lockDiags)) return { tree: emptyTree(rootAbs), diags: lockDiags, lines: [], sourceBytes: new Map() };
    const newLocks = new Map<string, ModuleLock>();
    const downloaded = new Set<string>();
    const fetcher: Fetcher = { limits: limits.limits, signal: interrupt.signal, prior: new Map() };
    const resolver = installingResolver(rootAbs, staging, locked, newLocks, downloaded, fetcher);
    const { tree, diags } = await walkModuleTreeAsync(rootAbs, resolver);
    const lines = progressLines(tree, downloaded);
    const sourceBytes = readSourceBytes(tree);
    if (interrupt.signal.aborted) return { tree, diags: [interrupted()], lines, sourceBytes };
    if (hasErrors(diags)) return { tree, diags, lines, sourceBytes };

    commitPackages(rootAbs, staging, downloaded, new Set(newLocks.keys()));
    const text = renderLockFile(newLocks.values(), lock.otherBlocks);
    if (text !== lock.text && (newLocks.size > 0 || lock.text !== "")) writeLockFile(rootAbs, text);
    return { tree, diags, lines, sourceBytes };
  } finally {
    for (const s of INTERRUPTS) process.off(s, onInterrupt);
    rmSync(staging, { recursive: true, force: true });
  }
}

function interrupted(): Diagnostic {
  return errorDiag("Module installation interrupted", "The installation was interrupted; no module was installed and the lock file is unchanged.");
}

/** What every download of one run shares. */
interface Fetcher {
  readonly limits: ArchiveLimits;
  readonly signal: AbortSignal;
  readonly prior: Map<string, PriorFetch>;
}

function installingResolver(
  rootAbs: string,
  staging: string,
  locked: ReadonlyMap<string, ModuleLock>,
  newLocks: Map<string, ModuleLock>,
  downloaded: Set<string>,
  fetcher: Fetcher,
): AsyncRemoteResolver {
  return {
    async resolve(req) {
      const displayRoot = posix.join(INSTALL_DIR, req.key);
      const installed = join(rootAbs, INSTALL_DIR, req.key);
      const lockedEntry = locked.get(req.key);
      const sameSource = lockedEntry !== undefined && lockedEntry.source === req.call.sourceAddr;
      if (sameSource && existsSync(installed)) {
        const hash = hashModulePackage(installed);
        if (hash !== lockedEntry.hash) return { diags: [lockMismatch(req.key, req.call.sourceAddr, displayRoot, hash, lockedEntry.hash, req.call.sourceAddrRange)] };
        newLocks.set(req.key, lockedEntry);
        return { pkg: { installKey: req.key, address: req.address, displayRoot, diskRoot: installed } };
      }
      const stage = join(staging, req.key);
      const fetched = await fetchOnce(req, stage, fetcher);
      if ("error" in fetched) return { diags: [downloadFailed(req.call, fetched.error)] };
      const entry: ModuleLock = { key: req.key, source: req.call.sourceAddr, ...fetched, hash: hashModulePackage(stage) };
      if (sameSource) {
        const drift = describeDrift(lockedEntry, entry);
        if (drift !== undefined) {
          return {
            diags: [
              errorDiag(
                "Module does not match the dependency lock file",
                `${moduleAddr(req.key)} ("${req.call.sourceAddr}") ${drift}. The source changed after it was locked (a moved tag, a new commit on a branch or a replaced archive), and Cairn will not install module code that differs from what was locked. Run "cairn init -upgrade" to accept the module's current content and update ${LOCK_FILE_NAME}.`,
                req.call.sourceAddrRange,
              ),
            ],
          };
        }
      }
      newLocks.set(req.key, entry);
      downloaded.add(req.key);
      return { pkg: { installKey: req.key, address: req.address, displayRoot, diskRoot: stage } };
    },
  };
}

type PackageFetch = { commit: string } | { digest: string } | { error: string };

/** A package fetched earlier in this run: where it was staged, and what fetching it gave. */
interface PriorFetch {
  readonly stage: string;
  readonly fetched: PackageFetch;
}

/**
 * Fetches each package address once per run, as Terraform's reusingGetter does: every further call of the same
 * package (500 calls of one git module, or its //subdirectories) gets a copy of the first download, so it also
 * gets the same commit even if the branch moves meanwhile. A failed fetch is not retried for each call either;
 * each call still reports it.
 */
async function fetchOnce(req: RemoteRequest, stage: string, fetcher: Fetcher): Promise<PackageFetch> {
  const prior = fetcher.prior;
  const done = prior.get(req.address);
  if (done !== undefined) {
    if ("error" in done.fetched) return done.fetched;
    cpSync(done.stage, stage, { recursive: true, verbatimSymlinks: true });
    return done.fetched;
  }
  const fetched = await fetchPackage(req, stage, fetcher);
  prior.set(req.address, { stage, fetched });
  return fetched;
}

async function fetchPackage(req: RemoteRequest, stage: string, fetcher: Fetcher): Promise<PackageFetch> {
  if (fetcher.signal.aborted) return { error: "interrupted" };
  if (req.source.kind === "archive") {
    const archive = req.archiveDiskPath!;
    if (!existsSync(archive)) return { error: `the archive ${req.source.path} does not exist` };
    // extractArchive follows every link it creates; nothing more to check.
    return extractArchive(archive, req.source.format, stage, fetcher);
  }
  const fetched = await fetchGit(req.source, stage, fetcher.signal);
  if ("error" in fetched) return fetched;
  // A repository's links are checked as an archive's are: following them must never leave the package.
  const escape = findEscapingLink(stage);
  if (escape === undefined) return fetched;
  rmSync(stage, { recursive: true, force: true });
  return {
    error:
      escape.why === "loop"
        ? `the symbolic link "${escape.link}" (to "${escape.target}") in the repository never resolves: it leads through a loop of links`
        : `the symbolic link "${escape.link}" (to "${escape.target}") in the repository leads outside the module package`,
  };
}

function describeDrift(was: ModuleLock, now: ModuleLock): string | undefined {
  if (was.commit !== undefined && now.commit !== undefined && was.commit !== now.commit) {
    return `now resolves to commit ${now.commit}, but ${LOCK_FILE_NAME} records commit ${was.commit}`;
  }
  if (was.digest !== undefined && now.digest !== undefined && was.digest !== now.digest) {
    return `is now an archive with digest ${now.digest}, but ${LOCK_FILE_NAME} records ${was.digest}`;
  }
  if (was.hash !== now.hash) return `now has the content hash ${now.hash}, but ${LOCK_FILE_NAME} records ${was.hash}`;
  return undefined;
}

/** Moves the downloaded packages into place and removes packages of calls that no longer exist. */
function commitPackages(rootAbs: string, staging: string, downloaded: ReadonlySet<string>, keep: ReadonlySet<string>): void {
  const base = join(rootAbs, INSTALL_DIR);
  if (downloaded.size === 0 && !existsSync(base)) return;
  mkdirSync(base, { recursive: true });
  for (const key of downloaded) {
    const dest = join(base, key);
    rmSync(dest, { recursive: true, force: true });
    moveDir(join(staging, key), dest);
  }
  for (const name of readdirSync(base)) if (!keep.has(name)) rmSync(join(base, name), { recursive: true, force: true });
}

function moveDir(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    // The staging directory is on another file system (a tmpfs /tmp): copy, then drop the original.
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    rmSync(from, { recursive: true, force: true });
  }
}

function progressLines(tree: ModuleTree, downloaded: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const node of tree.nodes) {
    if (node.call === undefined || node.source === undefined) continue;
    if (node.source.kind === "local") lines.push(`- ${node.key} in ${node.dir}`);
    else if (downloaded.has(node.key)) lines.push(`Downloading ${node.call.sourceAddr} for ${node.key}...`, `- ${node.key} in ${node.dir}`);
  }
  return lines;
}

/** The bytes of every file named in the tree's ranges, read now (before a staging directory disappears). */
export function readSourceBytes(tree: ModuleTree): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, disk] of tree.diskPaths) {
    try {
      out.set(name, readFileSync(disk));
    } catch {
      // A file that vanished meanwhile is shown without a snippet.
    }
  }
  return out;
}

function emptyTree(rootAbs: string): ModuleTree {
  return walkModuleTree(rootAbs, { resolve: () => ({ diags: [] }) }).tree;
}
