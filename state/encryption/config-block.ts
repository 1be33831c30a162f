// Decoding the `encryption` block inside `terraform { ... }` statically (no evaluation: the passphrase must be
// a plain `var.NAME` reference or a `passphrase_env` name), so the state can be opened before planning.
// This file is the one place in state/ that reads configuration syntax; the crypto itself stays planner-free.

import type { ContentBlock } from "../../lang/body.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { absTraversalForExpr, decodeConstString } from "../../config/static.js";
import type { EncryptionConfig, PassphraseSource } from "./config.js";

const encryptionSchema = {
  attributes: [{ name: "passphrase" }, { name: "passphrase_env" }, { name: "key_derivation" }],
  blocks: [{ type: "fallback" }],
};
const fallbackSchema = { attributes: [{ name: "passphrase" }, { name: "passphrase_env" }] };

/** Finds and decodes `encryption` among the terraform block's nested blocks (pass the terraform block). */
export function decodeEncryptionFromTerraformBlock(terraform: ContentBlock, diags: Diagnostic[]): EncryptionConfig | undefined {
  const { content, diags: d } = terraform.body.partialContent({ blocks: [{ type: "encryption" }] });
  diags.push(...d);
  const block = content.blocks[0];
  return block === undefined ? undefined : decodeEncryptionBlock(block, diags);
}

export function decodeEncryptionBlock(block: ContentBlock, diags: Diagnostic[]): EncryptionConfig | undefined {
  const { content, diags: d } = block.body.content(encryptionSchema);
  diags.push(...d);
  const passphrase = decodeSource(content.attributes, block, diags);
  let keyDerivation: "pbkdf2" | "scrypt" = "pbkdf2";
  const kd = content.attributes.get("key_derivation");
  if (kd !== undefined) {
    const s = decodeConstString(kd.expr, diags);
    if (s === "pbkdf2" || s === "scrypt") keyDerivation = s;
    else if (s !== undefined) diags.push({ severity: "error", summary: "Invalid key_derivation", detail: `key_derivation must be "pbkdf2" or "scrypt".`, subject: kd.expr.range });
  }
  const fallbacks: PassphraseSource[] = [];
  for (const fb of content.blocks) {
    const { content: fc, diags: fd } = fb.body.content(fallbackSchema);
    diags.push(...fd);
    const src = decodeSource(fc.attributes, fb, diags);
    if (src) fallbacks.push(src);
  }
  return passphrase === undefined ? undefined : { passphrase, keyDerivation, fallbacks };
}

type Attrs = ReadonlyMap<string, { readonly expr: import("../../lang/syntax/ast.js").Expression }>;

function decodeSource(attrs: Attrs, block: ContentBlock, diags: Diagnostic[]): PassphraseSource | undefined {
  const p = attrs.get("passphrase");
  const e = attrs.get("passphrase_env");
  if ((p === undefined) === (e === undefined)) {
    diags.push({ severity: "error", summary: "Invalid encryption passphrase", detail: `Exactly one of "passphrase" (a var.NAME reference) or "passphrase_env" (an environment variable name) is required.`, subject: block.defRange });
    return undefined;
  }
  if (e !== undefined) {
    const name = decodeConstString(e.expr, diags);
    return name === undefined ? undefined : { kind: "env", name };
  }
  const t = absTraversalForExpr(p!.expr);
  const tr = t.traversal;
  if (tr !== undefined && tr.length === 2 && tr[0]!.kind === "root" && tr[0].name === "var" && tr[1]!.kind === "attr") return { kind: "var", name: tr[1].name };
  diags.push({
    severity: "error",
    summary: "Invalid encryption passphrase",
    detail: "The passphrase must be a reference to a variable, such as var.state_passphrase, so that it never appears in the configuration or the history.",
    subject: p!.expr.range,
  });
  return undefined;
}
