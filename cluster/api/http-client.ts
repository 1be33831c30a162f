// The HTTP(S) ClusterClient: a served core's (or any Kubernetes API server's) endpoint, trusted CA, bearer
// token or client certificate, with keep-alive connections.
import { Agent, request, type IncomingMessage } from "node:http";
import { Agent as TlsAgent, request as tlsRequest } from "node:https";
import type { KubeObject } from "../objects/meta.js";
import type { ClusterClient, ListOptions, WatchHandle, WatchOptions } from "./client.js";
import { buildPath } from "./paths.js";
import type { ApiWatchEvent, ObjectList } from "./registry.js";
import { ApiError, Errors, type Status } from "./status.js";

export interface HttpClientOptions {
  endpoint: string;
  token?: string;
  /** PEM certificate(s) to trust for an https endpoint instead of the system roots. */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
  /** Per-request timeout in ms (default 30 s; watches have none). */
  timeoutMs?: number;
}

export class HttpClient implements ClusterClient {
  private readonly agent: Agent;
  private readonly base: URL;
  private readonly send: typeof request;

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.endpoint);
    if (this.base.protocol === "https:") {
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
    const res = await this.open("GET", `${buildPath(kind, options.namespace)}?${q}`, undefined, undefined, false);
    if ((res.statusCode ?? 0) >= 300) throw await this.errorOf(res);
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
    const res = await this.open(method, path, body, contentType, true);
    const text = await readAll(res);
    const code = res.statusCode ?? 0;
    if (code >= 300) throw toApiError(code, text);
    return JSON.parse(text) as unknown;
  }

  private errorOf(res: IncomingMessage): Promise<ApiError> {
    return readAll(res).then((text) => toApiError(res.statusCode ?? 0, text));
  }

  private open(method: string, path: string, body: unknown, contentType: string | undefined, timed: boolean): Promise<IncomingMessage> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = this.send(
        {
          host: this.base.hostname.replace(/^\[|\]$/g, ""),
          port: this.base.port,
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
      if (timed) req.setTimeout(this.options.timeoutMs ?? 30_000, () => req.destroy(new Error(`request to ${this.options.endpoint}${path} timed out`)));
      req.on("error", (e) => reject(Errors.internal(`cannot reach the cluster at ${this.options.endpoint}: ${e.message}${untrustedHint(e)}`)));
      req.end(payload);
    });
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
