// `cairn state history -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] state history [options]

  Shows the recorded versions of the state (docs/state-history.md).

Options:

  -json              Print the versions as JSON.

  -limit=n           Show at most n versions.

  -resource=ADDRESS  Only the versions that changed ADDRESS.

  -state=path        The state whose history to show.
`;
