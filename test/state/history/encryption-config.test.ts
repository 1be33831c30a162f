import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfig } from "../../../lang/syntax/parser.js";
import { nativeBody } from "../../../lang/syntax/native-body.js";
import { decodeEncryptionFromTerraformBlock, keyringFor } from "../../../state/encryption/index.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";

function decode(src: string) {
  const { file } = parseConfig(src, "main.tf");
  const { content } = nativeBody(file.body).content({ blocks: [{ type: "terraform" }] });
  const diags: Diagnostic[] = [];
  const config = decodeEncryptionFromTerraformBlock(content.blocks[0]!, diags);
  return { config, diags };
}

test("the encryption block: variable passphrase, key derivation, fallbacks", () => {
  const { config, diags } = decode(`terraform {
  encryption {
    passphrase     = var.state_passphrase
    key_derivation = "scrypt"
    fallback { passphrase_env = "OLD_PASSPHRASE" }
  }
}`);
  assert.deepEqual(diags, []);
  assert.deepEqual(config, { passphrase: { kind: "var", name: "state_passphrase" }, keyDerivation: "scrypt", fallbacks: [{ kind: "env", name: "OLD_PASSPHRASE" }] });
  const k = keyringFor(config, { variables: new Map([["state_passphrase", "new"]]), env: { OLD_PASSPHRASE: "old" } });
  assert.equal(k.keyring!.primary, "new");
  assert.deepEqual(k.keyring!.fallbacks, ["old"]);
  const missing = keyringFor(config, { env: {} });
  assert.equal(missing.keyring, undefined);
  assert.match(missing.diags[0]!.detail!, /variable "state_passphrase".*TF_VAR_state_passphrase/);
});

test("a literal passphrase and an unknown key derivation are rejected", () => {
  const { config, diags } = decode(`terraform {
  encryption {
    passphrase     = "hunter2"
    key_derivation = "md5"
  }
}`);
  assert.equal(config, undefined);
  assert.deepEqual(diags.map((d) => d.summary).sort(), ["Invalid encryption passphrase", "Invalid key_derivation"]);
  assert.ok(!JSON.stringify(diags.map((d) => d.detail)).includes("hunter2"));
});

test("no encryption block: no configuration", () => {
  assert.deepEqual(decode(`terraform {\n}\n`), { config: undefined, diags: [] });
});
