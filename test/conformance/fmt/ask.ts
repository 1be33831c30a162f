// Asks the real binary: `terraform fmt -` with the source on standard input.

import { spawnSync } from "node:child_process";
import type { FmtAnswer } from "./corpus.js";

export function terraformFmt(source: string): FmtAnswer {
  const r = spawnSync("terraform", ["fmt", "-no-color", "-"], {
    input: source,
    encoding: "utf8",
    env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error !== undefined) throw r.error;
  const exit = r.status ?? -1;
  return { exit, output: exit === 0 && r.stdout === source ? null : r.stdout };
}
