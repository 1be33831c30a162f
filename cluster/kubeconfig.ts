// Kubeconfig files: the one `cairn cluster kubeconfig` writes for a served core (server, CA, token), and
// reading any kubeconfig's chosen context the way client-go does (CA, token, client certificates), so one
// configuration can target a served core or any Kubernetes-compatible API server.
//
// Several API servers of one cluster (servers on one etcd): a kubeconfig cluster has one `server`, which
// kubectl uses; the others ride in the cluster's extension `cairn.dev/servers` (kubectl keeps extensions it
// does not know and ignores them), from which Cairn's clients fail over between all of them.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse, stringify } from "yaml";

export const KUBECONFIG_NAME = "cairn";
/** The cluster extension listing every API server of the cluster, the kubeconfig's `server` first. */
export const SERVERS_EXTENSION = "cairn.dev/servers";
/** At most this many servers are read from the extension (an external input is bounded). */
const MAX_SERVERS = 16;

/** How to reach and trust an API server: what a kubeconfig context resolves to. */
export interface ServedCredentials {
  server: string;
  /** Every API server of the cluster (from the `cairn.dev/servers` extension), `server` first. */
  servers?: string[];
  /** PEM certificate(s) to trust instead of the system roots. */
  ca?: string;
  token?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
}

/** `servers`: one URL, or several API servers of one cluster (the first is the one kubectl uses). */
export function buildKubeconfig(servers: string | readonly string[], caPem: string, token: string, name = KUBECONFIG_NAME): string {
  const list = typeof servers === "string" ? [servers] : [...servers];
  const cluster: Record<string, unknown> = { server: list[0], "certificate-authority-data": Buffer.from(caPem).toString("base64") };
  if (list.length > 1) cluster.extensions = [{ name: SERVERS_EXTENSION, extension: { servers: list } }];
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: "default" } }],
    "current-context": name,
    preferences: {},
  });
}

interface Named<T> {
  name?: unknown;
  [k: string]: unknown;
  value?: T;
}

/** Reads a kubeconfig's context (the current one unless named). A string is a message for the user. */
export function readKubeconfig(path: string, context?: string): ServedCredentials | string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return `Cannot read the kubeconfig ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`;
  }
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    return `The kubeconfig ${path} is not valid YAML: ${(e as Error).message.split("\n")[0]}`;
  }
  if (!isRecord(doc)) return `The kubeconfig ${path} is not a kubeconfig (expected a mapping with clusters, users and contexts).`;
  const base = dirname(resolve(path));
  const ctxName = context ?? str(doc["current-context"]);
  if (!ctxName) return `The kubeconfig ${path} has no current-context; set config_context.`;
  const ctx = entry(doc.contexts, ctxName, "context");
  if (!ctx) return `The kubeconfig ${path} has no context "${ctxName}".`;
  const clusterName = str(ctx.cluster);
  const cluster = clusterName ? entry(doc.clusters, clusterName, "cluster") : undefined;
  if (!cluster) return `The kubeconfig ${path}: context "${ctxName}" names cluster "${clusterName ?? ""}", which it does not define.`;
  const server = str(cluster.server);
  if (!server || !/^https?:\/\//.test(server)) return `The kubeconfig ${path}: cluster "${clusterName}" has no http(s) server URL.`;
  const servers = serversOf(cluster.extensions, server);
  if (typeof servers === "string") return `The kubeconfig ${path}: cluster "${clusterName}": ${servers}`;
  const userName = str(ctx.user);
  const user = userName ? (entry(doc.users, userName, "user") ?? {}) : {};
  try {
    const out: ServedCredentials = servers.length > 1 ? { server, servers } : { server };
    const ca = dataOrFile(cluster["certificate-authority-data"], cluster["certificate-authority"], base);
    if (ca) out.ca = ca;
    if (cluster["insecure-skip-tls-verify"] === true) out.insecureSkipTlsVerify = true;
    const token = str(user.token) ?? (str(user.tokenFile) ? readFileSync(resolve(base, str(user.tokenFile)!), "utf8").trim() : undefined);
    if (token) out.token = token;
    const cert = dataOrFile(user["client-certificate-data"], user["client-certificate"], base);
    const key = dataOrFile(user["client-key-data"], user["client-key"], base);
    if (cert) out.clientCert = cert;
    if (key) out.clientKey = key;
    if (!out.token && !(out.clientCert && out.clientKey)) return `The kubeconfig ${path}: user "${userName ?? ""}" has neither a token nor a client certificate and key.`;
    return out;
  } catch (e) {
    return `The kubeconfig ${path}: ${(e as Error).message}`;
  }
}

/** The servers of the `cairn.dev/servers` extension with `server` first, or just `server`; a string is a problem. */
function serversOf(extensions: unknown, server: string): string[] | string {
  if (!Array.isArray(extensions)) return [server];
  const ext = extensions.find((e: unknown) => isRecord(e) && e.name === SERVERS_EXTENSION) as Record<string, unknown> | undefined;
  if (!ext) return [server];
  const listed = isRecord(ext.extension) ? ext.extension.servers : undefined;
  if (!Array.isArray(listed) || listed.length === 0 || listed.length > MAX_SERVERS) return `extension ${SERVERS_EXTENSION} must have "servers": a list of 1 to ${MAX_SERVERS} https URLs`;
  const bad = listed.find((u: unknown) => typeof u !== "string" || !/^https?:\/\/[^/]/.test(u));
  if (bad !== undefined) return `extension ${SERVERS_EXTENSION}: ${JSON.stringify(bad)} is not an http(s) URL`;
  return [server, ...(listed as string[]).filter((u) => u !== server)];
}

function dataOrFile(data: unknown, file: unknown, base: string): string | undefined {
  if (typeof data === "string" && data !== "") return Buffer.from(data, "base64").toString("utf8");
  if (typeof file === "string" && file !== "") return readFileSync(resolve(base, file), "utf8");
  return undefined;
}

function entry(list: unknown, name: string, field: string): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const e of list as Named<unknown>[]) {
    if (isRecord(e) && e.name === name && isRecord(e[field])) return e[field] as Record<string, unknown>;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
