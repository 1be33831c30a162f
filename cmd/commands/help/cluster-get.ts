// `cairn cluster get -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster get KIND [NAME] [options]

  Lists the objects of a kind, or shows one.

Options:

  -namespace=NS      The namespace to look in (also -n).

  -json              Print the objects as JSON.

  -endpoint=URL      A served cluster core to ask (with -token); several API
                     servers of one cluster: URL,URL,... (failover).

  -token=TOKEN       The served cluster core's token.
`;
