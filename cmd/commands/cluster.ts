// `cairn cluster <subcommand>`: the cluster core from the command line (serve, status, get, node fail/recover).

import { subcommandGroup } from "../subcommands.js";

export const clusterCommand = subcommandGroup({
  name: "cluster",
  synopsis: "Work with the cluster core",
  nameWidth: 10,
  usage: (lines) => `Usage: cairn [global options] cluster <subcommand> [options] [args]

  Works on the embedded cluster in .cairn/cluster of the working directory, or on a served
  cluster given by -endpoint and -token (or CAIRN_CLUSTER_ENDPOINT and CAIRN_CLUSTER_TOKEN).

Subcommands:
${lines}
`,
});
