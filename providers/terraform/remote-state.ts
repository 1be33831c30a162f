// The `terraform_remote_state` data source: the root outputs of another configuration's state, read through
// a backend, as Terraform 1.11 reads them. `local` reads the workspace's file (`path`, `workspace_dir`,
// relative to the working directory); `pg` reads the workspace's row through the pg backend's own code
// (state/pg/: `conn_str`, `schema_name`, the skip_* switches, PG_CONN_STR / PG_SCHEMA_NAME from the
// environment). An output recorded as sensitive is read unmarked (Terraform's state and JSON plan mark
// nothing under `outputs`). Deliberate difference (docs/backends.md): for a pg workspace that has no row,
// Terraform creates the row with an empty state and returns no outputs; Cairn returns no outputs and writes
// nothing, since a read should not create workspaces.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { convert, formatPath } from "../../lang/values/convert.js";
import { BoolType, DynamicPseudoType, StringType, type Type } from "../../lang/values/types.js";
import { objectVal, type Value } from "../../lang/values/value.js";
import type { StateFile } from "../../state/model.js";
import { outputStateValue } from "../../state/output-value.js";
import { parseState } from "../../state/parse.js";
import { PgDatabase } from "../../state/pg/database.js";
import { readPgState } from "../../state/pg/read.js";
import { getAttr } from "../objchange/index.js";
import type { Schema } from "../schema.js";

export const remoteStateTypeName = "terraform_remote_state";

export const remoteStateSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      backend: { type: StringType, required: true },
      config: { type: DynamicPseudoType, optional: true },
      defaults: { type: DynamicPseudoType, optional: true },
      outputs: { type: DynamicPseudoType, computed: true },
      workspace: { type: StringType, optional: true },
    },
  },
};

/** The backends terraform_remote_state reads and their arguments (Terraform's backend schemas). */
const backendArguments: Readonly<Record<string, Readonly<Record<string, Type>>>> = {
  local: { path: StringType, workspace_dir: StringType },
  pg: { conn_str: StringType, schema_name: StringType, skip_schema_creation: BoolType, skip_table_creation: BoolType, skip_index_creation: BoolType },
};

type Arguments = Record<string, string | boolean>;

export function validateRemoteState(config: Value): Diagnostic[] {
  const backend = getAttr(config, "backend");
  if (!backend.isKnown() || backend.isNull()) return [];
  const type = backend.asString();
  if (backendArguments[type] === undefined) return [unsupportedBackend(type)];
  return decodeArguments(type, getAttr(config, "config")).diags;
}

export interface RemoteStateRead {
  readonly state: Value;
  readonly diagnostics: Diagnostic[];
}

/** Reads the outputs; `cwd` is what relative paths are taken from (the working directory, as Terraform). */
export async function readRemoteState(config: Value, cwd: string, env: NodeJS.ProcessEnv): Promise<RemoteStateRead> {
  const fail = (d: Diagnostic): RemoteStateRead => ({ state: config, diagnostics: [d] });
  const invalid = validateRemoteState(config);
  if (invalid.length > 0) return { state: config, diagnostics: invalid };
  const type = getAttr(config, "backend").asString();
  const args = decodeArguments(type, getAttr(config, "config")).args;
  const ws = getAttr(config, "workspace");
  const workspace = ws.isNull() ? "default" : ws.asString();
  const read = type === "pg" ? await readPg(args, env, workspace) : readLocal(args, cwd, workspace);
  if ("diag" in read) return fail(read.diag);
  const outputs = new Map<string, Value>();
  for (const [name, o] of Object.entries(read.state?.outputs ?? {})) {
    const v = outputStateValue(o);
    if (v === undefined) return fail(errorDiag("Error loading state error", `The output "${name}" of ${read.where} has a type or value Cairn cannot read.`));
    outputs.set(name, v);
  }
  const defaults = getAttr(config, "defaults");
  if (!defaults.isNull() && defaults.raw instanceof Map) {
    for (const [name, v] of defaults.raw as ReadonlyMap<string, Value>) if (!outputs.has(name)) outputs.set(name, v);
  }
  const state = objectVal({
    backend: getAttr(config, "backend"),
    config: getAttr(config, "config"),
    defaults,
    outputs: objectVal(outputs),
    // As Terraform: the argument as given (null for the default workspace), not the workspace read.
    workspace: ws,
  });
  return { state, diagnostics: [] };
}

/** What a backend found: a state (undefined: an existing workspace with no state yet), or why not. */
type BackendRead = { state?: StateFile; where: string } | { diag: Diagnostic };

const notFound = (): BackendRead => ({ diag: errorDiag("Unable to find remote state", "No stored state was found for the given workspace in the given backend.") });
const loadError = (detail: string): BackendRead => ({ diag: errorDiag("Error loading state error", `error loading the remote state: ${detail}`) });

function readLocal(args: Arguments, cwd: string, workspace: string): BackendRead {
  const setting = (k: string) => (typeof args[k] === "string" ? (args[k] as string) : undefined);
  const path = resolve(cwd, workspace === "default" ? (setting("path") ?? "terraform.tfstate") : join(setting("workspace_dir") ?? "terraform.tfstate.d", workspace, "terraform.tfstate"));
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") return { diag: errorDiag("Error loading state error", `Reading ${path}: ${(err as Error).message}`) };
    return notFound();
  }
  const parsed = parseState(text, path);
  if (parsed.state === undefined) return loadError(parsed.diags.map((d) => d.detail ?? d.summary).join("; "));
  return { state: parsed.state, where: path };
}

/**
 * The workspace's row. As Terraform's pg backend: the default workspace always exists, so no state there is
 * "Unable to find remote state"; any other workspace without a state reads as one with no outputs.
 */
async function readPg(args: Arguments, env: NodeJS.ProcessEnv, workspace: string): Promise<BackendRead> {
  const db = PgDatabase.shared(args, env);
  const where = `pg:${db.settings?.schema ?? "?"}/${workspace}`;
  const r = await readPgState(db, workspace, where, undefined);
  if (!r.ok) return r.unreachable ? { diag: r.diags[0]! } : loadError(r.diags.map((d) => d.detail ?? d.summary).join("; "));
  if (r.state === undefined && workspace === "default") return notFound();
  return { state: r.state, where };
}

function unsupportedBackend(type: string): Diagnostic {
  return errorDiag("Invalid backend configuration", `There is no backend type named "${type}".`);
}

/** `config` as the backend's arguments, converted to their types, with Terraform's wording for a bad one. */
function decodeArguments(type: string, settings: Value): { args: Arguments; diags: Diagnostic[] } {
  const args: Arguments = {};
  const diags: Diagnostic[] = [];
  if (settings.isNull() || !settings.isKnown() || !(settings.raw instanceof Map)) return { args, diags };
  const invalid = (what: string) => errorDiag("Invalid backend configuration", `The given configuration is not valid for backend "${type}": ${what}.`);
  const schema = backendArguments[type]!;
  for (const [name, v] of settings.raw as ReadonlyMap<string, Value>) {
    const want = schema[name];
    if (want === undefined) {
      diags.push(invalid(`unexpected attribute ${JSON.stringify(name)}`));
      continue;
    }
    if (v.isNull() || !v.isKnown()) continue;
    const c = convert(v, want);
    if (!c.ok) diags.push(invalid(`.${name}${formatPath(c.path ?? [])}: ${c.message}`));
    else args[name] = want === BoolType ? c.value.asBool() : c.value.asString();
  }
  return { args, diags };
}
