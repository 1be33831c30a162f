// `cairn cluster status [-json]`: nodes with cpu and memory allocation bars, pods per node, pending pods with
// the scheduler's reasons. Drawn with ink on a terminal (cmd/views/tty, loaded only then); plain text otherwise
// or with -no-color; JSON with -json.
import { clusterStatus, renderStatusText } from "../../cluster/status.js";
import { parseFlags } from "../flags.js";
import { renderClusterStatusTty, wantsTtyView } from "../views/tty/index.js";
import type { Command } from "../registry.js";
import { targetFlags, withTarget } from "../cluster-target.js";

export const clusterStatusCommand: Command = {
  name: "cluster status",
  synopsis: "Show nodes, their allocation and pending pods",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { ...targetFlags, json: { kind: "bool", default: false }, "no-color": { kind: "bool", default: false } });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    return withTarget(parsed.flags, ctx, async (s) => {
      const view = await clusterStatus(s.client);
      const json = parsed.flags.bools.get("json") === true;
      // TTY view (cmd/views/tty): ink on a terminal, plain text or JSON otherwise.
      if (wantsTtyView(ctx.stdout, { json, noColor: parsed.flags.bools.get("no-color") }))
        ctx.stdout.write(await renderClusterStatusTty(view, ctx.stdout, () => renderStatusText(view)));
      else ctx.stdout.write(json ? `${JSON.stringify(view, null, 2)}\n` : renderStatusText(view));
      return 0;
    });
  },
};
