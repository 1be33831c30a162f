// loadModuleTree: what every command after `cairn init` starts from. The root module and every module it
// calls, to any depth, with git and archive modules taken from `.cairn/modules/` only after their content
// hash matched `.cairn.lock.hcl`, then the static checks between callers and callees.

import { resolve } from "node:path";
import type { LoadedModule } from "../config/index.js";
import type { Diagnostic } from "../lang/diagnostics.js";
import { checkModuleCalls } from "./call-checks.js";
import { readLockFile } from "./lock-file.js";
import type { ModuleTree } from "./tree-model.js";
import { verifyingResolver } from "./verify-installed.js";
import { walkModuleTree } from "./walk-tree.js";

export interface LoadTreeOptions {
  /** The caller/callee checks (inputs, arguments, outputs); `cairn init` skips them as Terraform's does. */
  readonly checks?: boolean;
  /** The root module as loadModuleDir(".") already read it in rootDir, so it is not parsed again. */
  readonly root?: LoadedModule;
}

/**
 * Loads the module tree rooted at rootDir. Filenames in ranges are relative to rootDir (`main.tf`,
 * `modules/web/main.tf`, `.cairn/modules/vpc/main.tf`). Returns the tree even when there are errors (calls
 * that could not be resolved are left out of it).
 */
export function loadModuleTree(rootDir: string, opts: LoadTreeOptions = {}): { tree: ModuleTree; diags: Diagnostic[] } {
  const rootAbs = resolve(rootDir);
  const { lock, diags: lockDiags } = readLockFile(rootAbs);
  const { tree, diags } = walkModuleTree(rootAbs, verifyingResolver(rootAbs, lock), opts.root);
  const all: Diagnostic[] = [...lockDiags, ...diags];
  // Calls that failed to resolve are not in the tree, so the checks never repeat their problems.
  if (opts.checks !== false) all.push(...checkModuleCalls(tree));
  return { tree, diags: all };
}
