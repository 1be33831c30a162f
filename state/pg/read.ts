// Reading one workspace's state from the pg backend's `states` table: the one read both the backend's store
// (store.ts) and terraform_remote_state use. A row that is missing or empty is "no state"; a sealed state is
// opened with the keyring (without one it is a diagnostic, never garbage).

import type { Diagnostic } from "../../lang/diagnostics.js";
import { isEncrypted } from "../encryption/envelope.js";
import { decryptStateFile } from "../encryption/files.js";
import type { Keyring } from "../encryption/keyring.js";
import type { StateFile } from "../model.js";
import { parseStateBuffer } from "../parse.js";
import type { PgDatabase } from "./database.js";

export type PgStateRead =
  /** `text` is the state's plaintext, `exists` whether the workspace has a row at all. */
  | { readonly ok: true; readonly state?: StateFile; readonly text?: string; readonly exists: boolean }
  /** `unreachable`: the database could not be asked; otherwise the stored state could not be read. */
  | { readonly ok: false; readonly unreachable: boolean; readonly diags: Diagnostic[] };

/** The state of `workspace`; `path` names it in messages (`pg:<schema>/<workspace>`). */
export async function readPgState(db: PgDatabase, workspace: string, path: string, keyring: Keyring | undefined): Promise<PgStateRead> {
  const r = await db.use("load state", (c) => c.query<{ data: string | null }>(`SELECT data FROM ${db.table} WHERE name = $1`, [workspace]));
  if (!r.ok) return { ok: false, unreachable: true, diags: r.diags.map((d) => ({ ...d, summary: "Failed to load state", detail: `Error reading ${path}: ${d.detail ?? ""}` })) };
  const row = r.value.rows[0];
  const raw = row?.data ?? "";
  if (raw === "") return { ok: true, exists: row !== undefined };
  let text = raw;
  if (isEncrypted(raw)) {
    const opened = decryptStateFile(Buffer.from(raw, "utf8"), keyring, `The state ${path}`);
    if (!opened.ok) return { ok: false, unreachable: false, diags: opened.diags };
    text = Buffer.from(opened.data).toString("utf8");
  }
  const parsed = parseStateBuffer(Buffer.from(text, "utf8"), path);
  if (parsed.diags.length > 0) return { ok: false, unreachable: false, diags: parsed.diags };
  if (parsed.state === undefined) return { ok: true, exists: true };
  return { ok: true, state: parsed.state, text, exists: true };
}
