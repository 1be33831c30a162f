// `cairn cluster serve -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster serve [options]

  Serves the cluster core over HTTP (TLS and a token), on 127.0.0.1 unless
  told otherwise.

Options:

  -data-dir=path     Where the cluster core keeps its store.

  -host=127.0.0.1    The address to listen on.

  -port=6443         The port to listen on.

  -service-node-port-range=30000-32767
                     The ports NodePort services are given (Kubernetes'
                     --service-node-port-range).

  -etcd-endpoints=URL,...
                     Keep the objects in etcd (several API servers then
                     serve one cluster; the replica holding the etcd lease
                     runs the scheduler and controllers). Without it, the
                     objects are in the data directory's SQLite file.

  -etcd-prefix=path  The key prefix of this cluster in etcd
                     (/cairn/registry/).

  -etcd-cafile=path  The CA of etcd's serving certificates (https endpoints).

  -etcd-certfile=path, -etcd-keyfile=path
                     A client certificate for etcd.
`;
