// One Scope per module path (single-instance module calls): a child module's expressions see its own
// variables, locals, resources and calls; its input variables are evaluated in the caller's scope from the
// call's arguments, and its outputs become `module.<call>.<name>` in the caller's scope.

import { Module } from "../addrs/module.js";
import { errorDiag, hasErrors, type Diagnostic } from "../lang/diagnostics.js";
import { evaluate } from "../lang/eval/evaluate.js";
import { convert } from "../lang/values/convert.js";
import { DynamicVal, NullDynamic, SENSITIVE, type Value } from "../lang/values/value.js";
import type { ConfigModule } from "../config/model.js";
import type { ChildModuleConfig } from "./module-configs.js";
import { nodeScopeRefs } from "./node-refs.js";
import type { GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";
import { Scope, type ScopeView } from "./scope.js";
import { evalModule } from "./transform-references.js";
import { evaluateOutput } from "../plan/outputs.js";

/** Scopes by `Module.toString()` ("" for the root). */
export type ModuleScopes = ReadonlyMap<string, Scope>;

/** The scopes of the root and every child module, each caller knowing its calls' output names. */
export function moduleScopes(root: Scope, children: readonly ChildModuleConfig[], make: (dir: string) => Scope): Map<string, Scope> {
  const scopes = new Map<string, Scope>([["", root]]);
  for (const c of children) {
    scopes.set(c.path.toString(), make(c.dir));
    scopes.get(c.path.parent().toString())?.declareModuleCall(c.call!.name, c.module.outputs.keys());
  }
  return scopes;
}

/** Every module's configuration by path key, root included. */
export function modulesByPath(root: ConfigModule, children: readonly ChildModuleConfig[]): Map<string, ConfigModule> {
  return new Map<string, ConfigModule>([["", root], ...children.map((c) => [c.path.toString(), c.module] as const)]);
}

export function scopeOfModule(root: ScopeView, scopes: ModuleScopes | undefined, m: Module): ScopeView {
  if (m.isRoot() || scopes === undefined) return root;
  return scopes.get(m.toString()) ?? root;
}

/** The node's narrowed view of the scope its expressions are evaluated in. */
export function nodeScope(root: ScopeView, scopes: ModuleScopes | undefined, node: GraphNode, providers: ProviderSet): ScopeView {
  return scopeOfModule(root, scopes, evalModule(node)).forRefs(nodeScopeRefs(node, providers));
}

export function isChildNode(node: GraphNode): node is GraphNode & { kind: "variable" | "output"; module: Module } {
  return (node.kind === "variable" || node.kind === "output") && node.module !== undefined && !node.module.isRoot();
}

/** A child module's input variable: the call's argument (in the caller's scope) or the default, set in the child's scope. */
export function visitChildVariable(node: GraphNode & { kind: "variable" }, callerView: ScopeView, scopes: ModuleScopes | undefined): Diagnostic[] {
  const child = scopes?.get(node.module!.toString());
  if (child === undefined) return [];
  let value: Value = node.config.default ?? NullDynamic;
  const diags: Diagnostic[] = [];
  if (node.arg !== undefined) {
    const ev = evaluate(node.arg, callerView.context());
    diags.push(...ev.diags);
    value = hasErrors(ev.diags) ? DynamicVal : ev.value;
    if (value.isNull() && node.config.default !== undefined && !node.config.nullable) value = node.config.default;
  }
  if (!hasErrors(diags)) {
    const c = convert(value, node.config.constraintType);
    if (c.ok) value = c.value;
    else {
      diags.push(
        errorDiag(
          "Invalid value for input variable",
          `The given value is not suitable for ${node.module!.toString()}.var.${node.name} declared at ${node.config.declRange.filename}:${node.config.declRange.start.line},${node.config.declRange.start.column}: ${c.message}.`,
          node.arg?.range ?? node.call?.declRange,
        ),
      );
      value = DynamicVal;
    }
  }
  child.setVariable(node.name, node.config.sensitive ? value.mark(SENSITIVE) : value);
  return diags;
}

/** A child module's output: evaluated in the child's scope, set as `module.<call>.<name>` in the caller's. */
export function visitChildOutput(node: GraphNode & { kind: "output" }, childView: ScopeView, scopes: ModuleScopes | undefined, reportErrors: boolean): Diagnostic[] {
  const m = node.module!;
  const caller = scopes?.get(m.parent().toString());
  const ev = evaluateOutput(node.config, childView.context());
  const failed = hasErrors(ev.diags);
  caller?.setModuleOutput(m.names[m.names.length - 1]!, node.name, failed ? DynamicVal : node.config.sensitive ? ev.value.mark(SENSITIVE) : ev.value);
  return reportErrors ? ev.diags : [];
}
