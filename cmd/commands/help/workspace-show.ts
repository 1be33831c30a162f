// `cairn workspace show -help`: Terraform's usage text for the command, with the options Cairn accepts.
export const help = "Usage: cairn [global options] workspace show\n\n  Show the name of the current workspace.\n";
