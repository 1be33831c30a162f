// The keyring a command opens the state with (encryption at rest, docs/state-history.md): the root module's
// `terraform { encryption { ... } }` block when there is one (its passphrase from a root variable, given with
// -var, a .tfvars file or TF_VAR_..., or from an environment variable), else CAIRN_STATE_PASSPHRASE and its
// companions. An encryption block that does not resolve (a passphrase not set, an invalid block) is an
// error: the state is then neither read nor written, never silently handled as plaintext. So is a TF_WORKSPACE
// naming a workspace that cannot exist: every command that opens the state resolves its keyring here first.

import { loadRootConfiguration } from "./load-root.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configFileNames, type ConfigModule } from "../config/index.js";
import { decodeConstString } from "../config/static.js";
import { hasErrors, type Diagnostic } from "../lang/diagnostics.js";
import { collectVariableValues } from "../planner/variables/sources.js";
import type { VariableFlag } from "../planner/variables/raw.js";
import { decodeEncryptionBlock, keyringFor, type Keyring } from "../state/encryption/index.js";
import type { Host } from "./host.js";
import { workspaceEnvError } from "../modules/workspace.js";

export interface StateKeyring {
  readonly keyring?: Keyring;
  /** Errors mean the state must not be opened. */
  readonly diags: Diagnostic[];
}

export interface StateKeyringOptions {
  /** The root module when the command has already loaded it; otherwise it is loaded when it may hold an
   * encryption block. */
  readonly module?: ConfigModule;
  /** -var and -var-file, for a passphrase given as a variable. */
  readonly varFlags?: readonly VariableFlag[];
}

/** One resolution per command run (and -var flags): keyrings carry a random salt, and loading the
 * configuration twice is waste. */
const resolved = new WeakMap<Host, Map<string, StateKeyring>>();

export function stateKeyring(ctx: Host, opts: StateKeyringOptions = {}): StateKeyring {
  // Every command that opens the state asks here first, so this is where a state that must not be opened
  // at all is refused: TF_WORKSPACE naming a workspace that cannot exist.
  const badWorkspace = workspaceEnvError(ctx.env);
  if (badWorkspace !== undefined) return { diags: [{ severity: "error", summary: "Invalid workspace name set using TF_WORKSPACE", detail: badWorkspace }] };
  const perCtx = resolved.get(ctx) ?? new Map<string, StateKeyring>();
  resolved.set(ctx, perCtx);
  const key = JSON.stringify(opts.varFlags ?? []);
  const hit = perCtx.get(key);
  if (hit !== undefined) return hit;
  const diags: Diagnostic[] = [];
  const block = opts.module !== undefined ? opts.module.encryption : encryptionBlockIn(ctx.cwd, diags);
  let result: StateKeyring;
  if (hasErrors(diags)) {
    result = { diags };
  } else if (block === undefined) {
    result = keyringFor(undefined, { env: ctx.env });
  } else {
    const config = decodeEncryptionBlock(block, diags);
    if (config === undefined || hasErrors(diags)) {
      result = { diags: diags.length > 0 ? diags : [invalidBlock()] };
    } else {
      const names = new Set([config.passphrase, ...config.fallbacks].filter((s) => s.kind === "var").map((s) => s.name));
      const variables = names.size > 0 ? variableStrings(ctx, opts.varFlags ?? [], names, diags) : new Map<string, string>();
      const k = keyringFor(config, { variables, env: ctx.env });
      result = { keyring: k.keyring, diags: [...diags, ...k.diags] };
    }
  }
  perCtx.set(key, result);
  return result;
}

/**
 * The root module's encryption block, if any. The configuration is parsed only when one of its files
 * mentions "encryption", so state commands in a large configuration do not pay for a full parse.
 */
function encryptionBlockIn(dir: string, diags: Diagnostic[]) {
  const names = configFileNames(dir);
  const files = [...names.primary, ...names.override];
  if (files.length === 0) return undefined;
  const mentions = files.some((f) => {
    try {
      return readFileSync(join(dir, f)).includes("encryption");
    } catch {
      return false;
    }
  });
  if (!mentions) return undefined;
  const loaded = loadRootConfiguration(dir);
  // Only the encryption block's own problems matter here; the rest of the configuration is the concern of
  // the commands that use it.
  const block = loaded.module.encryption;
  if (block === undefined) {
    diags.push(...loaded.diags.filter((d) => d.severity === "error" && /encryption/i.test(`${d.summary} ${d.detail ?? ""}`)));
  }
  return block;
}

/** Root variable values as strings, for a passphrase variable: command line, files and TF_VAR_... */
function variableStrings(ctx: Host, flags: readonly VariableFlag[], names: ReadonlySet<string>, diags: Diagnostic[]): Map<string, string> {
  const collected = collectVariableValues({ dir: ctx.cwd, flags, env: ctx.env });
  diags.push(...collected.diags.filter((d) => d.severity === "error"));
  const out = new Map<string, string>();
  for (const name of names) {
    const raw = collected.values.get(name);
    if (raw === undefined) continue;
    const text = raw.text ?? (raw.expr !== undefined ? decodeConstString(raw.expr, []) : undefined);
    if (text !== undefined) out.set(name, text);
  }
  return out;
}

function invalidBlock(): Diagnostic {
  return { severity: "error", summary: "Invalid encryption configuration", detail: "The terraform block's encryption settings could not be decoded. Nothing was read or written." };
}

