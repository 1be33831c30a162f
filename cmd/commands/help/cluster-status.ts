// `cairn cluster status -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster status [options]

  Shows the nodes, their allocation and the pods still pending.

Options:

  -json              Print the status as JSON.

  -no-color          If specified, output won't contain any color.

  -endpoint=URL[,URL...]
                     A served cluster core to ask (with -token). Several API
                     servers of one cluster (cluster serve on one etcd) are
                     tried in order: one that cannot be reached or answers
                     5xx is left for the next.

  -token=TOKEN       The served cluster core's token.

  -kubeconfig=path   A kubeconfig naming the served cluster (its servers:
                     cluster kubeconfig -server=URL,URL).

  -context=NAME      The kubeconfig's context (default: its current-context).

  -data-dir=path     The embedded cluster's data directory (default
                     .cairn/cluster).
`;
