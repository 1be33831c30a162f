// Encryption settings as configured in the `terraform` block, and turning them into a Keyring:
//
//   terraform {
//     encryption {
//       passphrase     = var.state_passphrase      # or passphrase_env = "CAIRN_STATE_PASSPHRASE"
//       key_derivation = "pbkdf2"                  # or "scrypt"; default "pbkdf2"
//       fallback { passphrase = var.old_passphrase }   # key rotation: zero or more, tried in order
//     }
//   }
//
// The passphrase is never a literal in the configuration: it comes from a variable (give it with -var or
// TF_VAR_..., never written to the history) or from an environment variable. Without a terraform block,
// CAIRN_STATE_PASSPHRASE / CAIRN_STATE_PASSPHRASE_FALLBACK / CAIRN_STATE_KEY_DERIVATION configure the same.

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { KeyDerivationName } from "./kdf.js";
import { newKeyring, type Keyring } from "./keyring.js";

export type PassphraseSource = { readonly kind: "var"; readonly name: string } | { readonly kind: "env"; readonly name: string };

export interface EncryptionConfig {
  readonly passphrase: PassphraseSource;
  readonly keyDerivation: KeyDerivationName;
  readonly fallbacks: readonly PassphraseSource[];
}

export interface PassphraseInputs {
  /** Root module variable values as strings (only the ones named by the config are read). */
  readonly variables?: ReadonlyMap<string, string>;
  readonly env: NodeJS.ProcessEnv;
}

export const ENV_PASSPHRASE = "CAIRN_STATE_PASSPHRASE";
export const ENV_FALLBACK = "CAIRN_STATE_PASSPHRASE_FALLBACK";
export const ENV_KEY_DERIVATION = "CAIRN_STATE_KEY_DERIVATION";

/** The keyring for a configuration (undefined = no encryption), or a diagnostic when a passphrase is missing. */
export function keyringFor(config: EncryptionConfig | undefined, inputs: PassphraseInputs): { keyring?: Keyring; diags: Diagnostic[] } {
  if (config === undefined) return keyringFromEnv(inputs.env);
  const diags: Diagnostic[] = [];
  const primary = lookup(config.passphrase, inputs, diags);
  const fallbacks: string[] = [];
  for (const f of config.fallbacks) {
    const v = lookup(f, inputs, diags);
    if (v !== undefined) fallbacks.push(v);
  }
  if (primary === undefined) return { diags };
  return { keyring: newKeyring({ primary, fallbacks, keyDerivation: config.keyDerivation }), diags };
}

/** Environment-only configuration, for states without a configuration directory (and for CI). */
export function keyringFromEnv(env: NodeJS.ProcessEnv): { keyring?: Keyring; diags: Diagnostic[] } {
  const primary = env[ENV_PASSPHRASE];
  if (primary === undefined || primary === "") return { diags: [] };
  const kd = env[ENV_KEY_DERIVATION] ?? "pbkdf2";
  if (kd !== "pbkdf2" && kd !== "scrypt") {
    return { diags: [{ severity: "error", summary: "Invalid key derivation", detail: `${ENV_KEY_DERIVATION} must be "pbkdf2" or "scrypt", not ${JSON.stringify(kd)}.` }] };
  }
  const fb = env[ENV_FALLBACK];
  return { keyring: newKeyring({ primary, fallbacks: fb ? [fb] : [], keyDerivation: kd }), diags: [] };
}

function lookup(src: PassphraseSource, inputs: PassphraseInputs, diags: Diagnostic[]): string | undefined {
  const v = src.kind === "var" ? inputs.variables?.get(src.name) : inputs.env[src.name];
  if (v === undefined || v === "") {
    const where = src.kind === "var" ? `variable "${src.name}" (set it with -var, a .tfvars file or TF_VAR_${src.name})` : `environment variable ${src.name}`;
    diags.push({ severity: "error", summary: "Missing encryption passphrase", detail: `State encryption is configured, but the passphrase from ${where} is not set. Nothing was read or written.` });
    return undefined;
  }
  return v;
}
