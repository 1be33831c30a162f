// The static module tree (Terraform's configs.Config): one node per module *call*, each holding the child's
// configuration. Not instances: `count` and `for_each` are expanded later, by the planner, on top of this.

import type { Module } from "../addrs/index.js";
import type { ConfigModule, ModuleCall } from "../config/index.js";
import type { Body } from "../lang/syntax/ast.js";
import type { ModuleSource } from "./source-addr.js";

/**
 * A module package: the unit that is downloaded. The root package is the configuration's own directory
 * tree; every git or archive call installs one package into `.cairn/modules/<key>`. Local paths inside a
 * package resolve within that package.
 */
export interface ModulePackage {
  /** The call path key that installed it (`web.db`); undefined for the root package. */
  readonly installKey?: string;
  /** The source address of the package without its subdirectory ("" for the root package). */
  readonly address: string;
  /** The package root as diagnostics and `path.module` show it, relative to the working directory. */
  readonly displayRoot: string;
  /** Where the package's files are on disk at the moment (absolute; a staging directory during init). */
  readonly diskRoot: string;
}

export interface ModuleTreeNode {
  /** `module.a.module.b`; the root module is the empty path. */
  readonly path: Module;
  /** The call names joined by "." (`a.b`), as the lock file and `.cairn/modules/` name them; "" for the root. */
  readonly key: string;
  /** The `module` block in the parent that made this node; undefined for the root. */
  readonly call?: ModuleCall;
  readonly parent?: ModuleTreeNode;
  /** By call name, in the order of the parent's calls sorted by name. */
  readonly children: Map<string, ModuleTreeNode>;
  readonly module: ConfigModule;
  /** The module directory relative to the working directory (`modules/web`, `.cairn/modules/web/sub`, `.`). */
  readonly dir: string;
  readonly diskDir: string;
  readonly source?: ModuleSource;
  readonly pkg: ModulePackage;
  /** What makes two calls the same module, for finding a module that calls itself. */
  readonly identity: string;
}

export interface ModuleTree {
  readonly root: ModuleTreeNode;
  /** Every node, parents before children (depth first, calls by name). */
  readonly nodes: readonly ModuleTreeNode[];
  /** Native-syntax ASTs of every loaded file, keyed by the filename that ranges carry. */
  readonly nativeBodies: ReadonlyMap<string, Body>;
  /** Where each file named in ranges is on disk, for rendering diagnostics with source snippets. */
  readonly diskPaths: ReadonlyMap<string, string>;
}

/** The node for a static module path, if the tree has it. */
export function findNode(tree: ModuleTree, path: Module): ModuleTreeNode | undefined {
  let node: ModuleTreeNode | undefined = tree.root;
  for (const name of path.names) {
    node = node.children.get(name);
    if (node === undefined) return undefined;
  }
  return node;
}
