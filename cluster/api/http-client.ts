// The HTTP(S) ClusterClient: a served core's (or any Kubernetes API server's) endpoint, trusted CA, bearer
// token or client certificate, with keep-alive connections. Given several endpoints (API servers of one
// cluster, e.g. several `cairn cluster serve` on one etcd) it stays on the one that answers and moves to the
// next on a connection failure or a 5xx; a write retried after an ambiguous failure is recognised by reading
// it back (failover.ts), so a create is never made twice.
import { Agent, request, type IncomingMessage } from "node:http";
import { Agent as TlsAgent, request as tlsRequest } from "node:https";
import type { KubeObject } from "../objects/meta.js";
import type { ClusterClient, ListOptions, WatchHandle, WatchOptions } from "./client.js";
import { buildPath } from "./paths.js";
import type { ApiWatchEvent, ObjectList } from "./registry.js";
import { ApiError, Errors, type Status } from "./status.js";
import { holdsWrite, neverSent, worthAnotherServer } from "./failover.js";

export interface HttpClientOptions {
  /** One server, or several serving the same cluster (tried in order, staying on the one that answers). */
  endpoint: string | readonly string[];
  token?: string;
  /** PEM certificate(s) to trust for an https endpoint instead of the system roots. */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
  /** Per-request timeout in ms (default 30 s; watches have none). */
  timeoutMs?: number;
}

interface Reply {
  code: number;
  text: string;
}

export class HttpClient implements ClusterClient {
  private readonly agent: Agent;
  private readonly servers: URL[];
  /** The server requests go to first: the last one that answered. */
  private current = 0;
  private readonly send: typeof request;

  constructor(private readonly options: HttpClientOptions) {
    const endpoints = typeof options.endpoint === "string" ? [options.endpoint] : options.endpoint;
    if (endpoints.length === 0) throw new Error("HttpClient: no endpoint (a bug in Cairn)");
    this.servers = endpoints.map((e) => new URL(e));
    if (new Set(this.servers.map((u) => u.protocol)).size > 1) throw Errors.badRequest(`the cluster's endpoints mix http and https: ${endpoints.join(", ")}`);
    if (this.servers[0]!.protocol === "https:") {
      this.agent = new TlsAgent({
        keepAlive: true,
        maxSockets: 64,
        ca: options.ca,
        cert: options.clientCert,
        key: options.clientKey,
        rejectUnauthorized: options.insecureSkipTlsVerify !== true,
      });
      this.send = tlsRequest as unknown as typeof request;
    } else {
      this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
      this.send = request;
    }
  }

  async get<T extends KubeObject = KubeObject>(kind: string, name: string, namespace?: string): Promise<T> {
    return (await this.call("GET", buildPath(kind, namespace ?? "default", name))) as T;
  }

  async list(kind: string, options: ListOptions = {}): Promise<ObjectList> {
    const q = new URLSearchParams();
    if (options.labelSelector) q.set("labelSelector", options.labelSelector);
    if (options.fieldSelector) q.set("fieldSelector", options.fieldSelector);
    const qs = q.size > 0 ? `?${q}` : "";
    return (await this.call("GET", buildPath(kind, options.namespace) + qs)) as ObjectList;
  }

  async create<T extends KubeObject>(object: T): Promise<T> {
    return (await this.call("POST", buildPath(object.kind, object.metadata?.namespace ?? "default"), object)) as T;
  }

  async update<T extends KubeObject>(object: T): Promise<T> {
    return (await this.call("PUT", buildPath(object.kind, object.metadata.namespace ?? "default", object.metadata.name), object)) as T;
  }

  async updateStatus<T extends KubeObject>(object: T): Promise<T> {
    return (await this.call("PUT", buildPath(object.kind, object.metadata.namespace ?? "default", object.metadata.name, "status"), object)) as T;
  }

  async patch<T extends KubeObject = KubeObject>(kind: string, name: string, patch: object, namespace?: string): Promise<T> {
    return (await this.call("PATCH", buildPath(kind, namespace ?? "default", name), patch, "application/merge-patch+json")) as T;
  }

  async delete(kind: string, name: string, namespace?: string, options: { resourceVersion?: string } = {}): Promise<KubeObject> {
    const body = options.resourceVersion ? { kind: "DeleteOptions", apiVersion: "v1", preconditions: { resourceVersion: options.resourceVersion } } : undefined;
    return (await this.call("DELETE", buildPath(kind, namespace ?? "default", name), body)) as KubeObject;
  }

  async watch(kind: string, options: WatchOptions, onEvent: (e: ApiWatchEvent) => void): Promise<WatchHandle> {
    const q = new URLSearchParams({ watch: "1" });
    if (options.labelSelector) q.set("labelSelector", options.labelSelector);
    if (options.fieldSelector) q.set("fieldSelector", options.fieldSelector);
    if (options.resourceVersion) q.set("resourceVersion", options.resourceVersion);
    const res = await this.openWatch(`${buildPath(kind, options.namespace)}?${q}`);
    let buf = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim() !== "") onEvent(JSON.parse(line) as ApiWatchEvent);
      }
    });
    const done = new Promise<void>((resolve) => {
      res.on("end", resolve);
      res.on("close", resolve);
      res.on("error", () => resolve());
    });
    return { stop: () => res.destroy(), done };
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private async call(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<unknown> {
    const reply = await this.exchange(method, path, body, contentType);
    if (reply.code >= 300) throw toApiError(reply.code, reply.text);
    return JSON.parse(reply.text) as unknown;
  }

  /**
   * One request, on the current server or, when that one cannot be reached or answers 5xx, on the next ones.
   * A write whose first attempt may have been applied (the connection broke after sending, or a 5xx: etcd may
   * commit a transaction whose answer timed out) and that then meets the result of itself on the next server
   * (409 AlreadyExists or Conflict with the same content, 404 on a delete) is that write's success.
   */
  private async exchange(method: string, path: string, body: unknown, contentType: string): Promise<Reply> {
    const n = this.servers.length;
    let maybeApplied = false;
    let lastStatus: Reply | undefined;
    let lastError: unknown;
    for (let i = 0; i < n; i++) {
      const at = (this.current + i) % n;
      let reply: Reply;
      try {
        const res = await this.open(at, method, path, body, contentType, true);
        reply = { code: res.statusCode ?? 0, text: await readAll(res) };
      } catch (e) {
        lastError = e;
        if (!neverSent(e)) maybeApplied = true;
        continue;
      }
      if (worthAnotherServer(reply.code) && i < n - 1) {
        lastStatus = reply;
        maybeApplied = true;
        continue;
      }
      this.current = at;
      if (maybeApplied && method !== "GET" && reply.code >= 400) return (await this.readBack(method, path, body, reply)) ?? reply;
      return reply;
    }
    if (lastStatus) return lastStatus;
    const where = n === 1 ? this.servers[0]!.origin : `any of ${this.servers.map((u) => u.origin).join(", ")}`;
    const e = lastError as Error;
    throw Errors.internal(`cannot reach the cluster at ${where}: ${e.message}${untrustedHint(e)}`);
  }

  /** After an ambiguous first attempt: the reply that says the write is done, if the cluster holds it. */
  private async readBack(method: string, path: string, body: unknown, reply: Reply): Promise<Reply | undefined> {
    const reason = reasonOf(reply.text);
    if (method === "DELETE" && reply.code === 404) {
      const done: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", message: "deleted by an earlier attempt", reason: "", code: 200 };
      return { code: 200, text: JSON.stringify(done) };
    }
    const statusWrite = path.endsWith("/status");
    const objectPath =
      method === "POST" && reason === "AlreadyExists" ? `${path}/${encodeURIComponent(nameOf(body))}`
      : method === "PUT" && reason === "Conflict" ? path.replace(/\/status$/, "")
      : undefined;
    if (objectPath === undefined) return undefined;
    let stored: Reply;
    try {
      stored = await this.exchange("GET", objectPath, undefined, "application/json");
    } catch {
      return undefined;
    }
    if (stored.code !== 200 || !holdsWrite(JSON.parse(stored.text), body, statusWrite)) return undefined;
    return { code: method === "POST" ? 201 : 200, text: stored.text };
  }

  /** A watch stream from the first server that opens it. */
  private async openWatch(path: string): Promise<IncomingMessage> {
    const n = this.servers.length;
    let last: unknown;
    for (let i = 0; i < n; i++) {
      const at = (this.current + i) % n;
      let res: IncomingMessage;
      try {
        res = await this.open(at, "GET", path, undefined, undefined, false);
      } catch (e) {
        last = e;
        continue;
      }
      const code = res.statusCode ?? 0;
      if (code < 300) {
        this.current = at;
        return res;
      }
      last = await this.errorOf(res);
      if (!worthAnotherServer(code)) break;
    }
    if (last instanceof ApiError) throw last;
    const e = last as Error;
    throw Errors.internal(`cannot reach the cluster at ${this.servers.map((u) => u.origin).join(", ")}: ${e.message}${untrustedHint(e)}`);
  }

  private errorOf(res: IncomingMessage): Promise<ApiError> {
    return readAll(res).then((text) => toApiError(res.statusCode ?? 0, text));
  }

  private open(at: number, method: string, path: string, body: unknown, contentType: string | undefined, timed: boolean): Promise<IncomingMessage> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const base = this.servers[at]!;
    return new Promise((resolve, reject) => {
      const req = this.send(
        {
          host: base.hostname.replace(/^\[|\]$/g, ""),
          port: base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
            accept: "application/json",
            ...(payload ? { "content-type": contentType ?? "application/json", "content-length": payload.length } : {}),
          },
        },
        resolve,
      );
      if (timed) req.setTimeout(this.options.timeoutMs ?? 30_000, () => req.destroy(new Error(`request to ${base.origin}${path} timed out`)));
      req.on("error", reject);
      req.end(payload);
    });
  }
}

function nameOf(body: unknown): string {
  const name = (body as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === "string" ? name : "";
}

function reasonOf(text: string): string {
  try {
    const s = JSON.parse(text) as Partial<Status>;
    return typeof s.reason === "string" ? s.reason : "";
  } catch {
    return "";
  }
}

/** A certificate error is almost always a missing CA: say where the right one comes from. */
function untrustedHint(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  if (!/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code)) return "";
  return " (the server's certificate is not trusted: use the kubeconfig `cairn cluster kubeconfig` writes, or give the cluster's CA certificate)";
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
  });
}

function toApiError(code: number, text: string): ApiError {
  try {
    const s = JSON.parse(text) as Status;
    if (s.kind === "Status") return new ApiError(s);
  } catch {
    // fall through: not a Status body
  }
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: text || `HTTP ${code}`, reason: "Unknown", code });
}
