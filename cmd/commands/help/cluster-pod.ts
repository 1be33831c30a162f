// `cairn cluster pod -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster pod probe [options] NAME

  Sets a pod's simulated probe results: the cluster core runs no containers,
  so readiness and liveness are what this command (or the pod's
  cairn.dev/readiness and cairn.dev/liveness-failures annotations) say.

Options:

  -readiness=pass|fail  The readiness probe's result.

  -liveness=fail        One failed liveness probe: the container restarts.

  -container=NAME       The container (default: every container of the pod).

  -namespace=NS         The pod's namespace (default "default").

  -kubeconfig=path      A served cluster core's kubeconfig (with -context).

  -endpoint=URL         A served cluster core to ask (with -token); several API
                        servers of one cluster: URL,URL,... (failover).

  -token=TOKEN          The served cluster core's token.
`;
