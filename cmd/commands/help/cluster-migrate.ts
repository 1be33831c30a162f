// `cairn cluster migrate -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster migrate -from=sqlite:DIR -to=etcd:URL[,URL...] [options]

  Copies every object of an embedded cluster (its SQLite store in DIR) into
  etcd, for serving it with cluster serve -etcd-endpoints. Every object keeps
  its uid, so owner references and bindings still hold; resourceVersions
  become etcd's revisions. The etcd prefix must be empty. Stop whatever uses
  the embedded cluster first: later writes there are not copied.

Options:

  -from=sqlite:DIR   The embedded cluster's data directory (.cairn/cluster).

  -to=etcd:URL,...   etcd's client endpoints.

  -etcd-prefix=path  The key prefix in etcd (/cairn/registry/).
`;
