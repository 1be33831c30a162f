// `cairn workspace list -help`: Terraform's usage text for the command, with the options Cairn accepts.
export const help = "Usage: cairn [global options] workspace list\n\n  List Cairn workspaces.\n";
