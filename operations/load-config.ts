// The one configuration loader: the root module of a directory and, when it calls modules, the whole module
// tree (modules/ loadModuleTree: local modules read in place, installed ones verified against the lock file),
// with every file's bytes for rendering diagnostics. File names stay relative to the directory (`main.tf`,
// `modules/web/main.tf`), as Terraform's diagnostics name them, without changing the process's directory.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModuleDir, type ConfigModule } from "../config/index.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { Body } from "../lang/syntax/ast.js";
import type { ChildModuleConfig } from "../planner/eval/module-configs.js";
import { loadModuleTree } from "../modules/index.js";
import { sourceFileFromAst, sourceFileFromBytes, type SourceFile } from "../lang/source-files.js";

export interface LoadedConfiguration {
  readonly module: ConfigModule;
  readonly nativeBodies: ReadonlyMap<string, Body>;
  readonly diags: Diagnostic[];
  /** The root module's undeclared-reference errors (also in diags), which `init` leaves to validate. */
  readonly referenceDiags: readonly Diagnostic[];
  /** Module tree nodes (root first) when the tree was loaded and the root calls modules; empty otherwise. */
  readonly modules: readonly ChildModuleConfig[];
  /** Every file read (root and child modules), by the name diagnostics carry. */
  readonly sources: Map<string, SourceFile>;
}

export interface LoadOptions {
  /** Load the module tree too (default); false reads the root module alone (init, the keyring). */
  readonly tree?: boolean;
  /** The caller/callee checks of the tree (default true; `init` and saved plans' snapshots skip them). */
  readonly checks?: boolean;
}

export function loadConfiguration(dir: string, opts: LoadOptions = {}): LoadedConfiguration {
  const root = loadModuleDir(".", dir);
  const rootFiles = [...root.module.primaryFiles, ...root.module.overrideFiles];
  if (opts.tree === false || root.module.moduleCalls.size === 0) {
    const sources = sourcesOf(rootFiles.map((f) => [f, join(dir, f)]), root.nativeBodies);
    return { module: root.module, nativeBodies: root.nativeBodies, diags: root.diags, referenceDiags: root.referenceDiags, modules: [], sources };
  }
  const { tree, diags } = loadModuleTree(dir, { root, checks: opts.checks });
  const own = new Set(rootFiles);
  const files: [string, string][] = [...rootFiles.map((f): [string, string] => [f, join(dir, f)]), ...[...tree.diskPaths].filter(([f]) => !own.has(f))];
  return { module: tree.root.module, nativeBodies: tree.nativeBodies, diags, referenceDiags: root.referenceDiags, modules: tree.nodes, sources: sourcesOf(files, tree.nativeBodies) };
}

function sourcesOf(files: Iterable<[string, string]>, bodies: ReadonlyMap<string, Body>): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  for (const [name, disk] of files) {
    if (!existsSync(disk)) continue;
    const bytes = readFileSync(disk);
    const body = bodies.get(name);
    sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
  }
  return sources;
}
