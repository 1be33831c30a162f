// The digest of a saved plan file as recorded with the apply that used it: sha256 of the file's bytes as
// stored (encrypted or not), so the record identifies exactly the file that was applied.

import { readFileSync } from "node:fs";
import { sha256Hex } from "./meta.js";

export function planFileDigest(path: string): string | undefined {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return undefined;
  }
}
