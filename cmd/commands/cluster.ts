// `cairn cluster <subcommand>`: the cluster core from the command line (serve, kubeconfig, status, get, node fail/recover).
import type { Command } from "../registry.js";
import { clusterGetCommand } from "./cluster-get.js";
import { clusterKubeconfigCommand } from "./cluster-kubeconfig.js";
import { clusterNodeCommand } from "./cluster-node.js";
import { clusterServeCommand } from "./cluster-serve.js";
import { clusterStatusCommand } from "./cluster-status.js";

const subcommands: ReadonlyMap<string, Command> = new Map(
  [clusterServeCommand, clusterKubeconfigCommand, clusterStatusCommand, clusterGetCommand, clusterNodeCommand].map((c) => [c.name.slice("cluster ".length), c]),
);

export const clusterCommand: Command = {
  name: "cluster",
  synopsis: "Work with the cluster core",
  async run(argv, ctx) {
    const sub = argv[0] !== undefined ? subcommands.get(argv[0]) : undefined;
    if (sub === undefined) {
      ctx.stderr.write(usage());
      return 1;
    }
    return sub.run(argv.slice(1), ctx);
  },
};

function usage(): string {
  const lines = [...subcommands.entries()].map(([name, c]) => `    ${name.padEnd(10)}${c.synopsis}`);
  return `Usage: cairn [global options] cluster <subcommand> [options] [args]

  Works on the embedded cluster in .cairn/cluster of the working directory, or on a served
  cluster given by -kubeconfig FILE [-context NAME] (see cluster kubeconfig), or by -endpoint and
  -token (or CAIRN_CLUSTER_ENDPOINT and CAIRN_CLUSTER_TOKEN) with CAIRN_CLUSTER_CA_FILE.

Subcommands:
${lines.join("\n")}
`;
}
