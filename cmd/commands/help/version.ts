// `cairn version -help`: Terraform's usage text for the command, with the options Cairn accepts.
export const help = "Usage: cairn [global options] version [options]\n\n  Displays the version of Cairn and all installed plugins\n\nOptions:\n\n  -json       Output the version information as a JSON object.\n";
