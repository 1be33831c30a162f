// `cairn cluster node fail NAME` / `cairn cluster node recover NAME`: simulate a node failure (Ready=Unknown,
// unreachable taints, its pods evicted and placed elsewhere within the rules) and its end.
import { clusterStatus } from "../../cluster/status.js";
import { failNode, recoverNode } from "../../cluster/status.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { targetFlags, withTarget } from "../cluster-target.js";

const usage = "Usage: cairn cluster node fail|recover NAME [-endpoint URL -token TOKEN]\n";

export const clusterNodeCommand: Command = {
  name: "cluster node",
  synopsis: "Simulate a node failure (fail) or its end (recover)",
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    if (action !== "fail" && action !== "recover") {
      ctx.stderr.write(usage);
      return 1;
    }
    const parsed = parseFlags(rest, targetFlags);
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const [name, ...extra] = parsed.flags.positional;
    if (name === undefined || extra.length > 0) {
      ctx.stderr.write(usage);
      return 1;
    }
    return withTarget(parsed.flags, ctx, async (s) => {
      await (action === "fail" ? failNode(s.client, name) : recoverNode(s.client, name));
      // Embedded: this process runs the controllers, so the evictions and re-placements happen before exit.
      await s.settle();
      const view = await clusterStatus(s.client);
      const pods = view.nodes.find((n) => n.name === name)?.pods.count ?? 0;
      ctx.stdout.write(`node/${name} ${action === "fail" ? "failed" : "recovered"}: ${pods} pods on it, ${view.totals.pendingPods} pods pending in the cluster\n`);
      for (const p of view.pending) ctx.stdout.write(`  ${p.namespace}/${p.name}: ${p.reason}\n`);
      return 0;
    });
  },
};
