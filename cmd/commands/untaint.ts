// `cairn untaint [options] ADDRESS`: removes the tainted mark from a resource instance.

import type { Command } from "../registry.js";
import { setTaint } from "./state/taint-status.js";
import { help } from "./help/untaint.js";

export const untaintCommand: Command = {
  name: "untaint",
  synopsis: "Remove the 'tainted' state from a resource instance",
  run: (argv, ctx) => setTaint(argv, ctx, false, help),
};
