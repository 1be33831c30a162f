// The secret that salts object addresses in an encrypted history, stored sealed with the keyring
// (address-key.enc). Created with the first encrypted snapshot; re-sealed with the primary key when it only
// opened with a fallback, which is how a key rotation reaches the history.

import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { decrypt, encrypt } from "../encryption/envelope.js";
import type { Keyring } from "../encryption/keyring.js";
import { ensureDir, writeFileAtomicSync } from "./files.js";
import type { HistoryPaths } from "./paths.js";

export function loadAddressKey(paths: HistoryPaths, keyring: Keyring | undefined, create: boolean, fsync: boolean): { key?: Buffer; diags: Diagnostic[] } {
  if (existsSync(paths.addressKey)) {
    const r = decrypt(readFileSync(paths.addressKey), keyring, "history", "The history's address key");
    if (!r.ok) return { diags: [r.diag] };
    if (r.usedFallback && keyring) writeFileAtomicSync(paths.addressKey, encrypt(r.data, keyring, "history"), fsync);
    return { key: r.data, diags: [] };
  }
  if (!create || keyring === undefined) return { diags: [] };
  const key = randomBytes(32);
  ensureDir(paths.dir);
  writeFileAtomicSync(paths.addressKey, encrypt(key, keyring, "history"), fsync);
  return { key, diags: [] };
}
