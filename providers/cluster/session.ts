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

/**
 * Embedded cores open in this process, by data directory. The planner makes a provider instance per
 * operation (plan, then apply, in one `cairn apply`); two cores over one directory in one process would
 * split the work (only the lease holder runs controllers, so the other's waitIdle returns at once), so
 * instances share one core and the last to close closes it.
 */
const embedded = new Map<string, { session: Promise<OpenSession>; users: number }>();

export async function openSession(target: ClusterTarget): Promise<OpenSession> {
  if (target.mode === "served") return openNew(target);
  let entry = embedded.get(target.dataDir);
  if (!entry) {
    entry = { session: openNew(target), users: 0 };
    embedded.set(target.dataDir, entry);
  }
  entry.users++;
  const shared = await entry.session.catch((e: unknown) => {
    embedded.delete(target.dataDir);
    throw e;
  });
  let closed = false;
  return {
    ...shared,
    close: async () => {
      if (closed) return;
      closed = true;
      if (--entry.users > 0) return;
      embedded.delete(target.dataDir);
      await shared.close();
    },
  };
}

async function openNew(target: ClusterTarget): Promise<OpenSession> {
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
