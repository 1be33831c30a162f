// The plan walk (OpenTofu's context_plan.go): visit the configuration graph in dependency order, each node
// doing its part (evaluate a local, configure a provider, plan a resource, evaluate an output), then gather
// the changes into a Plan.

import { hasErrors, warningDiag, type Diagnostic } from "../lang/diagnostics.js";
import { evaluate } from "../lang/eval/evaluate.js";
import { walk } from "../graph/walk.js";
import type { Graph } from "../graph/graph.js";
import type { GraphNode } from "../core/nodes.js";
import { decodeBody } from "../core/decode-body.js";
import { objectVal } from "../lang/values/value.js";
import { evalCheckRules } from "./conditions.js";
import { planManagedResource } from "./managed.js";
import { planDataResource } from "./data.js";
import { evaluateOutput, outputChange, outputStateValue } from "./outputs.js";
import type { PlanWalkContext } from "./walk-context.js";
import { isChildNode, nodeScope, visitChildOutput, visitChildVariable } from "../core/module-scopes.js";

export async function runPlanWalk(graph: Graph<GraphNode>, ctx: PlanWalkContext, parallelism: number, signal?: AbortSignal): Promise<Diagnostic[]> {
  const summary = await walk(
    graph,
    async (node, id) => ({ diags: await visit(ctx, node, id) }),
    { parallelism, signal },
  );
  return summary.diags;
}

async function visit(whole: PlanWalkContext, node: GraphNode, id: string): Promise<Diagnostic[]> {
  const ctx: PlanWalkContext = { ...whole, scope: nodeScope(whole.scope, whole.scopes, node, whole.providers) };
  if (isChildNode(node)) {
    if (node.kind === "variable") return visitChildVariable(node, ctx.scope, ctx.scopes);
    return visitChildOutput(node, ctx.scope, ctx.scopes, ctx.mode === "normal");
  }
  switch (node.kind) {
    case "variable":
      return [];
    case "local": {
      const ev = evaluate(node.config.expr, ctx.scope.context());
      ctx.scope.setLocal(node.name, ev.value);
      return ev.diags;
    }
    case "provider":
      return configureProvider(ctx, node);
    case "resource":
      return node.addr.resource.mode === "data" ? planDataResource(ctx, node, id) : planManagedResource(ctx, node);
    case "output": {
      const prior = outputStateValue(ctx.prevRunState.outputs[node.name]);
      if (ctx.mode === "destroy") {
        if (prior !== undefined) ctx.outputChanges.push(outputChange(node.name, prior, undefined, node.config.sensitive));
        return [];
      }
      if (ctx.mode === "refresh-only") return [];
      const ev = evaluateOutput(node.config, ctx.scope.context());
      if (!hasErrors(ev.diags)) ctx.outputChanges.push(outputChange(node.name, prior, ev.value, node.config.sensitive || ev.value.containsMarked()));
      return ev.diags;
    }
    case "check": {
      if (ctx.mode === "destroy") return [];
      const diags = evalCheckRules(node.config.asserts, "check-assertion", ctx.scope.context(), `check.${node.name}`);
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

import type { SyntaxBody, BodyContent } from "../lang/body.js";
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
