// `cairn graph -plan=FILE -format=dot|svg|png` (issue 7): the graph as DOT with a cluster per module
// (cmd/views/graph/dot.ts), its nodes filled by the action a saved plan takes on them, rendered by
// Graphviz's `dot` for svg and png (cmd/views/graph/render.ts; when `dot` is missing the diagnostic says
// how to install it, exit 1). graph.ts calls graphOptions before it builds the graph and writeGraph after.

import { resolve } from "node:path";
import type { FlagSpecs } from "../flags.js";
import { graphToDot } from "../views/graph/dot.js";
import { parseGraphFormat, renderGraph, type GraphFormat } from "../views/graph/render.js";
import type { Graph } from "../../planner/graph/graph.js";
import { errorDiag, hasErrors } from "../../lang/diagnostics.js";
import type { Plan } from "../../planner/plan/model.js";
import { readPlanFile } from "../../planner/planfile/index.js";
import { planFileEncryption } from "./plan-output.js";
import { showDiags, type Operation } from "./operation.js";

export const graphArtifactFlags: FlagSpecs = {
  plan: { kind: "string" },
  format: { kind: "string", default: "dot" },
};

export interface GraphOptions {
  readonly format: GraphFormat;
  /** The saved plan given with -plan, whose actions colour the nodes. */
  readonly plan?: Plan;
}

/** -format and -plan checked and loaded; a number (the exit code, diagnostics shown) when they are wrong. */
export async function graphOptions(op: Operation): Promise<GraphOptions | number> {
  const given = op.flags.strings.get("format") ?? "dot";
  const format = parseGraphFormat(given);
  if (format === undefined) {
    showDiags(op, [errorDiag("Invalid graph format", `The -format=${given} option is not recognised: use dot, svg or png.`)]);
    return 1;
  }
  const planPath = op.flags.strings.get("plan");
  if (planPath === undefined) return { format };
  const enc = planFileEncryption(op.ctx);
  if (hasErrors(enc.diags)) {
    showDiags(op, enc.diags);
    return 1;
  }
  const read = await readPlanFile(resolve(op.ctx.cwd, planPath), enc.encryption !== undefined ? { encryption: enc.encryption } : {});
  if (read.planFile === undefined) {
    showDiags(op, read.diags);
    return 1;
  }
  return { format, plan: read.planFile.plan };
}

/** Writes the graph in the chosen format to stdout; the exit code. */
export async function writeGraph<N>(op: Operation, graph: Graph<N>, opts: GraphOptions): Promise<number> {
  const dot = graphToDot(graph, opts.plan !== undefined ? { plan: opts.plan } : {});
  const r = await renderGraph(dot, opts.format);
  if (r.output === undefined || hasErrors(r.diags)) {
    showDiags(op, r.diags);
    return 1;
  }
  op.ctx.stdout.write(r.output);
  return 0;
}
