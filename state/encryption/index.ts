// state/encryption/: encryption at rest for the state file, history snapshots and saved plans (AES-256-GCM,
// keys from a passphrase with PBKDF2 or scrypt, fallback keys for rotation). Imports only node:crypto and
// diagnostics; config-block.ts alone reads configuration syntax (config/static.ts).

export { isEncrypted, encrypt, decrypt, type Purpose, type DecryptResult } from "./envelope.js";
export { newKeyring, withSalt, type Keyring } from "./keyring.js";
export { deriveKey, kdfParams, type KdfParams, type KeyDerivationName } from "./kdf.js";
export { keyringFor, keyringFromEnv, ENV_PASSPHRASE, ENV_FALLBACK, ENV_KEY_DERIVATION, type EncryptionConfig, type PassphraseSource, type PassphraseInputs } from "./config.js";
export { openFileData, sealFileData, encryptStateText, decryptStateFile, encryptPlanFile, decryptPlanFile, planEncryption, PlanDecryptError, type OpenResult } from "./files.js";
export { decodeEncryptionBlock, decodeEncryptionFromTerraformBlock } from "./config-block.js";
