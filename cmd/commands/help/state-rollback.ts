// `cairn state rollback -help` (Cairn's own command; laid out as Terraform's usage texts are).
export const help = `Usage: cairn [global options] state rollback -serial=N [options]

  Restores the resources of an earlier state version. Only the state
  changes, not the real infrastructure: run "cairn plan" afterwards.

Options:

  -serial=N          The version to restore.

  -auto-approve      Skip the interactive approval.
`;
