// `cairn apply [FILE]`: plan-and-apply, or apply a saved plan (cmd/operation/run-apply.ts).

import type { Command } from "../registry.js";
import { runApply } from "../operation/run-apply.js";

export const applyCommand: Command = {
  name: "apply",
  synopsis: "Create or update infrastructure",
  run: (argv, ctx) => runApply(argv, ctx, false),
};
