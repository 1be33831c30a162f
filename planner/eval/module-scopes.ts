// Running graph nodes inside module instances: a node of module path P runs once per instance of P, in that
// instance's Scope. A child module's input variable is evaluated in the calling instance's scope (with the
// call's `count.index` / `each.*`), and its outputs become `module.<call>[key].<name>` in the caller's scope.

import { namedCheck, type RuleOutcome } from "./check-results.js";
import type { Module, ModuleInstance } from "../../addrs/module.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { convert } from "../../lang/values/convert.js";
import { DynamicVal, NullDynamic, objectVal, SENSITIVE, type Value } from "../../lang/values/value.js";
import { checkValidationRules } from "../variables/validation-rules.js";
import type { ConfigModule, Variable } from "../../config/model.js";
import type { Range } from "../../lang/pos.js";
import { callArguments, type ChildModuleConfig } from "./module-configs.js";
import { lastStep, type ModuleInstances } from "./module-instances.js";
import { nodeScopeRefs } from "./node-refs.js";
import { nodeModule, type GraphNode } from "./nodes.js";
import type { ProviderSet } from "./providers.js";
import { Scope, type ScopeView } from "./scope.js";
import { expand } from "./expand.js";
import { evaluateOutput } from "./outputs.js";

/** Every module's configuration by path key, root included. */
export function modulesByPath(root: ConfigModule, children: readonly ChildModuleConfig[]): Map<string, ConfigModule> {
  return new Map<string, ConfigModule>([["", root], ...children.map((c) => [c.path.toString(), c.module] as const)]);
}

/** The module instance whose scope a node's expressions read: a child's input variable reads its caller's. */
export function evalInstance(node: GraphNode, mi: ModuleInstance): ModuleInstance {
  return isChildNode(node) && node.kind === "variable" ? mi.parent() : mi;
}

/** The node's narrowed view of the scope of `mi` (detached when the instance has no scope: an orphan). */
export function nodeScopeIn(mods: ModuleInstances, node: GraphNode, mi: ModuleInstance, providers: ProviderSet): ScopeView {
  const scope = mods.scope(evalInstance(node, mi)) ?? detachedScope(mods.root);
  return scope.forRefs(nodeScopeRefs(node, providers));
}

/** The instances a (non-resource) node runs in: those of its module path. */
export function nodeInstances(mods: ModuleInstances, node: GraphNode): readonly ModuleInstance[] {
  return mods.instancesOf(nodeModule(node));
}

/** A scope nothing reads: where an orphaned module instance's resources record their values. */
function detachedScope(root: Scope): Scope {
  return new Scope(root.functions, ".", "default");
}

export function isChildNode(node: GraphNode): node is GraphNode & { kind: "variable" | "output"; module: Module } {
  return (node.kind === "variable" || node.kind === "output") && node.module !== undefined && !node.module.isRoot();
}

/** A module call's expansion node: its count/for_each in every instance of the calling module. */
export function visitModuleExpansion(
  mods: ModuleInstances,
  node: GraphNode & { kind: "module" },
  providers: ProviderSet,
  expander: typeof expand = expand,
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const given = callArguments(node.config);
  const unset = [...node.child.variables.values()].filter((v) => !given.has(v.name));
  for (const parent of mods.instancesOf(node.path.parent())) {
    const view = nodeScopeIn(mods, node, parent, providers);
    const exp = expander(node.config.count, node.config.forEach, view.context());
    diags.push(...exp.diags);
    for (const mi of mods.expand(parent, node.path, exp.expansion)) {
      const scope = mods.scope(mi)!;
      for (const v of unset) diags.push(...setChildVariable(v, v.default ?? NullDynamic, scope, mi, node.config.declRange, namedCheck(mods.checks, "var", mi, `var.${v.name}`)));
    }
  }
  return diags;
}

/** A child module's input variable the call sets: its argument, evaluated in the caller's scope, set in the child's. */
export function visitChildVariable(node: GraphNode & { kind: "variable" }, mods: ModuleInstances, mi: ModuleInstance, callerView: ScopeView): Diagnostic[] {
  const child = mods.scope(mi);
  // Only variables the call sets are nodes (the others are set by the call's expansion node).
  if (child === undefined || node.arg === undefined) return [];
  const ev = evaluate(node.arg, callerView.instanceContext(mods.callExtra(mi)));
  if (hasErrors(ev.diags)) {
    child.setVariable(node.name, node.config.sensitive ? DynamicVal.mark(SENSITIVE) : DynamicVal);
    return ev.diags;
  }
  const value = ev.value.isNull() && node.config.default !== undefined && !node.config.nullable ? node.config.default : ev.value;
  return [...ev.diags, ...setChildVariable(node.config, value, child, mi, node.arg.range, namedCheck(mods.checks, "var", mi, `var.${node.name}`))];
}

/** Converts a child's input variable to its type, checks its validation rules, and sets it in the child's scope. */
function setChildVariable(config: Variable, given: Value, child: Scope, mi: ModuleInstance, subject: Range | undefined, report?: (o: RuleOutcome) => void): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let value = given;
  const c = convert(value, config.constraintType);
  if (c.ok) value = c.value;
  else {
    diags.push(
      errorDiag(
        "Invalid value for input variable",
        `The given value is not suitable for ${mi.toString()}.var.${config.name} declared at ${config.declRange.filename}:${config.declRange.start.line},${config.declRange.start.column}: ${c.message}.`,
        subject,
      ),
    );
    value = DynamicVal;
  }
  const final = config.sensitive ? value.mark(SENSITIVE) : value;
  if (!hasErrors(diags) && config.validations.length > 0) {
    const ctx = { variables: new Map([["var", objectVal({ [config.name]: final })]]), functions: child.functions };
    const found = checkValidationRules(config.validations, ctx, subject);
    diags.push(...found);
    const failed = found.filter((d) => d.severity === "error" && d.summary === "Invalid value for variable");
    report?.({ status: failed.length > 0 ? "fail" : hasErrors(found) ? "error" : "pass", messages: failed.map((d) => (d.detail ?? "").split("\n\nThis was checked by")[0]!) });
  }
  child.setVariable(config.name, final);
  return diags;
}

/** A child module's output: evaluated in the child's scope, set as `module.<call>[key].<name>` in the caller's. */
export function visitChildOutput(node: GraphNode & { kind: "output" }, mods: ModuleInstances, mi: ModuleInstance, childView: ScopeView, reportErrors: boolean): Diagnostic[] {
  const caller = mods.scope(mi.parent());
  const ev = evaluateOutput(node.config, childView.context(), false, reportErrors ? namedCheck(mods.checks, "output", mi, `output.${node.name}`) : undefined);
  const failed = hasErrors(ev.diags);
  const step = lastStep(mi);
  caller?.setModuleOutput(step.name, step.instanceKey, node.name, failed ? DynamicVal : node.config.sensitive ? ev.value.mark(SENSITIVE) : ev.value);
  return reportErrors ? ev.diags : [];
}
