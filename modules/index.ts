// modules/: module sources (local paths, git, local archives), installation into `.cairn/modules/` with the
// `.cairn.lock.hcl` lock file and its content hashes, the static module tree with its caller/callee checks,
// and workspaces (selection and per-workspace state paths). Imports lang, addrs and
// config only; must not import graph, plan, apply, state, providers or cmd.

export { loadModuleTree, type LoadTreeOptions } from "./load-tree.js";
export { installModules, readSourceBytes, type InstallOptions, type InstallResult } from "./install.js";
export { findNode, type ModuleTree, type ModuleTreeNode, type ModulePackage } from "./tree-model.js";
export { parseModuleSource, type ModuleSource, type LocalSource, type GitSource, type ArchiveSource } from "./source-addr.js";
export { hashModulePackage } from "./content-hash.js";
export { LOCK_FILE_NAME, readLockFile, type ModuleLock, type LockFile } from "./lock-file.js";
export type { ModuleDiagnostic } from "./messages.js";
export {
  DEFAULT_WORKSPACE,
  ENVIRONMENT_FILE,
  listWorkspaces,
  selectedWorkspace,
  validWorkspaceName,
  workspaceExists,
  workspaceStatePath,
  type SelectedWorkspace,
} from "./workspace.js";
