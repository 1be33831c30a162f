// `cairn taint [options] ADDRESS`: marks a resource instance as tainted, so the next plan replaces it.

import type { Command } from "../registry.js";
import { setTaint } from "./state/taint-status.js";
import { help } from "./help/taint.js";

export const taintCommand: Command = {
  name: "taint",
  synopsis: "Mark a resource instance as not fully functional",
  run: (argv, ctx) => setTaint(argv, ctx, true, help),
};
