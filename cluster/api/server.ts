// The HTTP API server (node:http): Kubernetes REST paths, bearer-token auth, Status errors, watch streams.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { apiGroupList, apiResourceList, apiVersions } from "./discovery.js";
import { parsePath, type ResourcePath } from "./paths.js";
import type { Registry } from "./registry.js";
import { runWrite, withoutResourceVersion } from "./staged-writes.js";
import { readConsistency } from "./read-consistency.js";
import { ApiError, Errors, isApiError, type Status } from "./status.js";
import { checkBearer } from "./token.js";
import { openApiDocument } from "./openapi.js";
import { parse as parseYaml } from "yaml";
import type { PatchType } from "./registry.js";
import type { KubeObject } from "../objects/meta.js";
import { toTable, wantsTable } from "./table.js";
import { evict, review, scale, withBudgetStatus } from "./subresources.js";
import { checkFields, nestingExceeds, MAX_JSON_DEPTH, parseFieldValidation, warningHeader } from "./field-validation.js";

/** strconv.ParseBool's true spellings: client-go sends watch=true, the Python client watch=True. */
const TRUE_VALUES = new Set(["1", "t", "T", "true", "TRUE", "True"]);

/** Kubernetes' API server limit for a request body. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Bytes queued for one watch connection before it is closed as too slow. */
const MAX_WATCH_BUFFER = 16 * 1024 * 1024;

export interface ApiServerOptions {
  host?: string;
  port?: number;
  token: string;
  maxBodyBytes?: number;
  /** Serving certificate and key (PEM): https. Without them plain http, for in-process tests only. */
  tls?: { cert: string; key: string };
}

export interface RunningApiServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startApiServer(registry: Registry, options: ApiServerOptions): Promise<RunningApiServer> {
  const handler = new Handler(registry, options.token, options.maxBodyBytes ?? MAX_BODY_BYTES);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => handler.handle(req, res);
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: "TLSv1.2" }, onRequest) : createServer(onRequest);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `${options.tls ? "https" : "http"}://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        handler.stopWatches();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function contentType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/** dryRun accepts only "All" (Kubernetes' one dry-run mode); anything else is a 400. */
function parseDryRun(values: readonly string[]): boolean {
  for (const v of values) if (v !== "All") throw Errors.badRequest(`Invalid dryRun value: ${v}. Only "All" is supported`);
  return values.length > 0;
}

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw Errors.badRequest(`limit: Invalid value: "${value}": must be a non-negative integer`);
  return n === 0 ? undefined : n;
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
    if (url.pathname.startsWith("/openapi/")) {
      req.resume();
      const doc = openApiDocument(url.pathname.replace(/\/+$/, ""));
      if (doc === undefined) throw Errors.pathNotFound(`${req.method} ${url.pathname}`);
      if (req.method !== "GET") throw Errors.methodNotAllowed(req.method ?? "");
      const accept = req.headers.accept ?? "";
      // client-go asks for v2 as protobuf only: say so rather than send JSON it cannot read.
      if (accept !== "" && !/application\/json|\*\/\*/.test(accept)) throw Errors.notAcceptable(accept);
      res.writeHead(200, { "content-type": "application/json" }).end(doc);
      return;
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
        : { major: "1", minor: "30", gitVersion: "v1.30.0-cairn", platform: `${process.platform}/${process.arch}` };
      this.json(res, 200, doc);
      return;
    }
    if (parsed.type === "group") {
      req.resume();
      if (req.method !== "GET") throw Errors.methodNotAllowed(req.method ?? "");
      this.json(res, 200, apiResourceList(parsed.group));
      return;
    }
    if (parsed.type === "review") {
      if (req.method !== "POST") {
        req.resume();
        throw Errors.methodNotAllowed(req.method ?? "");
      }
      this.json(res, 201, review(parsed.group, await this.readJson(req, ["application/json", ""])));
      return;
    }
    const p = parsed.path;
    const q = url.searchParams;
    const kind = p.info.kind;
    const dryRun = parseDryRun(q.getAll("dryRun"));
    const write = { subresource: p.subresource === "status" ? ("status" as const) : undefined, dryRun };
    if (p.subresource === "scale" && p.name !== undefined) {
      if (req.method !== "GET" && req.method !== "PUT" && req.method !== "PATCH") {
        req.resume();
        throw Errors.methodNotAllowed(req.method ?? "");
      }
      const body = req.method === "GET" ? (req.resume(), undefined) : await this.readJson(req, req.method === "PUT" ? ["application/json", ""] : ["application/merge-patch+json", "application/strategic-merge-patch+json"]);
      this.json(res, 200, await runWrite(this.registry.store, () => scale(this.registry, req.method!, kind, p.namespace, p.name!, body, dryRun, fieldManagerOf(q, req.headers["user-agent"])), withoutResourceVersion(body)));
      return;
    }
    if (p.subresource === "eviction" && p.name !== undefined) {
      if (req.method !== "POST") {
        req.resume();
        throw Errors.methodNotAllowed(req.method ?? "");
      }
      const body = (await this.readJson(req, ["application/json", ""])) as { deleteOptions?: { dryRun?: string[] } } | undefined;
      const bodyDryRun = parseDryRun(Array.isArray(body?.deleteOptions?.dryRun) ? body.deleteOptions.dryRun : []);
      this.json(res, 201, await runWrite(this.registry.store, () => evict(this.registry, p.namespace, p.name!, dryRun || bodyDryRun), true));
      return;
    }
    switch (req.method) {
      case "GET": {
        req.resume();
        if (p.name === undefined) {
          if (TRUE_VALUES.has(q.get("watch") ?? "")) return this.watch(req, res, p, q);
          // A page after the first continues the first's snapshot: only the first is a consistent read.
          const readWarnings = await readConsistency(this.registry.store, q.get("continue") ? "0" : q.get("resourceVersion"));
          const limit = parseLimit(q.get("limit"));
          const labels = q.get("labelSelector") ?? undefined;
          const fields = q.get("fieldSelector") ?? undefined;
          const table = wantsTable(req.headers.accept);
          if (table || limit !== undefined || q.get("continue") || kind === "PodDisruptionBudget") {
            const page = this.registry.listPage(kind, p.namespace, labels, fields, { limit, continue: q.get("continue") ?? undefined });
            if (kind === "PodDisruptionBudget") page.items = page.items.map((o) => withBudgetStatus(this.registry, o));
            this.json(res, 200, table ? toTable(kind, page.items, page.metadata, q.get("includeObject")) : page, readWarnings);
            return;
          }
          const body = this.registry.listJson(kind, p.namespace, labels, fields);
          const headers: Record<string, string | string[]> = { "content-type": "application/json" };
          if (readWarnings.length > 0) headers.warning = readWarnings.map(warningHeader);
          res.writeHead(200, headers).end(body);
          return;
        }
        const readWarnings = await readConsistency(this.registry.store, q.get("resourceVersion"));
        const stored = this.registry.get(kind, p.namespace, p.name);
        const one = kind === "PodDisruptionBudget" ? withBudgetStatus(this.registry, stored) : stored;
        this.json(res, 200, wantsTable(req.headers.accept) ? toTable(kind, [one], { resourceVersion: one.metadata.resourceVersion ?? "" }, q.get("includeObject")) : one, readWarnings);
        return;
      }
      case "POST": {
        if (p.name !== undefined) throw Errors.methodNotAllowed("POST");
        const body = await this.readJson(req, ["application/json", ""]);
        const warnings = checkFields(p.info, body, parseFieldValidation(q.get("fieldValidation")));
        this.stored(res, 201, await runWrite(this.registry.store, () => this.registry.create(kind, p.namespace, body, { ...write, fieldManager: fieldManagerOf(q, req.headers["user-agent"]) })), warnings);
        return;
      }
      case "PUT": {
        if (p.name === undefined) throw Errors.methodNotAllowed("PUT");
        const body = await this.readJson(req, ["application/json", ""]);
        const warnings = checkFields(p.info, body, parseFieldValidation(q.get("fieldValidation")));
        this.stored(res, 200, await runWrite(this.registry.store, () => this.registry.update(kind, p.namespace, p.name!, body, { ...write, fieldManager: fieldManagerOf(q, req.headers["user-agent"]) }), withoutResourceVersion(body)), warnings);
        return;
      }
      case "PATCH": {
        if (p.name === undefined) throw Errors.methodNotAllowed("PATCH");
        const types: Record<string, PatchType> = {
          "application/merge-patch+json": "merge",
          "application/strategic-merge-patch+json": "strategic",
          "application/json-patch+json": "json",
          "application/apply-patch+yaml": "apply",
        };
        const body = await this.readJson(req, Object.keys(types));
        const patchType = types[contentType(req)]!;
        const fieldManager = q.get("fieldManager") ?? undefined;
        if (patchType === "apply" && !fieldManager) throw Errors.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        const warnings = checkFields(p.info, body, parseFieldValidation(q.get("fieldValidation")), patchType === "strategic" || patchType === "apply");
        const force = q.get("force");
        if (force !== null && patchType !== "apply") throw Errors.unprocessable("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
        const manager = patchType === "apply" ? fieldManager : fieldManagerOf(q, req.headers["user-agent"]);
        this.stored(res, 200, await runWrite(this.registry.store, () => this.registry.patch(kind, p.namespace, p.name!, body, { ...write, patchType, fieldManager: manager, force: force === "true" }), patchType !== "json" && withoutResourceVersion(body)), warnings);
        return;
      }
      case "DELETE": {
        if (p.name === undefined) throw Errors.methodNotAllowed("DELETE");
        const opts = (await this.readJson(req, ["application/json", ""], true)) as { preconditions?: { resourceVersion?: string }; dryRun?: string[] } | undefined;
        const rv = opts?.preconditions?.resourceVersion ?? undefined;
        const dryRun = write.dryRun || parseDryRun(Array.isArray(opts?.dryRun) ? opts.dryRun : []);
        this.json(res, 200, await runWrite(this.registry.store, () => this.registry.delete(kind, p.namespace, p.name!, rv, { dryRun }), rv === undefined));
        return;
      }
      default:
        req.resume();
        throw Errors.methodNotAllowed(req.method ?? "");
    }
  }

  private watch(req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams): void {
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
      const table = wantsTable(req.headers.accept);
      const includeObject = q.get("includeObject");
      const s = this.registry.watch(p.info.kind, p.namespace, q.get("labelSelector") ?? undefined, q.get("resourceVersion") ?? undefined, (e, json) => {
        if (res.writableEnded) return;
        // `kubectl get -w` watches in Table form: each event's object is a one-row Table.
        res.write(table ? `${JSON.stringify({ type: e.type, object: toTable(p.info.kind, [e.object], { resourceVersion: e.object.metadata.resourceVersion ?? "" }, includeObject) })}\n` : `${json}\n`);
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
    const type = contentType(req);
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
        const text = Buffer.concat(chunks).toString("utf8");
        if (nestingExceeds(text)) {
          reject(Errors.badRequest(`the body of the request could not be decoded as JSON: exceeded max depth of ${MAX_JSON_DEPTH}`));
          return;
        }
        try {
          // An apply patch is YAML (JSON is YAML too); everything else is JSON.
          resolve(type === "application/apply-patch+yaml" && !/^\s*[{[]/.test(text) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text));
        } catch (e) {
          reject(Errors.badRequest(`the body of the request could not be decoded as JSON: ${(e as Error).message}`));
        }
      });
    });
  }

  private json(res: ServerResponse, code: number, body: unknown, warnings: readonly string[] = [], text?: string): void {
    const headers: Record<string, string | string[]> = { "content-type": "application/json" };
    if (warnings.length > 0) headers.warning = warnings.map(warningHeader);
    res.writeHead(code, headers).end(text ?? JSON.stringify(body));
  }

  /** A write's result: the store's own JSON of it when it has one (the object as stored), else serialised. */
  private stored(res: ServerResponse, code: number, obj: KubeObject, warnings: readonly string[]): void {
    this.json(res, code, obj, warnings, this.registry.store.storedJson?.(obj));
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

/**
 * The field manager of a write: `fieldManager`, else the product of the client's User-Agent (`kubectl` from
 * `kubectl/v1.32.3 (linux/amd64) ...`) as the API server defaults it; none for a client that names neither.
 */
function fieldManagerOf(q: URLSearchParams, userAgent: string | undefined): string | undefined {
  const given = q.get("fieldManager");
  if (given) return given.slice(0, 128);
  const product = userAgent?.split("/")[0]?.trim();
  return product ? product.slice(0, 128) : undefined;
}
