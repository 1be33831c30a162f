// `cairn cluster status [-json]`: nodes with cpu and memory allocation bars, pods per node, pending pods with
// the scheduler's reasons. Plain text (the same on and off a terminal for now; see providers/cluster/README.md).
import { clusterStatus, renderStatusText } from "../../cluster/status.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { targetFlags, withTarget } from "./cluster-target.js";

export const clusterStatusCommand: Command = {
  name: "cluster status",
  synopsis: "Show nodes, their allocation and pending pods",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { ...targetFlags, json: { kind: "bool", default: false } });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    return withTarget(parsed.flags, ctx, async (s) => {
      const view = await clusterStatus(s.client);
      ctx.stdout.write(parsed.flags.bools.get("json") ? `${JSON.stringify(view, null, 2)}\n` : renderStatusText(view));
      return 0;
    });
  },
};
