// `cairn workspace new -help`: Terraform's usage text for the command, with the options Cairn accepts.
export const help = "Usage: cairn [global options] workspace new [OPTIONS] NAME\n\n  Create a new Cairn workspace.\n";
