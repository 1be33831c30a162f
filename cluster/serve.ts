// Served mode (`cairn cluster serve`): a ClusterCore behind the HTTP API with a bearer token.
import { ClusterCore, type ClusterCoreOptions } from "./controllers/core.js";
import { startApiServer } from "./api/server.js";
import { loadOrCreateToken } from "./api/token.js";

export interface ServeOptions extends ClusterCoreOptions {
  dataDir: string;
  /** 127.0.0.1 unless told otherwise: the API must not be reachable from the network by accident. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
}

export interface ServedCluster {
  url: string;
  token: string;
  core: ClusterCore;
  close(): Promise<void>;
}

export async function serveCluster(options: ServeOptions): Promise<ServedCluster> {
  const token = loadOrCreateToken(options.dataDir);
  const core = ClusterCore.open(options.dataDir, options);
  try {
    const api = await startApiServer(core.registry, { host: options.host ?? "127.0.0.1", port: options.port ?? 0, token, maxBodyBytes: options.maxBodyBytes });
    return {
      url: api.url,
      token,
      core,
      close: async () => {
        await api.close();
        await core.waitIdle();
        core.close();
      },
    };
  } catch (e) {
    core.close();
    throw e;
  }
}

/** The warning for a served API reachable beyond this machine over plain HTTP (the bearer token travels in
 * clear text); undefined for a loopback host. */
export function exposureWarning(host: string | undefined): string | undefined {
  const h = (host ?? "127.0.0.1").replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || /^127\./.test(h)) return undefined;
  return `Warning: serving the cluster API on ${h === "" || h === "0.0.0.0" || h === "::" ? "every network interface" : h} over plain HTTP: the bearer token and every object (secrets included) cross the network unencrypted. Serve on 127.0.0.1 (the default) unless this network is trusted.\n`;
}
