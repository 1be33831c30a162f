// Opening the cluster a provider configuration names: embedded (a ClusterCore over a data directory, in this
// process) or served (HTTP with a bearer token). The cluster core is loaded only here, lazily, so that
// fetching the provider's schema (every `cairn validate`, `fmt`...) never opens SQLite.
import { resolve } from "node:path";
import type { ClusterSession } from "./resource-type.js";
import type { ClusterClient } from "../../cluster/api/client.js";

export const ENDPOINT_ENV = "CAIRN_CLUSTER_ENDPOINT";
export const TOKEN_ENV = "CAIRN_CLUSTER_TOKEN";
/** Embedded data directory, relative to the working directory (the configuration's directory). */
export const DEFAULT_DATA_DIR = ".cairn/cluster";

export type ClusterTarget = { mode: "embedded"; dataDir: string } | { mode: "served"; endpoint: string; token: string };

export interface TargetSettings {
  readonly dataDir?: string | null;
  readonly endpoint?: string | null;
  readonly token?: string | null;
}

/**
 * Which cluster: an explicit endpoint (setting, else CAIRN_CLUSTER_ENDPOINT) means served, and needs a token
 * (setting, else CAIRN_CLUSTER_TOKEN); otherwise embedded in data_dir (default .cairn/cluster). A string is
 * a message for the user.
 */
export function resolveTarget(settings: TargetSettings, cwd: string, env: NodeJS.ProcessEnv): ClusterTarget | string {
  if (settings.dataDir && settings.endpoint) return "Set either data_dir (embedded cluster) or endpoint (served cluster), not both.";
  const endpoint = settings.endpoint ?? (settings.dataDir ? undefined : env[ENDPOINT_ENV]);
  if (endpoint) {
    const token = settings.token ?? env[TOKEN_ENV];
    if (!token) return `The served cluster at ${endpoint} needs a token: set token in the provider block or ${TOKEN_ENV} (cairn cluster serve prints where its token file is).`;
    return { mode: "served", endpoint, token };
  }
  return { mode: "embedded", dataDir: resolve(cwd, settings.dataDir ?? DEFAULT_DATA_DIR) };
}

export interface OpenSession extends ClusterSession {
  close(): Promise<void>;
}

export async function openSession(target: ClusterTarget): Promise<OpenSession> {
  const { connect } = await import("../../cluster/connect.js");
  const conn = connect(target);
  const client: ClusterClient = conn.client;
  const core = conn.core;
  if (core === undefined) {
    return { client, settle: async () => undefined, isQuiescent: () => false, close: () => client.close() };
  }
  return {
    client,
    settle: () => core.waitIdle(),
    isQuiescent: () => core.isLeader(),
    close: () => client.close(),
  };
}
