// `cairn cluster etcd -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster etcd [options]

  Runs a local etcd (Debian's etcd-server) of 1 or 3 members on 127.0.0.1,
  for trying the HA control plane on one machine. Each member keeps its data
  and its ports in the data directory: running it again restarts the same
  etcd. Plain HTTP on loopback: not for production.

Options:

  -data-dir=path     Where the members keep their data (.cairn/etcd).

  -members=1         1 or 3 members.
`;
