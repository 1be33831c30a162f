// The backend settings of a working directory, as Terraform keeps them in `.terraform/terraform.tfstate`:
// `.cairn/terraform.tfstate` (Cairn's working directory is `.cairn`, as for `.cairn/environment`), written by
// `init`, holding the backend's type, its full configuration (the block merged with -backend-config) and the
// hash of the block as written in the configuration, so a later command notices an edited block.

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { writeFileAtomic } from "../../state/atomic-file.js";
import { VERSION } from "../version.js";
import { BACKEND_TYPES, type BackendConfig, type BackendValue } from "./types.js";

export const BACKEND_SETTINGS_FILE = join(".cairn", "terraform.tfstate");
const MAX_SETTINGS_BYTES = 1 << 20;

export interface BackendSettings {
  readonly type: string;
  readonly config: BackendConfig;
  readonly hash: number;
}

/** The saved settings; undefined when init never configured a backend. */
export function readBackendSettings(dir: string): { settings?: BackendSettings; diags: Diagnostic[] } {
  const path = join(dir, BACKEND_SETTINGS_FILE);
  let text: string;
  try {
    const raw = readFileSync(path);
    if (raw.length > MAX_SETTINGS_BYTES) return { diags: [damaged(path, "the file is larger than 1 MiB")] };
    text = raw.toString("utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { diags: [] };
    return { diags: [damaged(path, (err as Error).message)] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { diags: [damaged(path, (err as Error).message)] };
  }
  const backend = (doc as { backend?: unknown } | null)?.backend;
  if (backend === undefined || backend === null) return { diags: [] };
  const b = backend as { type?: unknown; config?: unknown; hash?: unknown };
  if (typeof b.type !== "string" || typeof b.config !== "object" || b.config === null || typeof b.hash !== "number") {
    return { diags: [damaged(path, "the backend entry lacks its type, config or hash")] };
  }
  const config: Record<string, BackendValue> = {};
  for (const [k, v] of Object.entries(b.config as Record<string, unknown>)) {
    if (typeof v === "string" || typeof v === "boolean" || v === null) config[k] = v;
    else return { diags: [damaged(path, `the value of ${JSON.stringify(k)} is neither a string, a bool nor null`)] };
  }
  return { settings: { type: b.type, config, hash: b.hash }, diags: [] };
}

/** Writes the settings (mode 0600: a pg conn_str may hold a password). */
export async function writeBackendSettings(dir: string, settings: BackendSettings): Promise<void> {
  mkdirSync(join(dir, ".cairn"), { recursive: true });
  // Arguments in the schema's order, as Terraform writes them.
  const ordered: Record<string, BackendValue> = {};
  for (const a of BACKEND_TYPES[settings.type] ?? []) ordered[a.name] = settings.config[a.name] ?? null;
  const doc = { version: 3, terraform_version: VERSION, backend: { type: settings.type, config: ordered, hash: settings.hash } };
  await writeFileAtomic(join(dir, BACKEND_SETTINGS_FILE), Buffer.from(JSON.stringify(doc, null, 2) + "\n"), 0o600);
}

function damaged(path: string, why: string): Diagnostic {
  return { severity: "error", summary: "Failed to read the backend settings", detail: `Error reading ${path}: ${why}. Run "cairn init -reconfigure" to write them again.` };
}
