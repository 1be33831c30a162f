// The plan walk (OpenTofu's context_plan.go): visit the configuration graph in dependency order, each node
// doing its part (evaluate a local, configure a provider, plan a resource, evaluate an output), then gather
// the changes into a Plan.

import { hasErrors, warningDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import { walk } from "../graph/walk.js";
import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "../core/nodes.js";
import { decodeBody } from "../core/decode-body.js";
import { objectVal } from "../../lang/values/value.js";
import { evalCheckRules } from "./conditions.js";
import { namedCheck } from "../core/check-results.js";
import { planManagedResource } from "./managed.js";
import { planDataResource } from "./data.js";
import { evaluateOutput, outputChange, outputForState, outputStateValue } from "./outputs.js";
import type { PlanWalkContext } from "./walk-context.js";
import { isChildNode, nodeInstances, nodeScopeIn, visitChildOutput, visitChildVariable, visitModuleExpansion } from "../core/module-scopes.js";
import type { ModuleInstance } from "../../addrs/module.js";
import { selfReferenceDiags } from "../core/self-reference.js";

export async function runPlanWalk(graph: Graph<GraphNode>, ctx: PlanWalkContext, parallelism: number, signal?: AbortSignal): Promise<Diagnostic[]> {
  const summary = await walk(
    graph,
    async (node, id) => ({ diags: await visit(ctx, node, id) }),
    { parallelism, signal },
  );
  return summary.diags;
}

async function visit(whole: PlanWalkContext, node: GraphNode, id: string): Promise<Diagnostic[]> {
  const self = selfReferenceDiags(node, id, whole.providers);
  if (self.length > 0) return self;
  if (node.kind === "module") return visitModuleExpansion(whole.modules, node, whole.providers);
  if (node.kind === "resource") return visitResource(whole, node, id);
  const diags: Diagnostic[] = [];
  for (const mi of nodeInstances(whole.modules, node)) diags.push(...(await visitIn(whole, node, id, mi)));
  return diags;
}

/**
 * A resource runs in every instance of its module, and also in every module instance the state still holds
 * it in that the configuration no longer has (to delete what is there).
 */
async function visitResource(whole: PlanWalkContext, node: GraphNode & { kind: "resource" }, id: string): Promise<Diagnostic[]> {
  const live = whole.modules.instancesOf(node.addr.module);
  const liveKeys = new Set(live.map((mi) => mi.toString()));
  const orphans = node.addr.module.isRoot() ? [] : whole.state.moduleInstancesOf(node.addr).filter((mi) => !liveKeys.has(mi.toString()));
  const results = await Promise.all([...live.map((mi) => visitIn(whole, node, id, mi)), ...orphans.map((mi) => visitIn(whole, node, id, mi, true))]);
  return results.flat();
}

async function visitIn(whole: PlanWalkContext, node: GraphNode, id: string, mi: ModuleInstance, orphanModule = false): Promise<Diagnostic[]> {
  const ctx: PlanWalkContext = { ...whole, moduleInstance: mi, scope: nodeScopeIn(whole.modules, node, mi, whole.providers) };
  if (isChildNode(node)) {
    if (node.kind === "variable") return visitChildVariable(node, ctx.modules, mi, ctx.scope);
    return visitChildOutput(node, ctx.modules, mi, ctx.scope, ctx.mode === "normal");
  }
  switch (node.kind) {
    case "variable":
      // A root variable's validations ran before the walk (planner/variables): one that got here passed.
      if (node.config.validations.length > 0) namedCheck(ctx.modules.checks, "var", mi, `var.${node.name}`)({ status: "pass", messages: [] });
      return [];
    case "module":
      return [];
    case "local": {
      const ev = evaluate(node.config.expr, ctx.scope.context());
      ctx.scope.setLocal(node.name, ev.value);
      return ev.diags;
    }
    case "provider":
      return configureProvider(ctx, node);
    case "resource":
      return node.addr.resource.mode === "data" ? planDataResource(ctx, node, id, orphanModule) : planManagedResource(ctx, node, orphanModule);
    case "output": {
      const prior = outputStateValue(ctx.prevRunState.outputs[node.name]);
      if (ctx.mode === "destroy") {
        if (prior !== undefined) ctx.outputChanges.push(outputChange(node.name, prior, undefined, node.config.sensitive));
        return [];
      }
      // Refresh-only plans show output changes too (the apply records them).
      const ev = evaluateOutput(node.config, ctx.scope.context(), true, namedCheck(ctx.modules.checks, "output", mi, `output.${node.name}`));
      if (hasErrors(ev.diags)) return ev.diags;
      const sensitive = node.config.sensitive || ev.value.containsMarked();
      ctx.outputChanges.push(outputChange(node.name, prior, ev.value, sensitive));
      // As Terraform, a value known now is also the prior state's (what `show -json` prints as prior_state);
      // a null one leaves it, as state omits null outputs.
      if (ev.value.unmarkDeep()[0].isWhollyKnown()) ctx.state.setOutput(node.name, outputForState(ev.value, sensitive) ?? null);
      return ev.diags;
    }
    case "check": {
      if (ctx.mode === "destroy") return [];
      const diags = evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), `check.${node.name}`, namedCheck(ctx.modules.checks, "check", mi, `check.${node.name}`));
      ctx.warnings.push(...diags.filter((d) => d.severity === "warning"));
      return diags.filter((d) => d.severity === "error");
    }
  }
}

export async function configureProvider(ctx: Pick<PlanWalkContext, "providers" | "scope">, node: GraphNode & { kind: "provider" }): Promise<Diagnostic[]> {
  const schema = ctx.providers.providerSchema(node.addr.provider);
  if (schema === undefined) return [];
  let config = objectVal({});
  const diags: Diagnostic[] = [];
  if (node.config !== undefined) {
    const d = decodeBody(node.config.config, schema.block, ctx.scope.context());
    diags.push(...d.diags);
    if (hasErrors(d.diags)) return diags;
    config = d.value;
  } else {
    config = decodeBody(emptyBody, schema.block, ctx.scope.context()).value;
  }
  diags.push(...(await ctx.providers.configure(node.addr, config)).map((d) => (d.subject ? d : { ...d, subject: node.config?.declRange })));
  return diags;
}

import type { SyntaxBody, BodyContent } from "../../lang/body.js";
const emptyRange = { filename: "", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 1, byte: 0 } };
const emptyContent: BodyContent = { attributes: new Map(), blocks: [], missingItemRange: emptyRange };
const emptyBody: SyntaxBody = {
  content: () => ({ content: emptyContent, diags: [] }),
  partialContent: () => ({ content: emptyContent, remain: emptyBody, diags: [] }),
  justAttributes: () => ({ attributes: new Map(), diags: [] }),
  missingItemRange: () => emptyRange,
};

export const targetingWarning = (): Diagnostic =>
  warningDiag(
    "Resource targeting is in effect",
    "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Cairn specifically suggests to use it as part of an error message.",
  );

export const excludeWarning = (): Diagnostic =>
  warningDiag(
    "Resource exclusion is in effect",
    "You are creating a plan with the -exclude option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -exclude option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Cairn specifically suggests to use it as part of an error message.",
  );
