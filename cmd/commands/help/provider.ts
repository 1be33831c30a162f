// `cairn provider -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] provider serve NAME [-protocol=5|6]

  Serves a built-in provider (cluster) over Terraform's provider plugin
  protocol (version 6, or 5 for a client that offers only 5). Terraform,
  OpenTofu and Cairn start it themselves: point dev_overrides or a
  filesystem mirror at bin/terraform-provider-NAME.

Options:

  -protocol=N   Offer only protocol version N (5 or 6), as a provider built
                for that version alone does.
`;
