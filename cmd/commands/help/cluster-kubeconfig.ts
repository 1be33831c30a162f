// `cairn cluster kubeconfig -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster kubeconfig [options]

  Writes the kubeconfig (server, certificate authority, token) of the core
  that \`cairn cluster serve\` runs on the data directory, for kubectl and
  client libraries to use as-is. Without -out it is printed on stdout.

Options:

  -data-dir=path     The served core's data directory (default .cairn/cluster).

  -out=path          Write the kubeconfig to this file (mode 0600).

  -server=URL[,URL...]
                     The server address to write, when clients reach the core
                     at another address than the one it listens on. Several
                     API servers of one cluster (cluster serve on one etcd,
                     sharing this data directory's CA and token): kubectl uses
                     the first, Cairn fails over between all of them (they are
                     listed in the cluster's extension cairn.dev/servers).
`;
