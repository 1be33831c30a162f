// The HTTP API server (node:http): Kubernetes REST paths, bearer-token auth, Status errors, watch streams.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apiGroupList, apiResourceList, apiVersions } from "./discovery.js";
import { parsePath, type ResourcePath } from "./paths.js";
import type { Registry } from "./registry.js";
import { ApiError, Errors, isApiError, type Status } from "./status.js";
import { checkBearer } from "./token.js";

/** Kubernetes' API server limit for a request body. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Bytes queued for one watch connection before it is closed as too slow. */
const MAX_WATCH_BUFFER = 16 * 1024 * 1024;

export interface ApiServerOptions {
  host?: string;
  port?: number;
  token: string;
  maxBodyBytes?: number;
}

export interface RunningApiServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startApiServer(registry: Registry, options: ApiServerOptions): Promise<RunningApiServer> {
  const handler = new Handler(registry, options.token, options.maxBodyBytes ?? MAX_BODY_BYTES);
  const server = createServer((req, res) => handler.handle(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        handler.stopWatches();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

class Handler {
  private readonly watches = new Set<() => void>();

  constructor(
    private readonly registry: Registry,
    private readonly token: string,
    private readonly maxBody: number,
  ) {}

  stopWatches(): void {
    for (const stop of this.watches) stop();
    this.watches.clear();
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((e: unknown) => this.fail(res, e));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parsed = parsePath(url.pathname);
    if (parsed.type === "discovery" && parsed.doc === "healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (!checkBearer(req.headers.authorization, this.token)) {
      req.resume();
      throw Errors.unauthorized();
    }
    if (parsed.type === "unknown") {
      req.resume();
      throw Errors.pathNotFound(`${req.method} ${url.pathname}`);
    }
    if (parsed.type === "discovery") {
      req.resume();
      if (req.method !== "GET") throw Errors.methodNotAllowed(req.method ?? "");
      const doc =
        parsed.doc === "api" ? apiVersions()
        : parsed.doc === "apis" ? apiGroupList()
        : parsed.doc === "core" ? apiResourceList("")
        : parsed.doc === "apps" ? apiResourceList("apps")
        : { major: "1", minor: "30", gitVersion: "v1.30.0-cairn", platform: `${process.platform}/${process.arch}` };
      this.json(res, 200, doc);
      return;
    }
    const p = parsed.path;
    const q = url.searchParams;
    const kind = p.info.kind;
    switch (req.method) {
      case "GET": {
        req.resume();
        if (p.name === undefined) {
          const watch = q.get("watch");
          if (watch === "1" || watch === "true") return this.watch(req, res, p, q);
          const body = this.registry.listJson(kind, p.namespace, q.get("labelSelector") ?? undefined, q.get("fieldSelector") ?? undefined);
          res.writeHead(200, { "content-type": "application/json" }).end(body);
          return;
        }
        this.json(res, 200, this.registry.get(kind, p.namespace, p.name));
        return;
      }
      case "POST": {
        if (p.name !== undefined) throw Errors.methodNotAllowed("POST");
        const body = await this.readJson(req, ["application/json", ""]);
        this.json(res, 201, this.registry.create(kind, p.namespace, body));
        return;
      }
      case "PUT": {
        if (p.name === undefined) throw Errors.methodNotAllowed("PUT");
        const body = await this.readJson(req, ["application/json", ""]);
        this.json(res, 200, this.registry.update(kind, p.namespace, p.name, body, { subresource: p.subresource }));
        return;
      }
      case "PATCH": {
        if (p.name === undefined) throw Errors.methodNotAllowed("PATCH");
        // Strategic merge patch is accepted as a merge patch (lists are replaced, not merged by key).
        const body = await this.readJson(req, ["application/merge-patch+json", "application/strategic-merge-patch+json"]);
        this.json(res, 200, this.registry.patch(kind, p.namespace, p.name, body, { subresource: p.subresource }));
        return;
      }
      case "DELETE": {
        if (p.name === undefined) throw Errors.methodNotAllowed("DELETE");
        const opts = (await this.readJson(req, ["application/json", ""], true)) as { preconditions?: { resourceVersion?: string } } | undefined;
        const rv = opts?.preconditions?.resourceVersion ?? undefined;
        this.json(res, 200, this.registry.delete(kind, p.namespace, p.name, rv));
        return;
      }
      default:
        req.resume();
        throw Errors.methodNotAllowed(req.method ?? "");
    }
  }

  private watch(_req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams): void {
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked", "cache-control": "no-cache" });
    res.flushHeaders();
    let stop: (() => void) | undefined;
    const end = () => {
      if (stop) this.watches.delete(stop);
      stop?.();
      stop = undefined;
      if (!res.writableEnded) res.end();
    };
    try {
      const s = this.registry.watch(p.info.kind, p.namespace, q.get("labelSelector") ?? undefined, q.get("resourceVersion") ?? undefined, (_e, json) => {
        if (res.writableEnded) return;
        res.write(`${json}\n`);
        // A watcher that does not read is cut off (it can resume from its last resourceVersion) rather than
        // letting the server buffer without bound, as Kubernetes does with slow watchers.
        if (res.writableLength > MAX_WATCH_BUFFER) queueMicrotask(end);
      }, q.get("fieldSelector") ?? undefined);
      stop = s;
      this.watches.add(end);
    } catch (e) {
      const status = isApiError(e) ? e.status : Errors.internal(String(e)).status;
      res.write(`${JSON.stringify({ type: "ERROR", object: status })}\n`);
      res.end();
      return;
    }
    const timeout = Number(q.get("timeoutSeconds") ?? "0");
    if (timeout > 0) setTimeout(end, timeout * 1000).unref();
    // Not req "close": for a request without a body that fires as soon as the request is read.
    res.on("close", end);
  }

  private readJson(req: IncomingMessage, accepted: string[], optional = false): Promise<unknown> {
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const declared = Number(req.headers["content-length"] ?? "-1");
    return new Promise((resolve, reject) => {
      if (declared > this.maxBody) {
        req.resume();
        reject(Errors.tooLarge(this.maxBody));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on("data", (c: Buffer) => {
        if (failed) return;
        size += c.length;
        if (size > this.maxBody) {
          failed = true;
          reject(Errors.tooLarge(this.maxBody));
          return;
        }
        chunks.push(c);
      });
      req.on("error", (e) => reject(e));
      req.on("end", () => {
        if (failed) return;
        if (size === 0) {
          if (optional) resolve(undefined);
          else reject(Errors.badRequest("the request body is empty; a JSON object is required"));
          return;
        }
        if (!accepted.includes(type)) {
          reject(Errors.unsupportedMediaType(type));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (e) {
          reject(Errors.badRequest(`the body of the request could not be decoded as JSON: ${(e as Error).message}`));
        }
      });
    });
  }

  private json(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, e: unknown): void {
    let status: Status;
    if (e instanceof ApiError) status = e.status;
    else {
      // A bug, not a user error: log it for the operator, answer with a Status and no stack trace.
      process.stderr.write(`cluster api: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      status = Errors.internal(e instanceof Error ? e.message : String(e)).status;
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (status.code === 401) headers["www-authenticate"] = 'Bearer realm="cairn"';
    // After a rejected oversized upload, close the connection instead of draining megabytes.
    if (status.code === 413) headers.connection = "close";
    res.writeHead(status.code, headers).end(JSON.stringify(status));
  }
}
