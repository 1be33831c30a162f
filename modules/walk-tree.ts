// Builds the static module tree from the root directory with an explicit stack (module chains may be long;
// the JavaScript stack must not grow with them). Each call's source is parsed and resolved to a directory:
// local paths within the calling module's package, git and archive sources through a RemoteResolver (the
// installer fetches them, every other command checks the installed copy against the lock file). A call that
// leads back to a module already on its own chain of callers is reported with the chain instead of being
// followed, since it would never end.

import { existsSync, realpathSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { Module } from "../addrs/index.js";
import { type LoadedModule, type LoadModuleOptions, type ModuleCall, loadModuleDir } from "../config/index.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Body } from "../lang/syntax/ast.js";
import { callLocation, downloadFailed } from "./messages.js";
import { type ArchiveSource, type GitSource, parseModuleSource } from "./source-addr.js";
import type { ModulePackage, ModuleTree, ModuleTreeNode } from "./tree-model.js";

export interface RemoteRequest {
  readonly key: string;
  readonly path: Module;
  readonly call: ModuleCall;
  readonly source: GitSource | ArchiveSource;
  /** The package's address without its subdirectory: the git URL and ref, or the archive's absolute path. */
  readonly address: string;
  /** Archives: where the archive file is. */
  readonly archiveDiskPath?: string;
}

export type Resolved = { readonly pkg: ModulePackage } | { readonly diags: Diagnostic[] };

export interface RemoteResolver {
  /** Makes a remote package available on disk, or says why it cannot. */
  resolve(req: RemoteRequest): Resolved;
}

/** The installer's resolver: downloading and extracting are asynchronous, so that they stream and can be interrupted. */
export interface AsyncRemoteResolver {
  resolve(req: RemoteRequest): Promise<Resolved>;
}

type WalkResult = { tree: ModuleTree; diags: Diagnostic[] };
/** The walk yields each remote package it needs and is resumed with the resolver's answer. */
type Walk<T> = Generator<RemoteRequest, T, Resolved>;

export const INSTALL_DIR = ".cairn/modules";
/** Far deeper than any real configuration; only a guard against a chain of ever-different remote sources. */
const MAX_DEPTH = 200;

/**
 * Walks the tree from rootDir. preloadedRoot, when given, is the root module as loadModuleDir(".") read it in
 * rootDir (filenames relative to it): commands that load the root first to see whether it calls modules need
 * not parse it twice (500 module blocks take as long to parse as the rest of the walk).
 */
export function walkModuleTree(rootDir: string, resolver: RemoteResolver, preloadedRoot?: LoadedModule): WalkResult {
  const walk = walkSteps(rootDir, preloadedRoot);
  for (let step = walk.next(); ; ) {
    if (step.done === true) return step.value;
    step = walk.next(resolver.resolve(step.value));
  }
}

/**
 * walkModuleTree with an asynchronous resolver: module installation (`cairn init`, `cairn get`). It loads
 * each module without the reference check: installing decides what to fetch, and Terraform's installer
 * leaves references to undeclared names to validate (init and get succeed with them).
 */
export async function walkModuleTreeAsync(rootDir: string, resolver: AsyncRemoteResolver): Promise<WalkResult> {
  const walk = walkSteps(rootDir, undefined, { references: false });
  for (let step = walk.next(); ; ) {
    if (step.done === true) return step.value;
    step = walk.next(await resolver.resolve(step.value));
  }
}

function* walkSteps(rootDir: string, preloadedRoot: LoadedModule | undefined, loadOpts: LoadModuleOptions = {}): Walk<WalkResult> {
  const rootAbs = resolve(rootDir);
  const diags: Diagnostic[] = [];
  const dirs = new DirectoryFacts();
  const nativeBodies = new Map<string, Body>();
  const diskPaths = new Map<string, string>();
  // The same directory called many times (500 calls of ./module) is parsed once: ConfigModule is immutable.
  const cache = new Map<string, LoadedModule>();
  const load = (dir: string, diskDir: string): LoadedModule => {
    const cacheKey = `${dir}\u0000${diskDir}`;
    let loaded = cache.get(cacheKey);
    if (loaded === undefined) {
      loaded = preloadedRoot !== undefined && dir === "." && diskDir === rootAbs ? preloadedRoot : loadModuleDir(dir, diskDir, loadOpts);
      cache.set(cacheKey, loaded);
      diags.push(...loaded.diags);
      for (const [name, body] of loaded.nativeBodies) nativeBodies.set(name, body);
      for (const name of [...loaded.module.primaryFiles, ...loaded.module.overrideFiles]) {
        diskPaths.set(name, join(diskDir, posix.relative(dir, name.split("\\").join("/"))));
      }
    }
    return loaded;
  };

  const rootPkg: ModulePackage = { address: "", displayRoot: ".", diskRoot: rootAbs };
  const root: ModuleTreeNode = {
    path: Module.root,
    key: "",
    children: new Map(),
    module: load(".", rootAbs).module,
    dir: ".",
    diskDir: rootAbs,
    pkg: rootPkg,
    identity: `dir:${dirs.realpath(rootAbs)}`,
  };
  const nodes: ModuleTreeNode[] = [];
  const stack: ModuleTreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const calls = [...node.module.moduleCalls.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const children: ModuleTreeNode[] = [];
    for (const call of calls) {
      const child = yield* resolveCall(node, call, diags, load, dirs);
      if (child === undefined) continue;
      node.children.set(call.name, child);
      children.push(child);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { tree: { root, nodes, nativeBodies, diskPaths }, diags };
}

function* resolveCall(
  parent: ModuleTreeNode,
  call: ModuleCall,
  diags: Diagnostic[],
  load: (dir: string, diskDir: string) => LoadedModule,
  dirs: DirectoryFacts,
): Walk<ModuleTreeNode | undefined> {
  if (call.sourceAddr === "") return undefined; // decodeModuleCall already reported the missing/invalid source
  const parsed = parseModuleSource(call.sourceAddr);
  if ("error" in parsed) {
    diags.push(
      errorDiag(
        parsed.unsupported ? "Unsupported module source" : "Invalid module source address",
        `Module "${call.name}" (${callLocation(call)}) has source "${call.sourceAddr}": ${parsed.error}`,
        call.sourceAddrRange,
      ),
    );
    return undefined;
  }
  const source = parsed.source;
  if (call.version !== undefined) {
    // As Terraform: a version makes the source a registry address, which a local path or URL is not.
    const why =
      source.kind === "local"
        ? `can't use local directory ${JSON.stringify(call.sourceAddr)} as a module registry address`
        : "it is not a module registry address";
    diags.push(
      errorDiag(
        "Invalid registry module source address",
        `Failed to parse module registry address: ${why}.\n\nCairn assumed that you intended a module registry source address because you also set the argument "version", which applies only to registry modules.`,
        call.sourceAddrRange,
      ),
    );
    return undefined;
  }
  const path = parent.path.child(call.name);
  const key = path.names.join(".");
  if (path.names.length > MAX_DEPTH) {
    diags.push(errorDiag("Module nesting too deep", `Module calls are nested more than ${MAX_DEPTH} levels deep at ${path.toString()}.`, call.sourceAddrRange));
    return undefined;
  }

  let pkg: ModulePackage;
  let subdir: string;
  if (source.kind === "local") {
    pkg = parent.pkg;
    subdir = posix.normalize(posix.join(posix.relative(pkg.displayRoot, parent.dir), source.path));
    if (pkg.installKey !== undefined && (subdir === ".." || subdir.startsWith("../"))) {
      diags.push(
        errorDiag(
          "Local module path escapes module package",
          `The given source directory for module "${call.name}" would be outside of its containing package "${pkg.address}". Local source addresses starting with "../" must stay within the same package that the calling module belongs to.`,
          call.sourceAddrRange,
        ),
      );
      return undefined;
    }
  } else {
    let archiveDiskPath: string | undefined;
    let address: string;
    if (source.kind === "archive") {
      archiveDiskPath = resolve(parent.diskDir, source.path);
      const archiveDisplay = posix.normalize(posix.join(parent.dir, source.path));
      if (parent.pkg.installKey !== undefined && posix.relative(parent.pkg.displayRoot, archiveDisplay).startsWith("..")) {
        diags.push(downloadFailed(call, `the archive path leaves the module package "${parent.pkg.address}" it is called from`));
        return undefined;
      }
      address = `archive:${existsSync(archiveDiskPath) ? realpathSync(archiveDiskPath) : archiveDiskPath}`;
    } else {
      address = `git::${source.url}${source.ref !== undefined ? `?ref=${source.ref}` : ""}`;
    }
    const got = yield { key, path, call, source, address, ...(archiveDiskPath !== undefined ? { archiveDiskPath } : {}) };
    if ("diags" in got) {
      diags.push(...got.diags);
      return undefined;
    }
    pkg = got.pkg;
    subdir = source.subdir === "" ? "." : source.subdir;
  }

  const dir = posix.join(pkg.displayRoot, subdir);
  const diskDir = join(pkg.diskRoot, ...subdir.split("/"));
  const problem = dirs.problem(diskDir);
  if (problem !== undefined) {
    diags.push(
      errorDiag(
        source.kind === "local" ? "Unreadable module directory" : "Invalid module subdirectory",
        source.kind === "local"
          ? `The directory ${dir} ${problem}. Module "${call.name}" has source "${call.sourceAddr}", a path relative to the directory of the calling module (${parent.dir}); a module source must name a directory of .tf files, a git repository ("git::<url>") or a .tar.gz, .tgz or .zip archive.`
          : `The package of module "${call.name}" ("${call.sourceAddr}") has no subdirectory "${source.subdir}": ${dir} ${problem}.`,
        call.sourceAddrRange,
      ),
    );
    return undefined;
  }
  const identity = source.kind === "local" && pkg.installKey === undefined ? `dir:${dirs.realpath(diskDir)}` : `${pkg.address}//${subdir}`;
  const cycle = findCycle(parent, identity, call);
  if (cycle !== undefined) {
    diags.push(cycle);
    return undefined;
  }
  return { path, key, call, parent, children: new Map(), module: load(dir, diskDir).module, dir, diskDir, source, pkg, identity };
}

/**
 * What the walk asks the file system about a module directory, asked once per directory: the same directory
 * is called from every instance of its caller (1,092 calls of 6 directories in a 6-level fan-out of 3), and a
 * walk takes well under a second, during which the directories are taken not to change.
 */
class DirectoryFacts {
  private readonly problems = new Map<string, string | undefined>();
  private readonly realpaths = new Map<string, string>();

  /** Why diskDir cannot be a module directory, or undefined when it can. */
  problem(diskDir: string): string | undefined {
    if (this.problems.has(diskDir)) return this.problems.get(diskDir);
    let problem: string | undefined;
    try {
      problem = statSync(diskDir).isDirectory() ? undefined : "is a file, not a directory";
    } catch {
      problem = "does not exist or cannot be read";
    }
    this.problems.set(diskDir, problem);
    return problem;
  }

  realpath(diskDir: string): string {
    let real = this.realpaths.get(diskDir);
    if (real === undefined) {
      real = realpathSync(diskDir);
      this.realpaths.set(diskDir, real);
    }
    return real;
  }
}

/** If identity is the parent's or one of its ancestors', the diagnostic naming the chain of calls. */
function findCycle(parent: ModuleTreeNode, identity: string, call: ModuleCall): Diagnostic | undefined {
  const chain: string[] = [`module.${call.name}`];
  for (let n: ModuleTreeNode | undefined = parent; n !== undefined; n = n.parent) {
    if (n.identity === identity) {
      // The chain starts and ends at the repeated module: `module.a → module.b → module.a`.
      const first = n.call !== undefined ? `module.${n.call.name}` : "the root module";
      const names = [first, ...chain];
      return errorDiag(
        "Module calls itself",
        `Module "${call.name}" (${callLocation(call)}) calls ${n.call !== undefined ? `the module of ${n.path.toString()}` : "the root module"} (${n.dir}) again, through the chain ${names.join(" → ")}. A module cannot call itself directly or through other modules: loading it would never end.`,
        call.sourceAddrRange,
      );
    }
    if (n.call !== undefined) chain.unshift(`module.${n.call.name}`);
  }
  return undefined;
}
