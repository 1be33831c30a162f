// `cairn graph`: the dependency graph in DOT, as `terraform graph` prints it. -type=plan (default) is the
// configuration graph the plan walks; -type=apply is the graph an apply of the current plan would walk
// (with its "(destroy)" nodes). Redundant edges are removed (transitive reduction) for readability. Each
// module's nodes sit in a cluster; -plan=FILE colours nodes by a saved plan's actions (and -type=apply
// draws that plan's apply graph); -format=svg|png renders through Graphviz (graph-output.ts).

import type { Command } from "../registry.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { transitiveReduction } from "../../planner/graph/reduce.js";
import { buildApplyGraph } from "../../planner/apply/apply-graph.js";
import { prepareOperation, showDiags } from "../operation/operation.js";
import { stateForPlan } from "../../operations/plan-state.js";
import { graphArtifactFlags, graphOptions, writeGraph } from "../operation/graph-output.js";

export const graphCommand: Command = {
  name: "graph",
  synopsis: "Generate a Graphviz graph of the steps in an operation",
  async run(argv, ctx) {
    const op = await prepareOperation(argv, ctx, "graph", { type: { kind: "string", default: "plan" }, "draw-cycles": { kind: "bool", default: false }, ...graphArtifactFlags });
    if (typeof op === "number") return op;
    try {
      const type = op.flags.strings.get("type");
      if (type !== "plan" && type !== "apply" && type !== "plan-destroy") {
        ctx.stderr.write(`Error: Invalid graph type\n\nThe -type=${type} option is not recognised: use plan, plan-destroy or apply.\n`);
        return 1;
      }
      const out = await graphOptions(op); // -format and -plan=FILE (graph-output.ts)
      if (typeof out === "number") return out;
      // The state plan would start from: a crashed apply's journaled results included, nothing written.
      const read = await stateForPlan(op.store, op.core);
      showDiags(op, read.diags);
      if (hasErrors(read.diags)) return 1;
      const g = await op.core.graph(out.plan?.priorState ?? read.state);
      showDiags(op, g.diags);
      if (g.graph === undefined) return 1;
      if (type === "plan") {
        transitiveReduction(g.graph);
        return writeGraph(op, g.graph, out);
      }
      const p = out.plan !== undefined ? { plan: out.plan, diags: [] } : await op.core.plan(read.state, { ...op.planOptions, mode: type === "plan-destroy" ? "destroy" : "normal", refresh: false });
      if (p.plan === undefined || hasErrors(p.diags)) {
        showDiags(op, p.diags);
        return 1;
      }
      const ag = buildApplyGraph(g.graph, p.plan);
      showDiags(op, ag.diags);
      if (hasErrors(ag.diags)) return 1;
      transitiveReduction(ag.graph);
      return writeGraph(op, ag.graph, out);
    } finally {
      await op.core.close();
    }
  },
};
