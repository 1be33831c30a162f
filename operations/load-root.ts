// The root module of a directory alone, with every file's bytes for rendering diagnostics: the first step of
// the one configuration loader (load-config.ts), and all of it for readers that need only the root module
// (init, the keyring, the backend). Its own module so that those readers do not load the module tree's
// code (lock file, installed-module checks, the formatter the lock file is written with). File names stay
// relative to the directory (`main.tf`), as Terraform's diagnostics name them.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModuleDir, type ConfigModule, type LoadedModule } from "../config/index.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { Body } from "../lang/syntax/ast.js";
import type { ChildModuleConfig } from "../planner/eval/module-configs.js";
import { sourceFileFromAst, sourceFileFromBytes, type SourceFile } from "../lang/source-files.js";

export interface LoadedConfiguration {
  readonly module: ConfigModule;
  readonly nativeBodies: ReadonlyMap<string, Body>;
  readonly diags: Diagnostic[];
  /** Module tree nodes (root first) when the tree was loaded and the root calls modules; empty otherwise. */
  readonly modules: readonly ChildModuleConfig[];
  /** Every file read (root and child modules), by the name diagnostics carry. */
  readonly sources: Map<string, SourceFile>;
}

export interface LoadOptions {
  /** The caller/callee checks of the tree (default true; `init` and saved plans' snapshots skip them). */
  readonly checks?: boolean;
  /** Check references to undeclared names (default true; `init` leaves them to validate, as Terraform's does). */
  readonly references?: boolean;
  /** Parse expressions only when read, where that cannot hide a syntax error (config/load-dir.ts; `init`). */
  readonly deferExpressions?: boolean;
}

/** The root module of `dir` without the modules it calls. */
export function loadRootConfiguration(dir: string, opts: LoadOptions = {}): LoadedConfiguration {
  const root = loadRootModule(dir, opts);
  return rootOnly(dir, root);
}

/** loadModuleDir for the root module, with the options. */
export function loadRootModule(dir: string, opts: LoadOptions): LoadedModule {
  return loadModuleDir(".", dir, { references: opts.references, deferExpressions: opts.deferExpressions });
}

/** The configuration of a root module loaded without its tree. */
export function rootOnly(dir: string, root: LoadedModule): LoadedConfiguration {
  const sources = sourcesOf(rootFiles(root.module).map((f) => [f, join(dir, f)]), root.nativeBodies);
  return { module: root.module, nativeBodies: root.nativeBodies, diags: root.diags, modules: [], sources };
}

export function rootFiles(module: ConfigModule): string[] {
  return [...module.primaryFiles, ...module.overrideFiles];
}

export function sourcesOf(files: Iterable<[string, string]>, bodies: ReadonlyMap<string, Body>): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  for (const [name, disk] of files) {
    if (!existsSync(disk)) continue;
    const bytes = readFileSync(disk);
    const body = bodies.get(name);
    sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
  }
  return sources;
}
