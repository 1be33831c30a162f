// `cairn drift -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] drift [options]

  Compares the state with the real objects, as a refresh-only plan does,
  prints what changed outside Cairn and records it in the state history.
  The state itself is not changed.

Options:

  -json                  Print the drift as JSON.

  -state=path            Path to the state file to read.

  -deleted=ADDRESS       Record ADDRESS as deleted outside Cairn. Use this
                         option more than once to name more than one object.

  -var 'foo=bar'         Set a value for one of the input variables in the root
                         module of the configuration.

  -var-file=filename     Load variable values from the given file.

  -lock=false            Don't hold a state lock during the operation.

  -lock-timeout=0s       Duration to retry a state lock.
`;
