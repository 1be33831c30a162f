// `cairn destroy`: an alias for `cairn apply -destroy`, with Terraform's destroy prompt and summary.

import type { Command } from "../registry.js";
import { runApply } from "../operation/run-apply.js";

export const destroyCommand: Command = {
  name: "destroy",
  synopsis: "Destroy previously-created infrastructure",
  run: (argv, ctx) => runApply(argv, ctx, true),
};
