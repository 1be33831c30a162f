// `cairn state diff -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] state diff [options] FROM [TO]

  Shows the differences between two versions of the state.

Options:

  -json              Print the differences as JSON.

  -state=path        The state whose history to read.
`;
