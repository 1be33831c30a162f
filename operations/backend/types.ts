// The backend types Cairn has and their arguments, as Terraform's schemas declare them: the local backend's
// `path` and `workspace_dir`, the pg backend's connection and creation switches. An argument value is a string
// or a bool; null means "not set" (the settings file lists every argument, as Terraform's does).

export type BackendValue = string | boolean | null;
export type BackendConfig = Readonly<Record<string, BackendValue>>;

export interface BackendArgument {
  readonly name: string;
  readonly type: "string" | "bool";
}

export const BACKEND_TYPES: Readonly<Record<string, readonly BackendArgument[]>> = {
  local: [
    { name: "path", type: "string" },
    { name: "workspace_dir", type: "string" },
  ],
  pg: [
    { name: "conn_str", type: "string" },
    { name: "schema_name", type: "string" },
    { name: "skip_schema_creation", type: "bool" },
    { name: "skip_table_creation", type: "bool" },
    { name: "skip_index_creation", type: "bool" },
  ],
};

export function supportedBackendTypes(): string[] {
  return Object.keys(BACKEND_TYPES).sort();
}

/** Every argument of `type`, null. */
export function emptyConfig(type: string): Record<string, BackendValue> {
  const out: Record<string, BackendValue> = {};
  for (const a of BACKEND_TYPES[type] ?? []) out[a.name] = null;
  return out;
}
