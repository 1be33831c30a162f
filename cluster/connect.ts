// How a caller (the provider, the CLI) gets a ClusterClient: embedded over a data directory, or served over
// an endpoint and token (explicit or from CAIRN_CLUSTER_ENDPOINT / CAIRN_CLUSTER_TOKEN).
import type { ClusterClient } from "./api/client.js";
import { HttpClient } from "./api/http-client.js";
import { InProcessClient } from "./api/inprocess-client.js";
import { ClusterCore } from "./controllers/core.js";

export const ENDPOINT_ENV = "CAIRN_CLUSTER_ENDPOINT";
export const TOKEN_ENV = "CAIRN_CLUSTER_TOKEN";

export type ConnectOptions =
  | { mode: "embedded"; dataDir: string }
  | { mode: "served"; endpoint: string; token: string };

export interface Connection {
  client: ClusterClient;
  /** The embedded core (undefined when served): lets the caller wait for reconciliation. */
  core?: ClusterCore;
}

export function connect(options: ConnectOptions): Connection {
  if (options.mode === "served") return { client: new HttpClient({ endpoint: options.endpoint, token: options.token }) };
  const core = ClusterCore.open(options.dataDir);
  const client = new InProcessClient(core.registry, async () => {
    await core.waitIdle();
    core.close();
  });
  return { client, core };
}

/** Served settings from the environment, when both variables are set. */
export function servedFromEnvironment(env: NodeJS.ProcessEnv = process.env): ConnectOptions | undefined {
  const endpoint = env[ENDPOINT_ENV];
  const token = env[TOKEN_ENV];
  return endpoint && token ? { mode: "served", endpoint, token } : undefined;
}
