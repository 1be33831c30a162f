// The pg backend's arguments as Terraform's pg backend reads them: `conn_str`, `schema_name` and the three
// `skip_*_creation` switches, each defaulting to its environment variable (PG_CONN_STR, PG_SCHEMA_NAME,
// PG_SKIP_*). The same settings serve the backend block and terraform_remote_state's `config`.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { durationMilliseconds } from "../../lang/duration.js";

export const DEFAULT_SCHEMA = "terraform_remote_state";
/** The lock lease, renewed every third of it; CAIRN_PG_LOCK_LEASE (a Go duration) changes it. */
const DEFAULT_LEASE_MS = 60_000;

/** A backend block's (or a remote state's `config`) arguments: a string or a bool; null means "not set". */
export type PgArguments = Readonly<Record<string, string | boolean | null>>;

export interface PgSettings {
  readonly connStr: string;
  readonly schema: string;
  readonly skipSchemaCreation: boolean;
  readonly skipTableCreation: boolean;
  readonly skipIndexCreation: boolean;
  readonly leaseMs: number;
}

/** The arguments with Terraform's environment defaults. */
export function pgSettings(config: PgArguments, env: NodeJS.ProcessEnv): { settings?: PgSettings; diags: Diagnostic[] } {
  const str = (k: string, e: string) => (typeof config[k] === "string" && config[k] !== "" ? (config[k] as string) : env[e] !== undefined && env[e] !== "" ? env[e]! : undefined);
  const bool = (k: string, e: string) => (typeof config[k] === "boolean" ? (config[k] as boolean) : env[e] === "true" || env[e] === "1");
  const connStr = str("conn_str", "PG_CONN_STR");
  if (connStr === undefined) {
    return { diags: [{ severity: "error", summary: "Missing pg backend connection string", detail: `The pg backend needs "conn_str" in its block, a -backend-config=conn_str=... flag of init, or the PG_CONN_STR environment variable.` }] };
  }
  const lease = env.CAIRN_PG_LOCK_LEASE !== undefined && env.CAIRN_PG_LOCK_LEASE !== "" ? durationMilliseconds(env.CAIRN_PG_LOCK_LEASE) : DEFAULT_LEASE_MS;
  if (lease === undefined || lease < 1000) {
    return { diags: [{ severity: "error", summary: "Invalid CAIRN_PG_LOCK_LEASE", detail: `CAIRN_PG_LOCK_LEASE must be a duration of at least 1s, such as "30s"; got ${JSON.stringify(env.CAIRN_PG_LOCK_LEASE)}.` }] };
  }
  return {
    settings: {
      connStr,
      schema: str("schema_name", "PG_SCHEMA_NAME") ?? DEFAULT_SCHEMA,
      skipSchemaCreation: bool("skip_schema_creation", "PG_SKIP_SCHEMA_CREATION"),
      skipTableCreation: bool("skip_table_creation", "PG_SKIP_TABLE_CREATION"),
      skipIndexCreation: bool("skip_index_creation", "PG_SKIP_INDEX_CREATION"),
      leaseMs: lease,
    },
    diags: [],
  };
}
