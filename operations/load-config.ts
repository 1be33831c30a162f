// The one configuration loader: the root module of a directory (load-root.ts) and, when it calls modules, the
// whole module tree (modules/ loadModuleTree: local modules read in place, installed ones verified against the
// lock file), with every file's bytes for rendering diagnostics. File names stay relative to the directory
// (`main.tf`, `modules/web/main.tf`), as Terraform's diagnostics name them, without changing the process's
// directory. Readers of the root module alone use loadRootConfiguration (load-root.ts).

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseTestFile, type TestFile } from "../config/test-file.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import { loadModuleTree } from "../modules/load-tree.js";
import { sourceFileFromAst, sourceFileFromBytes, type SourceFile } from "../lang/source-files.js";
import { loadRootModule, rootFiles, rootOnly, sourcesOf, type LoadedConfiguration, type LoadOptions } from "./load-root.js";

export type { LoadedConfiguration, LoadOptions } from "./load-root.js";

export function loadConfiguration(dir: string, opts: LoadOptions = {}): LoadedConfiguration {
  const root = loadRootModule(dir, opts);
  if (root.module.moduleCalls.size === 0) return rootOnly(dir, root);
  const { tree, diags } = loadModuleTree(dir, { root, checks: opts.checks });
  const own = new Set(rootFiles(root.module));
  const files: [string, string][] = [...rootFiles(root.module).map((f): [string, string] => [f, join(dir, f)]), ...[...tree.diskPaths].filter(([f]) => !own.has(f))];
  return { module: tree.root.module, nativeBodies: tree.nativeBodies, diags, modules: tree.nodes, sources: sourcesOf(files, tree.nativeBodies) };
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
