// The one configuration loader: the root module of a directory and, when it calls modules, the whole module
// tree (modules/ loadModuleTree: local modules read in place, installed ones verified against the lock file),
// with every file's bytes for rendering diagnostics. File names stay relative to the directory (`main.tf`,
// `modules/web/main.tf`), as Terraform's diagnostics name them, without changing the process's directory.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadModuleDir, type ConfigModule } from "../config/index.js";
import { parseTestFile, type TestFile } from "../config/test-file.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import type { Body } from "../lang/syntax/ast.js";
import type { ChildModuleConfig } from "../planner/eval/module-configs.js";
import { loadModuleTree } from "../modules/index.js";
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
  /** Load the module tree too (default); false reads the root module alone (init, the keyring). */
  readonly tree?: boolean;
  /** The caller/callee checks of the tree (default true; `init` and saved plans' snapshots skip them). */
  readonly checks?: boolean;
  /** Check references to undeclared names (default true; `init` leaves them to validate, as Terraform's does). */
  readonly references?: boolean;
  /** Parse expressions only when read, where that cannot hide a syntax error (config/load-dir.ts; `init`). */
  readonly deferExpressions?: boolean;
}

export function loadConfiguration(dir: string, opts: LoadOptions = {}): LoadedConfiguration {
  const root = loadModuleDir(".", dir, { references: opts.references, deferExpressions: opts.deferExpressions });
  const rootFiles = [...root.module.primaryFiles, ...root.module.overrideFiles];
  if (opts.tree === false || root.module.moduleCalls.size === 0) {
    const sources = sourcesOf(rootFiles.map((f) => [f, join(dir, f)]), root.nativeBodies);
    return { module: root.module, nativeBodies: root.nativeBodies, diags: root.diags, modules: [], sources };
  }
  const { tree, diags } = loadModuleTree(dir, { root, checks: opts.checks });
  const own = new Set(rootFiles);
  const files: [string, string][] = [...rootFiles.map((f): [string, string] => [f, join(dir, f)]), ...[...tree.diskPaths].filter(([f]) => !own.has(f))];
  return { module: tree.root.module, nativeBodies: tree.nativeBodies, diags, modules: tree.nodes, sources: sourcesOf(files, tree.nativeBodies) };
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

export interface LoadedTestFiles {
  /** By name (`main.tftest.hcl`, `tests/a.tftest.hcl`), in Terraform's order: by name. */
  readonly files: ReadonlyMap<string, TestFile>;
  readonly sources: Map<string, SourceFile>;
  readonly diags: Diagnostic[];
}

/**
 * The test files of a module (Terraform's LoadConfigWithTests): `*.tftest.hcl` in the directory and in its
 * test directory (`tests` unless -test-directory names another), named relative to the directory.
 */
export function loadTestFiles(dir: string, testDir: string): LoadedTestFiles {
  const files = new Map<string, TestFile>();
  const sources = new Map<string, SourceFile>();
  const diags: Diagnostic[] = [];
  const names: string[] = [];
  for (const sub of [".", testDir]) {
    const full = join(dir, sub);
    if (!existsSync(full) || !statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).sort()) if (f.endsWith(".tftest.hcl") && statSync(join(full, f)).isFile()) names.push(sub === "." ? f : join(sub, f));
  }
  for (const name of [...new Set(names)].sort()) {
    const bytes = readFileSync(join(dir, name));
    const parsed = parseTestFile(bytes, name);
    diags.push(...parsed.diags);
    files.set(name, parsed.file);
    sources.set(name, parsed.body !== undefined ? sourceFileFromAst({ filename: name, body: parsed.body, bytes }) : sourceFileFromBytes(bytes));
  }
  return { files, sources, diags };
}
