// Opening the cluster a provider configuration names: embedded (a ClusterCore over a data directory, in this
// process) or served (HTTPS with a bearer token or client certificate, from a kubeconfig or explicit settings;
// one API server or several serving one cluster, between which the client fails over). The cluster core is loaded only here, lazily, so that
// fetching the provider's schema (every `cairn validate`, `fmt`...) never opens SQLite.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ClusterSession } from "./resource-type.js";
import type { ClusterClient } from "../../cluster/api/client.js";

export const ENDPOINT_ENV = "CAIRN_CLUSTER_ENDPOINT";
export const TOKEN_ENV = "CAIRN_CLUSTER_TOKEN";
export const CA_FILE_ENV = "CAIRN_CLUSTER_CA_FILE";
/** Embedded data directory, relative to the working directory (the configuration's directory). */
export const DEFAULT_DATA_DIR = ".cairn/cluster";

export type ClusterTarget =
  | { mode: "embedded"; dataDir: string }
  | { mode: "served"; endpoints: string[]; token?: string; ca?: string; clientCert?: string; clientKey?: string; insecureSkipTlsVerify?: boolean };

export interface TargetSettings {
  readonly dataDir?: string | null;
  readonly endpoint?: string | null;
  /** Several API servers of one cluster (the provider's `endpoints`), tried in order with failover. */
  readonly endpoints?: readonly string[] | null;
  readonly token?: string | null;
  /** PEM of the CA to trust for endpoint (the Kubernetes provider's cluster_ca_certificate). */
  readonly clusterCaCertificate?: string | null;
  /** A kubeconfig (as the Kubernetes provider's config_path) and its context (default: current-context). */
  readonly configPath?: string | null;
  readonly configContext?: string | null;
}

/**
 * Which cluster: a kubeconfig (config_path) or an explicit endpoint or endpoints (settings, else
 * CAIRN_CLUSTER_ENDPOINT, comma-separated for several) means served; endpoint, token and cluster_ca_certificate given beside a kubeconfig override its values, as
 * in the Kubernetes provider. A served endpoint needs a token (or a client certificate from the kubeconfig);
 * an https endpoint's CA comes from the kubeconfig, cluster_ca_certificate or CAIRN_CLUSTER_CA_FILE (else
 * the system roots). Otherwise embedded in data_dir (default .cairn/cluster). A string is a message for the user.
 */
export async function resolveTarget(settings: TargetSettings, cwd: string, env: NodeJS.ProcessEnv): Promise<ClusterTarget | string> {
  const explicit = settings.endpoints && settings.endpoints.length > 0 ? [...settings.endpoints] : settings.endpoint ? [settings.endpoint] : undefined;
  if (settings.endpoint && settings.endpoints && settings.endpoints.length > 0) return "Set either endpoint (one API server) or endpoints (several), not both.";
  if (settings.dataDir && (explicit || settings.configPath)) return "Set either data_dir (embedded cluster) or endpoint / endpoints / config_path (served cluster), not both.";
  const bad = explicit?.find((e) => !/^https?:\/\/[^/]/.test(e));
  if (bad !== undefined) return `A cluster endpoint must be an http:// or https:// URL; got "${bad}".`;
  if (settings.configContext && !settings.configPath) return "config_context needs config_path (the kubeconfig it names a context of).";
  if (settings.configPath) {
    const { readKubeconfig } = await import("../../cluster/kubeconfig.js");
    const creds = readKubeconfig(resolve(cwd, settings.configPath), settings.configContext ?? undefined);
    if (typeof creds === "string") return creds;
    const { server, servers, ...rest } = creds;
    const target: ClusterTarget = { mode: "served", endpoints: explicit ?? servers ?? [server], ...rest };
    if (settings.token) target.token = settings.token;
    if (settings.clusterCaCertificate) target.ca = settings.clusterCaCertificate;
    return target;
  }
  const endpoints = explicit ?? (settings.dataDir ? undefined : splitEndpoints(env[ENDPOINT_ENV]));
  if (endpoints) {
    const fromEnv = explicit === undefined;
    const badEnv = fromEnv ? endpoints.find((e) => !/^https?:\/\/[^/]/.test(e)) : undefined;
    if (badEnv !== undefined) return `${ENDPOINT_ENV} must be http:// or https:// URLs, separated by commas; got "${badEnv}".`;
    const token = settings.token ?? env[TOKEN_ENV];
    if (!token) return `The served cluster at ${endpoints.join(", ")} needs a token: set token or config_path in the provider block, or ${TOKEN_ENV} (cairn cluster kubeconfig writes a kubeconfig with the token and CA).`;
    const target: ClusterTarget = { mode: "served", endpoints, token };
    const caFile = env[CA_FILE_ENV];
    if (settings.clusterCaCertificate) target.ca = settings.clusterCaCertificate;
    else if (caFile) {
      try {
        target.ca = readFileSync(resolve(cwd, caFile), "utf8");
      } catch (e) {
        return `Cannot read ${CA_FILE_ENV} (${caFile}): ${(e as Error).message}`;
      }
    }
    return target;
  }
  return { mode: "embedded", dataDir: resolve(cwd, settings.dataDir ?? DEFAULT_DATA_DIR) };
}

/** `URL,URL,...` (as etcdctl's endpoints): the API servers in order; undefined when none is named. */
export function splitEndpoints(text: string | undefined): string[] | undefined {
  const list = (text ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  return list.length > 0 ? list : undefined;
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

/** The cluster's client and core code, loaded on first use (or ahead of it: ClusterProvider.prepare). */
let clusterCode: Promise<typeof import("../../cluster/connect.js")> | undefined;
export function loadClusterCode(): Promise<typeof import("../../cluster/connect.js")> {
  return (clusterCode ??= import("../../cluster/connect.js"));
}

async function openNew(target: ClusterTarget): Promise<OpenSession> {
  const { connect } = await loadClusterCode();
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
