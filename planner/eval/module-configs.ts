// The child modules of a configuration as the planner needs them: one entry per module *call* (a static
// path), with the call block in the parent and the child's decoded configuration. modules/ builds these
// (ModuleTree nodes satisfy this shape); the planner does not import modules/.

import type { Module } from "../../addrs/module.js";
import type { ConfigModule, ModuleCall } from "../../config/model.js";
import type { ContentAttribute } from "../../lang/body.js";

export interface ChildModuleConfig {
  /** `module.a.module.b`: never the root. */
  readonly path: Module;
  /** The `module` block in the parent that made this node. */
  readonly call?: ModuleCall;
  readonly module: ConfigModule;
  /** The module directory relative to the working directory (`path.module`). */
  readonly dir: string;
}

/** The non-root nodes of a module tree (or any list of such nodes), parents before children. */
export function childModules(nodes: readonly ChildModuleConfig[] | undefined): ChildModuleConfig[] {
  return (nodes ?? []).filter((n) => !n.path.isRoot() && n.call !== undefined);
}

const argumentsCache = new WeakMap<ModuleCall, ReadonlyMap<string, ContentAttribute>>();

/** The input variables a call sets, by name (its body's attributes; read once per call). */
export function callArguments(call: ModuleCall): ReadonlyMap<string, ContentAttribute> {
  let args = argumentsCache.get(call);
  if (args === undefined) argumentsCache.set(call, (args = call.config.justAttributes().attributes));
  return args;
}
