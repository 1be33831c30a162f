// Terraform's fixed texts for the state commands (internal/command/state_*.go), with Terraform's name
// replaced by Cairn's where it names the tool.

export const errStateNotFound = `No state file was found!

State management commands require a state file. Run this command
in a directory where Cairn has been run or use the -state flag
to point the command to a specific state location.`;

export function errStateRmPersist(err: string): string {
  return `Error saving the state: ${err}

The state was not saved. No items were removed from the persisted
state. No backup was created since no modification occurred. Please
resolve the issue above and try again.`;
}

export const errNoInstanceFound = `No instance found for the given address!

This command requires that the address references one specific instance.
To view the available instances, use "cairn state list". Please modify
the address to reference a specific instance.`;

export function errParsingAddress(addr: string): string {
  return `Error parsing instance address: ${addr}

This command requires that the address references one specific instance.
To view the available instances, use "cairn state list". Please modify
the address to reference a specific instance.`;
}

export function errStateMv(err: string): string {
  return `Error moving state: ${err}

Please ensure your addresses and state paths are valid. No
state was persisted. Your existing states are untouched.`;
}
