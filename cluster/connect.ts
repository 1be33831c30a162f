// How a caller (the provider, the CLI) gets a ClusterClient: embedded over a data directory, or served over
// an endpoint with the CA to trust and a token or client certificate (the provider resolves which from its
// settings, a kubeconfig or the environment: providers/cluster/session.ts).
import type { ClusterClient } from "./api/client.js";
import { HttpClient } from "./api/http-client.js";
import { InProcessClient } from "./api/inprocess-client.js";
import { ClusterCore } from "./controllers/core.js";

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
