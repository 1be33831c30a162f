// The keys a command may use: the primary passphrase (new files are encrypted with it) and fallback
// passphrases tried, in order, when a file does not open with the primary (key rotation: make the new
// passphrase primary, the old one a fallback, and every file re-encrypted on its next write).

import { randomBytes } from "node:crypto";
import type { KeyDerivationName } from "./kdf.js";

export interface Keyring {
  readonly primary: string;
  readonly fallbacks: readonly string[];
  readonly keyDerivation: KeyDerivationName;
  /** Test and benchmark hook: cheaper work factors. Production files use the defaults in kdf.ts. */
  readonly cost?: { readonly iterations?: number; readonly N?: number };
  /** The salt new files of this keyring use (base64); one per keyring so a command derives its key once. */
  readonly writeSalt: string;
}

export function newKeyring(opts: {
  primary: string;
  fallbacks?: readonly string[];
  keyDerivation?: KeyDerivationName;
  cost?: { iterations?: number; N?: number };
  writeSalt?: string;
}): Keyring {
  return {
    primary: opts.primary,
    fallbacks: opts.fallbacks ?? [],
    keyDerivation: opts.keyDerivation ?? "pbkdf2",
    ...(opts.cost ? { cost: opts.cost } : {}),
    writeSalt: opts.writeSalt ?? randomBytes(16).toString("base64"),
  };
}

/** The same keys with a fixed salt (the history keeps one salt so its many objects need one derivation). */
export function withSalt(k: Keyring, salt: string): Keyring {
  return { ...k, writeSalt: salt };
}
