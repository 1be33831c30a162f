// Golden-file comparison for the artifact tests: UPDATE_GOLDEN=1 (or a missing file) writes the file,
// otherwise the text must match exactly.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import assert from "node:assert/strict";

export function assertGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, "utf8"), `golden ${path} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

/** Run-dependent text made stable: UUIDs and the plan timestamp. */
export function normalizeRunText(s: string): string {
  return s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/"timestamp": ?"[^"]+"/g, '"timestamp": "<timestamp>"');
}
