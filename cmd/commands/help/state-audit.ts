// `cairn state audit -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] state audit [options]

  Verifies the state history and its audit trail; exits 2 when it finds
  something.

Options:

  -json              Print the findings as JSON.

  -rekey             Re-encrypt the history with the current key.

  -state=path        The state whose history to verify.
`;
