// `cairn refresh`: Terraform's alias of `apply -refresh-only -auto-approve` (deprecated there in favour of
// the explicit form, kept for scripts): reads every object through its provider and writes what changed
// outside Cairn into the state, without changing any infrastructure. Takes apply's options, -json included.

import type { Command } from "../registry.js";
import { runApply } from "../operation/run-apply.js";

export const refreshCommand: Command = {
  name: "refresh",
  synopsis: "Update the state to match remote systems",
  run: (argv, ctx) => runApply(["-refresh-only", "-auto-approve", ...argv], ctx, false),
};
