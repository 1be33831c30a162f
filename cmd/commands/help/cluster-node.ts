// `cairn cluster node -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster node fail|recover NAME [options]

  Simulates the failure of a node (fail), or its end (recover).

Options:

  -endpoint=URL      A served cluster core to ask (with -token); several API
                     servers of one cluster: URL,URL,... (failover).

  -token=TOKEN       The served cluster core's token.
`;
