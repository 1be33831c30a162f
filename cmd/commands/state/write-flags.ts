// The flags every state-writing command shares with Terraform's: -lock, -lock-timeout, -state, -backup,
// -ignore-remote-version (accepted; there is no remote backend) and -var/-var-file (accepted, as Terraform
// collects them for backend configuration, which the local state does not need).

import type { FlagSpecs } from "../../flags.js";
import { lockFlagSpecs } from "./locking.js";

export const writeFlagSpecs: FlagSpecs = {
  ...lockFlagSpecs,
  state: { kind: "string" },
  backup: { kind: "string", default: "-" },
  "ignore-remote-version": { kind: "bool", default: false },
  var: { kind: "repeated" },
  "var-file": { kind: "repeated" },
};
