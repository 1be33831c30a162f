// A backend block's arguments, and the -backend-config flags of `init` merged over them (Terraform's partial
// configuration): `-backend-config=KEY=VALUE` sets one argument, `-backend-config=FILE` reads a file of
// `KEY = VALUE` lines in HCL. Values are constants (no variables, no functions), as Terraform requires.

import { readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { Backend } from "../../config/index.js";
import { decodeConstBool, decodeConstString } from "../../config/static.js";
import type { BodySchema, SyntaxBody } from "../../lang/body.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { nativeBody } from "../../lang/syntax/native-body.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { BACKEND_TYPES, emptyConfig, supportedBackendTypes, type BackendConfig, type BackendValue } from "./types.js";

const MAX_BACKEND_CONFIG_FILE_BYTES = 1 << 20;

/** The "Unsupported backend type" error, naming the types Cairn has. */
export function unsupportedType(block: Backend): Diagnostic {
  return {
    severity: "error",
    summary: "Unsupported backend type",
    detail: `There is no backend type named ${JSON.stringify(block.type)}. Cairn supports ${supportedBackendTypes().map((t) => JSON.stringify(t)).join(" and ")}.`,
    subject: block.typeRange,
  };
}

/** The block's own arguments (every argument of its type, null when not set); undefined on errors. */
export function decodeBackendBlock(block: Backend, diags: Diagnostic[]): Record<string, BackendValue> | undefined {
  const args = BACKEND_TYPES[block.type];
  if (args === undefined) {
    diags.push(unsupportedType(block));
    return undefined;
  }
  const before = diags.length;
  const config = emptyConfig(block.type);
  decodeBody(block.config, block.type, config, diags);
  return diags.slice(before).some((d) => d.severity === "error") ? undefined : config;
}

/**
 * The hash of the block as written (without -backend-config), what the settings file records to notice an
 * edited block. Not Terraform's number (a crc32 of its own encoding): it only has to be stable in Cairn.
 */
export function backendHash(type: string, blockConfig: BackendConfig): number {
  const h = createHash("sha256").update(JSON.stringify([type, Object.entries(blockConfig).sort(([a], [b]) => (a < b ? -1 : 1))])).digest();
  return h.readUInt32BE(0);
}

/** Applies each -backend-config flag in order over `config`. */
export function applyBackendConfigFlags(type: string, config: Record<string, BackendValue>, flags: readonly string[], cwd: string, diags: Diagnostic[]): void {
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq > 0) {
      const key = flag.slice(0, eq);
      const arg = BACKEND_TYPES[type]!.find((a) => a.name === key);
      if (arg === undefined) {
        diags.push({ severity: "error", summary: "Invalid backend configuration argument", detail: `The backend configuration argument ${JSON.stringify(key)} given on the command line is not expected for the selected backend type.` });
        continue;
      }
      const raw = flag.slice(eq + 1);
      if (arg.type === "string") config[key] = raw;
      else if (raw === "true" || raw === "false") config[key] = raw === "true";
      else diags.push({ severity: "error", summary: "Invalid backend configuration argument", detail: `The value for ${JSON.stringify(key)} given on the command line must be true or false.` });
      continue;
    }
    const path = resolve(cwd, flag);
    let bytes: Buffer;
    try {
      if (statSync(path).size > MAX_BACKEND_CONFIG_FILE_BYTES) throw new Error("the file is larger than 1 MiB");
      bytes = readFileSync(path);
    } catch (err) {
      diags.push({ severity: "error", summary: "Failed to read file", detail: `The file ${JSON.stringify(flag)} could not be read: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseConfig(bytes, flag);
    diags.push(...parsed.diags);
    if (parsed.diags.some((d) => d.severity === "error")) continue;
    decodeBody(nativeBody(parsed.file.body), type, config, diags);
  }
}

function decodeBody(body: SyntaxBody, type: string, into: Record<string, BackendValue>, diags: Diagnostic[]): void {
  const args = BACKEND_TYPES[type]!;
  const schema: BodySchema = { attributes: args.map((a) => ({ name: a.name })) };
  const { content, diags: d } = body.content(schema);
  diags.push(...d);
  for (const a of args) {
    const attr = content.attributes.get(a.name);
    if (attr === undefined) continue;
    const v = a.type === "string" ? decodeConstString(attr.expr, diags) : decodeConstBool(attr.expr, diags);
    if (v !== undefined) into[a.name] = v;
  }
}
