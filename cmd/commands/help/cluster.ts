// `cairn cluster -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster <subcommand> [options] [args]

  Work with the cluster core: the control plane that the cluster provider
  provisions nodes, volumes and workloads in, embedded in the working
  directory by default or served over HTTP.

  Run "cairn cluster" with no subcommand to list the subcommands.
`;
