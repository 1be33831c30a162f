// `cairn cluster status -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] cluster status [options]

  Shows the nodes, their allocation and the pods still pending.

Options:

  -json              Print the status as JSON.

  -no-color          If specified, output won't contain any color.

  -endpoint=URL      A served cluster core to ask (with -token).

  -token=TOKEN       The served cluster core's token.
`;
