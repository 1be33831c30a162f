// `cairn provider -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] provider serve NAME

  Serves a built-in provider (cluster) over Terraform's provider plugin
  protocol (version 6). Terraform, OpenTofu and Cairn start it themselves:
  point dev_overrides or a filesystem mirror at bin/terraform-provider-NAME.
`;
