// Serves a ProviderInterface over the plugin protocol (tfplugin6, or tfplugin5 for a client or a
// `-protocol=5` flag that asks for it), as a process started by Terraform, OpenTofu or Cairn: checks the
// magic cookie, listens on a Unix socket (loopback TCP on Windows) with mutual TLS when the client sent its
// certificate, prints the go-plugin handshake line, and answers until the client asks it to stop (the
// controller's Shutdown), closes the connection, or its parent goes away.
//
// The served provider is the same implementation the in-process path uses; this file only translates.
// What the protocol has no field for: Cairn's client token travels in the private data (the cluster
// provider keeps it there anyway), schema `forcesReplacement` becomes requires_replace paths, and Cairn's
// sensitivity additions stay unused (the client marks by schema and configuration).

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import { rawEquals, type Value } from "../../lang/values/value.js";
import type { Type } from "../../lang/values/types.js";
import type { AttributePath, GetSchemaResponse, ProviderInterface } from "../interface.js";
import { clientTokenFromPrivate } from "../private-data.js";
import { forcesReplacementAttributes, impliedType, type Schema } from "../schema.js";
import { proposedNewState as proposedNewStateOf } from "../objchange/proposed-new.js";
import { makePluginCertificate } from "./certificate.js";
import { dynamicFromWire, dynamicToWire, privateFromWire, privateToWire } from "./codec.js";
import { coreProtocolVersion, formatHandshake, magicCookieKey, magicCookieValue, methodName, providerProtocolVersions, type ProtocolVersion } from "./protocol.js";
import { pluginService } from "./services.js";
import { UnaryServer, type UnaryImplementation } from "./unary-server.js";
import { diagnosticsToWire, pathToWire } from "./wire-diagnostics.js";
import { schemaToWire } from "./wire-schema.js";
import type { WireDynamicValue } from "./wire.js";

export interface ServeOptions {
  readonly provider: ProviderInterface;
  readonly env: NodeJS.ProcessEnv;
  /** Where the handshake line goes (the process's stdout). */
  readonly stdout: NodeJS.WritableStream;
  /** Log lines (the process's stderr, which the client forwards to its log). */
  readonly log: (line: string) => void;
  /** The protocol versions to offer (both by default; one to act as a provider that speaks only it). */
  readonly protocolVersions?: readonly ProtocolVersion[];
}

export type ServeResult = { readonly ok: true; readonly stopped: Promise<void> } | { readonly ok: false; readonly message: string };

const notAPlugin =
  "This binary is a plugin. These are not meant to be executed directly.\n" +
  "Please execute the program that consumes these plugins, which will load any plugins automatically.";

export async function servePlugin(opts: ServeOptions): Promise<ServeResult> {
  if (opts.env[magicCookieKey] !== magicCookieValue) return { ok: false, message: notAPlugin };
  // go-plugin's negotiation: the client lists the versions it speaks, the server picks the newest it shares.
  const speaks = opts.protocolVersions ?? providerProtocolVersions;
  const offered = (opts.env.PLUGIN_PROTOCOL_VERSIONS ?? "6").split(",").map((s) => Number(s.trim()));
  const version = [...speaks].sort((a, b) => b - a).find((v) => offered.includes(v));
  if (version === undefined) return { ok: false, message: `This provider speaks plugin protocol ${speaks.join(" and ")}; the client offers only ${offered.join(", ")}.` };

  const clientCertPem = opts.env.PLUGIN_CLIENT_CERT;
  const cert = clientCertPem !== undefined && clientCertPem !== "" ? makePluginCertificate() : undefined;
  const server = new UnaryServer({ maxMessageBytes: 256 << 20, ...(cert !== undefined && clientCertPem !== undefined ? { tls: { key: cert.keyPem, cert: cert.certPem, clientCert: clientCertPem } } : {}) });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const shutdown = (): void => {
    server.close(2000);
    void opts.provider.close().finally(stop);
  };

  const handlers = providerHandlers(opts.provider, opts.log, version);
  if (version === 6) server.addService(pluginService("provider6"), handlers);
  else server.addService(pluginService("provider5"), Object.fromEntries(Object.entries(handlers).map(([name, h]) => [methodName(name, 5), h])));
  server.addService(pluginService("clientTokens"), clientTokenHandlers(opts.provider, opts.log));
  server.addService(pluginService("health"), { Check: async () => ({ status: 1 }) });
  server.addService(pluginService("controller"), {
    Shutdown: async () => {
      setImmediate(shutdown);
      return {};
    },
  });

  const serverCert = cert?.der;
  const listening = await listen(server, opts.env);
  if (typeof listening === "string") return { ok: false, message: listening };
  void stopped.then(listening.remove);

  // The parent is the only client: when it is gone (killed without closing us), nobody will call Shutdown.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) {
      opts.log("[WARN] cairn plugin: the client process is gone; exiting");
      shutdown();
    }
  }, 500);
  watch.unref();
  void stopped.then(() => clearInterval(watch));

  opts.stdout.write(formatHandshake({ coreVersion: coreProtocolVersion, protocolVersion: version, network: listening.network, address: listening.address, protocol: "grpc", serverCert }) + "\n");
  return { ok: true, stopped };
}

function clientTokenHandlers(p: ProviderInterface, log: (line: string) => void): Record<string, UnaryImplementation> {
  return {
    LookupByClientToken: (request) => {
      const req = request as { type_name: string; client_token: string; recorded_state?: WireDynamicValue; recorded_private?: Uint8Array; has_recorded?: boolean };
      return (async () => {
        const s = (await p.getSchema()).resourceTypes.get(req.type_name);
        if (s === undefined) return { found: false, diagnostics: diagnosticsToWire([errorDiag("Unsupported resource type", `This provider has no resource type named "${req.type_name}".`)]) };
        const t = impliedType(s.block);
        const diags: Diagnostic[] = [];
        const recorded = req.has_recorded === true ? { state: dynamicFromWire(req.recorded_state, t, "recorded state", diags), private: privateFromWire(req.recorded_private) } : undefined;
        if (diags.length > 0) return { found: false, diagnostics: diagnosticsToWire(diags) };
        const r = await p.lookupByClientToken({ typeName: req.type_name, clientToken: req.client_token, ...(recorded ? { recorded } : {}) });
        return r.found === undefined
          ? { found: false, diagnostics: diagnosticsToWire(r.diagnostics) }
          : { found: true, state: dynamicToWire(r.found.state, t), private: privateToWire(r.found.private), diagnostics: diagnosticsToWire(r.diagnostics) };
      })().catch((err: unknown) => {
        log(`[ERROR] cairn plugin: LookupByClientToken: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { found: false, diagnostics: diagnosticsToWire([errorDiag("Provider bug", `The provider failed in LookupByClientToken: ${String(err)}`)]) };
      });
    },
  };
}

interface Listening {
  readonly network: "unix" | "tcp";
  readonly address: string;
  /** Removes what listening left on disk (the socket's directory). */
  readonly remove: () => void;
}

/**
 * Where the plugin listens: a Unix socket in a fresh directory under PLUGIN_UNIX_SOCKET_DIR or the temporary
 * directory, as go-plugin's servers do on Unix (and Terraform expects; cheaper per call than loopback TCP,
 * about 7% of each side's CPU time), else 127.0.0.1 on a free port (Windows). The directory is removed when
 * the plugin stops or its process exits.
 */
async function listen(server: UnaryServer, env: NodeJS.ProcessEnv): Promise<Listening | string> {
  if (process.platform !== "win32") {
    let dir: string;
    try {
      dir = mkdtempSync(join(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), "plugin"));
    } catch (err) {
      return `Could not make a directory for the plugin's socket: ${(err as Error).message}`;
    }
    const remove = (): void => rmSync(dir, { recursive: true, force: true });
    process.once("exit", remove);
    const address = join(dir, "plugin.sock");
    const bound = await server.listen({ path: address });
    if (bound instanceof Error) {
      remove();
      return `Could not listen on ${address}: ${bound.message}`;
    }
    return { network: "unix", address, remove };
  }
  const bound = await server.listen({ port: 0 });
  if (bound instanceof Error) return `Could not listen on 127.0.0.1: ${bound.message}`;
  return { network: "tcp", address: bound.address, remove: () => undefined };
}

function providerHandlers(p: ProviderInterface, log: (line: string) => void, protocol: ProtocolVersion): Record<string, UnaryImplementation> {
  let schemas: Promise<GetSchemaResponse> | undefined;
  // Once read, the schemas are taken without an await: every call looks its type up, and awaiting even a
  // settled promise costs it turns of the microtask queue.
  let loaded: GetSchemaResponse | undefined;
  const schemaOf = (): Promise<GetSchemaResponse> => (schemas ??= p.getSchema().then((s) => (loaded = s)));
  // The implied type of each schema, made once: every call decodes and encodes with it.
  const types = new WeakMap<Schema, Type>();
  const typeOf = (s: Schema | undefined): Type => {
    if (s === undefined) return impliedType({});
    let t = types.get(s);
    if (t === undefined) types.set(s, (t = impliedType(s.block)));
    return t;
  };
  const resource = async (typeName: string) => (loaded ?? (await schemaOf())).resourceTypes.get(typeName);
  const dataSource = async (typeName: string) => (loaded ?? (await schemaOf())).dataSources.get(typeName);
  const resourceNow = (typeName: string) => (loaded !== undefined ? loaded.resourceTypes.get(typeName) : resource(typeName));
  const unknownType = (kind: string, name: string): Diagnostic => errorDiag(`Unsupported ${kind}`, `This provider has no ${kind} named "${name}".`);

  const unary =
    <Req>(name: string, fn: (req: Req) => Promise<object>): UnaryImplementation =>
    (request) =>
      fn(request as Req).catch((err: unknown) => {
        // A throw is a bug in Cairn: say so in the log and to the client, and keep serving.
        log(`[ERROR] cairn plugin: ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { diagnostics: diagnosticsToWire([errorDiag("Provider bug", `The provider failed in ${name}: ${err instanceof Error ? err.message : String(err)}`)]) };
      });

  interface TypedRequest {
    readonly type_name: string;
  }

  return {
    GetMetadata: unary("GetMetadata", async () => {
      const s = await schemaOf();
      return {
        server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
        diagnostics: diagnosticsToWire(s.diagnostics),
        resources: [...s.resourceTypes.keys()].map((type_name) => ({ type_name })),
        data_sources: [...s.dataSources.keys()].map((type_name) => ({ type_name })),
      };
    }),
    GetProviderSchema: unary("GetProviderSchema", async () => {
      const s = await schemaOf();
      return {
        provider: schemaToWire(s.provider, protocol),
        resource_schemas: Object.fromEntries([...s.resourceTypes].map(([k, v]) => [k, schemaToWire(v, protocol)])),
        data_source_schemas: Object.fromEntries([...s.dataSources].map(([k, v]) => [k, schemaToWire(v, protocol)])),
        diagnostics: diagnosticsToWire(s.diagnostics),
        server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      };
    }),
    ValidateProviderConfig: unary("ValidateProviderConfig", async (req: { config?: WireDynamicValue }) => {
      const diags: Diagnostic[] = [];
      const config = dynamicFromWire(req.config, typeOf((await schemaOf()).provider), "provider configuration", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      // Protocol 5's PrepareProviderConfig also answers the configuration to use: the one given.
      return { prepared_config: req.config, diagnostics: diagnosticsToWire((await p.validateProviderConfig({ config })).diagnostics) };
    }),
    ValidateResourceConfig: unary("ValidateResourceConfig", async (req: TypedRequest & { config?: WireDynamicValue }) => {
      const known = resourceNow(req.type_name);
      const s = known instanceof Promise ? await known : known;
      if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("resource type", req.type_name)]) };
      const diags: Diagnostic[] = [];
      const config = dynamicFromWire(req.config, typeOf(s), "configuration", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      return { diagnostics: diagnosticsToWire((await p.validateResourceConfig({ typeName: req.type_name, config })).diagnostics) };
    }),
    ValidateDataResourceConfig: unary("ValidateDataResourceConfig", async (req: TypedRequest & { config?: WireDynamicValue }) => {
      const s = await dataSource(req.type_name);
      if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("data source", req.type_name)]) };
      const diags: Diagnostic[] = [];
      const config = dynamicFromWire(req.config, typeOf(s), "configuration", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      return { diagnostics: diagnosticsToWire((await p.validateDataResourceConfig({ typeName: req.type_name, config })).diagnostics) };
    }),
    UpgradeResourceState: unary("UpgradeResourceState", async (req: TypedRequest & { version?: number; raw_state?: { json?: Uint8Array; flatmap?: Record<string, string> } }) => {
      const known = resourceNow(req.type_name);
      const s = known instanceof Promise ? await known : known;
      if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("resource type", req.type_name)]) };
      if ((req.version ?? 0) > s.version) {
        return { diagnostics: diagnosticsToWire([errorDiag("Resource state from a newer provider", `The state of this ${req.type_name} was written by schema version ${req.version}; this provider knows version ${s.version}.`)]) };
      }
      if (req.raw_state?.json === undefined || req.raw_state.json.length === 0) {
        return { diagnostics: diagnosticsToWire([errorDiag("Unsupported state format", "This provider reads only JSON state (the flatmap format predates Terraform 0.12).")]) };
      }
      if (p.upgradeResourceState !== undefined) {
        const r = await p.upgradeResourceState({ typeName: req.type_name, version: req.version ?? 0, rawStateJson: Buffer.from(req.raw_state.json).toString("utf8") });
        return { ...(r.upgradedState !== undefined ? { upgraded_state: dynamicToWire(r.upgradedState, typeOf(s)) } : {}), diagnostics: diagnosticsToWire(r.diagnostics) };
      }
      // A provider without its own upgrade has had one state layout: upgrading is decoding the JSON with the
      // current schema.
      const diags: Diagnostic[] = [];
      const state = dynamicFromWire({ json: req.raw_state.json }, typeOf(s), "stored state", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      return { upgraded_state: dynamicToWire(state, typeOf(s)), diagnostics: [] };
    }),
    ConfigureProvider: unary("ConfigureProvider", async (req: { terraform_version?: string; config?: WireDynamicValue }) => {
      const diags: Diagnostic[] = [];
      const config = dynamicFromWire(req.config, typeOf((await schemaOf()).provider), "provider configuration", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      const configured = await p.configureProvider({ cairnVersion: req.terraform_version ?? "", config });
      // After this turn's answer has gone (a timer runs after the turn's flush, unary-server.ts), and never
      // for a failed configuration.
      if (p.prepare !== undefined && !hasErrors(configured.diagnostics)) setTimeout(() => p.prepare?.(), 0);
      return { diagnostics: diagnosticsToWire(configured.diagnostics) };
    }),
    ReadResource: unary("ReadResource", async (req: TypedRequest & { current_state?: WireDynamicValue; private?: Uint8Array }) => {
      const known = resourceNow(req.type_name);
      const s = known instanceof Promise ? await known : known;
      if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("resource type", req.type_name)]) };
      const t = typeOf(s);
      const diags: Diagnostic[] = [];
      const priorState = dynamicFromWire(req.current_state, t, "current state", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      const r = await p.readResource({ typeName: req.type_name, priorState, private: privateFromWire(req.private) });
      return { new_state: dynamicToWire(r.newState, t), private: privateToWire(r.private), diagnostics: diagnosticsToWire(r.diagnostics) };
    }),
    PlanResourceChange: unary(
      "PlanResourceChange",
      async (req: TypedRequest & { prior_state?: WireDynamicValue; proposed_new_state?: WireDynamicValue; config?: WireDynamicValue; prior_private?: Uint8Array }) => {
        const known = resourceNow(req.type_name);
        const s = known instanceof Promise ? await known : known;
        if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("resource type", req.type_name)]) };
        const t = typeOf(s);
        const diags: Diagnostic[] = [];
        const priorState = dynamicFromWire(req.prior_state, t, "prior state", diags);
        const proposedByClient = dynamicFromWire(req.proposed_new_state, t, "proposed new state", diags);
        const config = dynamicFromWire(req.config, t, "configuration", diags);
        if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
        // Terraform proposes null for a create's unset computed attributes and leaves marking them unknown to
        // the provider (its SDK does); Cairn's proposal already has them unknown (providers/objchange), and
        // the provider is written against that. Same value for updates and deletes.
        const proposedNewState = priorState.isNull() && !config.isNull() ? proposedNewStateOf(s.block, priorState, config) : proposedByClient;
        const r = await p.planResourceChange({ typeName: req.type_name, priorState, proposedNewState, config, priorPrivate: privateFromWire(req.prior_private) });
        return {
          planned_state: dynamicToWire(r.plannedState, t),
          requires_replace: replacePaths(s, priorState, r.plannedState, r.requiresReplace).map(pathToWire),
          planned_private: privateToWire(r.plannedPrivate),
          diagnostics: diagnosticsToWire(r.diagnostics),
        };
      },
    ),
    ApplyResourceChange: unary(
      "ApplyResourceChange",
      async (req: TypedRequest & { prior_state?: WireDynamicValue; planned_state?: WireDynamicValue; config?: WireDynamicValue; planned_private?: Uint8Array }) => {
        const known = resourceNow(req.type_name);
        const s = known instanceof Promise ? await known : known;
        if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("resource type", req.type_name)]) };
        const t = typeOf(s);
        const diags: Diagnostic[] = [];
        const priorState = dynamicFromWire(req.prior_state, t, "prior state", diags);
        const plannedState = dynamicFromWire(req.planned_state, t, "planned state", diags);
        const config = dynamicFromWire(req.config, t, "configuration", diags);
        if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
        const plannedPrivate = privateFromWire(req.planned_private);
        // Cairn as the client puts its create intent's token in the planned private data; Terraform has none.
        const clientToken = clientTokenFromPrivate(plannedPrivate) ?? randomUUID();
        const r = await p.applyResourceChange({ typeName: req.type_name, priorState, plannedState, config, plannedPrivate, clientToken });
        return { new_state: dynamicToWire(r.newState, t), private: privateToWire(r.private), diagnostics: diagnosticsToWire(r.diagnostics) };
      },
    ),
    ImportResourceState: unary("ImportResourceState", async (req: TypedRequest & { id: string }) => {
      const r = await p.importResourceState({ typeName: req.type_name, id: req.id });
      const imported = [];
      for (const i of r.imported) {
        const s = await resource(i.typeName);
        if (s === undefined) continue;
        imported.push({ type_name: i.typeName, state: dynamicToWire(i.state, typeOf(s)), private: privateToWire(i.private) });
      }
      return { imported_resources: imported, diagnostics: diagnosticsToWire(r.diagnostics) };
    }),
    ReadDataSource: unary("ReadDataSource", async (req: TypedRequest & { config?: WireDynamicValue }) => {
      const s = await dataSource(req.type_name);
      if (s === undefined) return { diagnostics: diagnosticsToWire([unknownType("data source", req.type_name)]) };
      const t = typeOf(s);
      const diags: Diagnostic[] = [];
      const config = dynamicFromWire(req.config, t, "configuration", diags);
      if (diags.length > 0) return { diagnostics: diagnosticsToWire(diags) };
      const r = await p.readDataSource({ typeName: req.type_name, config });
      return { state: dynamicToWire(r.state, t), diagnostics: diagnosticsToWire(r.diagnostics) };
    }),
    StopProvider: unary("StopProvider", async () => ({ Error: "" })),
  };
}

/** The provider's replace paths plus the schema's forcesReplacement attributes that change (an update only). */
function replacePaths(s: Schema, prior: Value, planned: Value, fromProvider: readonly AttributePath[]): AttributePath[] {
  if (prior.isNull() || planned.isNull() || !prior.isKnown() || !planned.isKnown()) return [...fromProvider];
  const out = [...fromProvider];
  const named = new Set(fromProvider.filter((p) => p.length === 1 && p[0]!.kind === "attr").map((p) => (p[0] as { name: string }).name));
  for (const name of forcesReplacementAttributes(s.block)) {
    const a = prior.asEntries().get(name);
    const b = planned.asEntries().get(name);
    if (a === undefined || b === undefined || named.has(name) || rawEquals(a, b)) continue;
    out.push([{ kind: "attr", name }]);
  }
  return out;
}
