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
`;
