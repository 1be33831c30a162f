// How a caller (the provider, the CLI) gets a ClusterClient: embedded over a data directory, or served over
// an endpoint with the CA to trust and a token or client certificate (explicit, from a kubeconfig, or from
// CAIRN_CLUSTER_ENDPOINT / CAIRN_CLUSTER_TOKEN / CAIRN_CLUSTER_CA_FILE).
import { readFileSync } from "node:fs";
import type { ClusterClient } from "./api/client.js";
import { HttpClient } from "./api/http-client.js";
import { InProcessClient } from "./api/inprocess-client.js";
import { ClusterCore } from "./controllers/core.js";

export const ENDPOINT_ENV = "CAIRN_CLUSTER_ENDPOINT";
export const TOKEN_ENV = "CAIRN_CLUSTER_TOKEN";
/** A PEM file with the CA that signed the served core's certificate (the data directory's ca.crt). */
export const CA_FILE_ENV = "CAIRN_CLUSTER_CA_FILE";

export interface ServedConnect {
  mode: "served";
  /** The API servers of the cluster: requests fail over between them (api/failover.ts). */
  endpoints: readonly string[];
  token?: string;
  /** PEM certificate(s) to trust instead of the system roots. */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
}

export type ConnectOptions = { mode: "embedded"; dataDir: string } | ServedConnect;

export interface Connection {
  client: ClusterClient;
  /** The embedded core (undefined when served): lets the caller wait for reconciliation. */
  core?: ClusterCore;
}

export function connect(options: ConnectOptions): Connection {
  if (options.mode === "served") {
    const { mode: _m, endpoints, ...http } = options;
    return { client: new HttpClient({ ...http, endpoint: endpoints }) };
  }
  const core = ClusterCore.open(options.dataDir);
  const client = new InProcessClient(core.registry, async () => {
    await core.waitIdle();
    core.close();
  });
  return { client, core };
}

/** Served settings from the environment, when both variables are set (several endpoints: comma-separated). */
export function servedFromEnvironment(env: NodeJS.ProcessEnv = process.env): ConnectOptions | undefined {
  const endpoints = (env[ENDPOINT_ENV] ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  const token = env[TOKEN_ENV];
  const caFile = env[CA_FILE_ENV];
  if (endpoints.length === 0 || !token) return undefined;
  return { mode: "served", endpoints, token, ...(caFile ? { ca: readFileSync(caFile, "utf8") } : {}) };
}
