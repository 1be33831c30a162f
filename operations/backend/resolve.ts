// Which backend a command uses, as Terraform's Meta.Backend decides it: the configuration's backend block
// against the settings `init` saved (settings.ts). A block init has not seen (new, edited, removed) refuses
// the command with "Backend initialization required" until `cairn init` says what to do, so two people can
// never silently write to two different places. Resolved once per command (per Host).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configFileNames, type Backend, type ConfigModule } from "../../config/index.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { LocalLayout } from "../../modules/workspace.js";
import type { Host } from "../host.js";
import { loadRootConfiguration } from "../load-root.js";
import { backendHash, decodeBackendBlock } from "./decode.js";
import { readBackendSettings } from "./settings.js";
import type { BackendConfig } from "./types.js";

export type ResolvedBackend =
  | { readonly type: "local"; readonly layout: LocalLayout }
  | { readonly type: "pg"; readonly config: BackendConfig };

export interface BackendResolution {
  /** Undefined when the command must stop (diags say why). */
  readonly backend?: ResolvedBackend;
  readonly diags: Diagnostic[];
}

const resolved = new WeakMap<Host, BackendResolution>();

/** The backend of the working directory; `module` when the command has loaded the root module already. */
export function resolveBackend(ctx: Host, module?: ConfigModule): BackendResolution {
  const hit = resolved.get(ctx);
  if (hit !== undefined) return hit;
  const r = resolveUncached(ctx, module);
  resolved.set(ctx, r);
  return r;
}

/** The backend a configuration and saved settings resolve to (the same rules, for `init` to check). */
function resolveUncached(ctx: Host, module: ConfigModule | undefined): BackendResolution {
  const saved = readBackendSettings(ctx.cwd);
  if (saved.diags.length > 0) return { diags: saved.diags };
  const block = module !== undefined ? module.backend : backendBlockIn(ctx.cwd);
  const settings = saved.settings;
  if (block === undefined && settings === undefined) return { backend: { type: "local", layout: {} }, diags: [] };
  if (block === undefined) return { diags: [initRequired(`Unsetting the previously set backend ${JSON.stringify(settings!.type)}`, ",")] };
  if (settings === undefined) return { diags: [initRequired(`Initial configuration of the requested backend ${JSON.stringify(block.type)}`, ",")] };
  const diags: Diagnostic[] = [];
  const config = decodeBackendBlock(block, diags);
  if (config === undefined) return { diags };
  if (block.type !== settings.type || backendHash(block.type, config) !== settings.hash) {
    return { diags: [initRequired("Backend configuration block has changed", ":")] };
  }
  return { backend: fromSettings(settings.type, settings.config), diags: [] };
}

export function fromSettings(type: string, config: BackendConfig): ResolvedBackend {
  if (type === "pg") return { type: "pg", config };
  const str = (k: string) => (typeof config[k] === "string" && config[k] !== "" ? (config[k] as string) : undefined);
  const path = str("path");
  const workspaceDir = str("workspace_dir");
  return { type: "local", layout: { ...(path !== undefined ? { path } : {}), ...(workspaceDir !== undefined ? { workspaceDir } : {}) } };
}

/**
 * The root module's backend block. The configuration is parsed only when a file mentions "backend", so state
 * commands in a large configuration without one do not pay for a full parse.
 */
function backendBlockIn(dir: string): Backend | undefined {
  const names = configFileNames(dir);
  const files = [...names.primary, ...names.override];
  const mentions = files.some((f) => {
    try {
      return readFileSync(join(dir, f)).includes("backend");
    } catch {
      return false;
    }
  });
  if (!mentions) return undefined;
  return loadRootConfiguration(dir).module.backend;
}

/** Terraform's errBackendInit text: "Backend initialization required" with the reason. (Terraform writes a
 * comma after "required" for a new or removed block and a colon for a changed one; so does Cairn.) */
function initRequired(reason: string, punct: "," | ":"): Diagnostic {
  return {
    severity: "error",
    summary: `Backend initialization required${punct} please run "cairn init"`,
    detail:
      `Reason: ${reason}\n\n` +
      `The "backend" is the interface that Cairn uses to store state,\nperform operations, etc. If this message is showing up, it means that the\n` +
      `Cairn configuration you're using is using a custom configuration for\nthe Cairn backend.\n\n` +
      `Changes to backend configurations require reinitialization. This allows\nCairn to set up the new configuration, copy existing state, etc. Please run\n` +
      `"cairn init" with either the "-reconfigure" or "-migrate-state" flags to\nuse the current configuration.\n\n` +
      `If the change reason above is incorrect, please verify your configuration\nhasn't changed and try again. At this point, no changes to your existing\nconfiguration or state have been made.`,
  };
}
