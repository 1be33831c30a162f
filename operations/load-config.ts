// The configuration a planning command works on: the root module, and, when it calls modules, the whole
// module tree (modules/ loadModuleTree: local modules read in place, installed ones verified against the
// lock file) with every child module's files for rendering diagnostics.

import { existsSync, readFileSync } from "node:fs";
import { loadModuleDir, type ConfigModule } from "../config/index.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { Body } from "../lang/syntax/ast.js";
import type { ChildModuleConfig } from "../planner/core/module-configs.js";
import { loadModuleTree } from "../modules/index.js";
import type { SourceFile } from "../lang/source-files.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../lang/source-files.js";

export interface LoadedConfiguration {
  readonly module: ConfigModule;
  readonly nativeBodies: ReadonlyMap<string, Body>;
  readonly diags: Diagnostic[];
  /** Module tree nodes (root first) when the root calls modules; empty otherwise. */
  readonly modules: readonly ChildModuleConfig[];
  /** Child modules' files: filename as ranges carry it -> path on disk. */
  readonly childFiles: ReadonlyMap<string, string>;
}

export function loadConfiguration(cwd: string): LoadedConfiguration {
  const root = loadModuleDir(".", cwd);
  if (root.module.moduleCalls.size === 0) return { module: root.module, nativeBodies: root.nativeBodies, diags: root.diags, modules: [], childFiles: new Map() };
  const { tree, diags } = loadModuleTree(cwd, { root });
  const rootFiles = new Set(root.module.primaryFiles);
  const childFiles = new Map([...tree.diskPaths].filter(([f]) => !rootFiles.has(f)));
  return { module: tree.root.module, nativeBodies: tree.nativeBodies, diags, modules: tree.nodes, childFiles };
}

/** Adds every child module file to a command's diagnostic sources. */
export function addChildSources(sources: Map<string, SourceFile>, loaded: LoadedConfiguration): void {
  for (const [fname, disk] of loaded.childFiles) {
    if (!existsSync(disk)) continue;
    const bytes = readFileSync(disk);
    const body = loaded.nativeBodies.get(fname);
    sources.set(fname, body !== undefined ? sourceFileFromAst({ filename: fname, body, bytes }) : sourceFileFromBytes(bytes));
  }
}

