// Served mode (`cairn cluster serve`): a ClusterCore behind the HTTPS API with a bearer token. TLS is not
// optional: client-go sends a token only over https, and a token sent in clear text is a token given away.
// The data directory gets the CA and serving certificate (tls.ts), the token, and a kubeconfig for this
// endpoint (0600) that kubectl, client libraries, the provider and `cairn cluster` commands use as-is.
import { chmodSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ClusterCore, type ClusterCoreOptions } from "./controllers/core.js";
import type { EtcdStoreOptions } from "./store/etcd-store.js";
import type { ElectionTiming } from "./store/etcd-election.js";
import { startApiServer } from "./api/server.js";
import { loadOrCreateToken, SERVED_KUBECONFIG_FILE } from "./api/token.js";
import { loadOrCreateTls } from "./api/tls.js";
import { buildKubeconfig } from "./kubeconfig.js";

export { SERVED_KUBECONFIG_FILE };

/**
 * A served core reconciles a stream of API writes in passes at least this far apart (ClusterCoreOptions
 * .coalesceMs): at 500 creates a second, ~5 pods per pass are bound in one commit and marked Running in
 * another, instead of two commits per pod. A pod is bound at most this much later than it would be otherwise.
 */
const SERVED_COALESCE_MS = 10;

export interface ServeOptions extends ClusterCoreOptions {
  dataDir: string;
  /** 127.0.0.1 unless told otherwise: the API must not be reachable from the network by accident. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /**
   * Keep the objects in etcd instead of the data directory's SQLite file: several API servers then serve one
   * cluster (the data directory still holds this server's TLS material and the token).
   */
  etcd?: EtcdStoreOptions;
  /** Leader election timing of the controllers on etcd (client-go's defaults). */
  election?: Partial<ElectionTiming>;
}

export interface ServedCluster {
  url: string;
  token: string;
  /** PEM of the CA that signed the serving certificate: what clients must trust. */
  ca: string;
  /** The kubeconfig written for this endpoint (server, CA, token). */
  kubeconfigPath: string;
  core: ClusterCore;
  close(): Promise<void>;
}

export async function serveCluster(options: ServeOptions): Promise<ServedCluster> {
  const token = loadOrCreateToken(options.dataDir);
  const host = options.host ?? "127.0.0.1";
  const tls = await loadOrCreateTls(options.dataDir, host);
  const core = options.etcd
    ? await ClusterCore.openEtcd({ coalesceMs: SERVED_COALESCE_MS, ...options, etcd: options.etcd })
    : ClusterCore.open(options.dataDir, { backgroundCheckpoint: true, coalesceMs: SERVED_COALESCE_MS, ...options });
  try {
    const api = await startApiServer(core.registry, { host, port: options.port ?? 0, token, maxBodyBytes: options.maxBodyBytes, tls });
    const url = clientUrl(api.url);
    const kubeconfigPath = join(options.dataDir, SERVED_KUBECONFIG_FILE);
    writePrivate(kubeconfigPath, buildKubeconfig(url, tls.ca, token));
    return {
      url,
      token,
      ca: tls.ca,
      kubeconfigPath,
      core,
      close: async () => {
        await api.close();
        await core.waitIdle();
        await core.close();
        // The kubeconfig names a port that is no longer served.
        rmSync(kubeconfigPath, { force: true });
      },
    };
  } catch (e) {
    await core.close();
    throw e;
  }
}

/** A wildcard listen address is not a place to connect to: clients on this machine use loopback. */
function clientUrl(url: string): string {
  return url.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
}

function writePrivate(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** The warning for a served API reachable beyond this machine; undefined for a loopback host. */
export function exposureWarning(host: string | undefined): string | undefined {
  const h = (host ?? "127.0.0.1").replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || /^127\./.test(h)) return undefined;
  return `Warning: serving the cluster API on ${h === "" || h === "0.0.0.0" || h === "::" ? "every network interface" : h}: every machine that can reach this one can try its bearer token against the API (TLS protects the token in transit). Serve on 127.0.0.1 (the default) unless this network is trusted.\n`;
}
