// `cairn workspace select -help`: Terraform's usage text for the command, with the options Cairn accepts.
export const help = "Usage: cairn [global options] workspace select NAME\n\n  Select a different Cairn workspace.\n\nOptions:\n\n    -or-create=false    Create the Cairn workspace if it doesn't exist.\n";
