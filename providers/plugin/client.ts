// A provider served by a plugin process (tfplugin6 over gRPC, or tfplugin5 when the plugin offers only
// that): Cairn's ProviderInterface on one side, the protocol on the other. The process is started on the
// first call, once per instance (the planner makes one instance per provider configuration and one for
// schemas; the schema instance's process is handed on, see Spare), never restarted: if it dies, every later
// call fails with a diagnostic naming the provider and how the process ended. close() asks it to shut
// down and kills it if it has not exited within two seconds (go-plugin's grace period).
//
// Deferred responses (protocol 6.7's `deferred`) are refused: Cairn tells the plugin it cannot take them
// (client capabilities), and a plugin that defers anyway gets an error naming the resource type.

import type { ServiceDefinition } from "@grpc/grpc-js";
import type { Provider } from "../../addrs/provider.js";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import type { Type } from "../../lang/values/types.js";
import { nullVal } from "../../lang/values/value.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ConfigureProviderRequest,
  ConfigureProviderResponse,
  GetSchemaResponse,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  ImportedResource,
  LookupByClientTokenRequest,
  LookupByClientTokenResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ProviderInterface,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
  ValidateDataResourceConfigRequest,
  ValidateProviderConfigRequest,
  ValidateProviderConfigResponse,
  ValidateResourceConfigRequest,
  ValidateResponse,
} from "../interface.js";
import { privateWithClientToken } from "../private-data.js";
import { impliedType, type Schema } from "../schema.js";
import { derToPem } from "./certificate.js";
import { dynamicFromWire, dynamicToWire, privateFromWire, privateToWire } from "./codec.js";
import { type StartedPlugin, startPlugin } from "./process.js";
import { methodName, type ProtocolVersion } from "./protocol.js";
import { diagnosticsFromWire, pathFromWire } from "./wire-diagnostics.js";
import { type CallResult, grpcStatus, UnaryChannel } from "./unary-channel.js";
import { schemaFromWire } from "./wire-schema.js";
import type { WireDeferred, WireDiagnostic, WireDynamicValue, WireSchema } from "./wire.js";

export interface PluginProviderOptions {
  readonly addr: Provider;
  readonly executable: string;
  /** The plugin's working directory: the configuration's, so relative paths mean the same to it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** Set when the plugin must not run (its package no longer matches the lock file): every call says so. */
  readonly refusal?: Diagnostic;
}

interface Connection {
  readonly started: StartedPlugin;
  /** The protocol the plugin chose in its handshake from the versions Cairn offered. */
  readonly version: ProtocolVersion;
  readonly channel: UnaryChannel;
  readonly provider: ServiceDefinition;
  readonly controller: ServiceDefinition;
  readonly clientTokens: ServiceDefinition;
}

const noDeferral = { deferral_allowed: false, write_only_attributes_allowed: false };

/**
 * A plugin process no instance owns yet, for the next instance of the same plugin: one whose instance was
 * closed after reading only its schema (the planner reads schemas with an instance of their own and then
 * starts one per provider configuration, and a process that has answered only GetProviderSchema is in the
 * state a fresh one would be), or one started ahead of the command's first call (`PluginProvider.prestart`).
 * Taking it saves a process start and a schema round trip, or overlaps them with the command's own start. One
 * not taken within a few seconds is shut down as any other.
 */
interface Spare {
  readonly env: NodeJS.ProcessEnv;
  readonly connection: Promise<Connection | string>;
  readonly schemas: Promise<GetSchemaResponse>;
  readonly timer: NodeJS.Timeout;
}
const spares = new Map<string, Spare>();
const spareLifetimeMs = 5000;

export class PluginProvider implements ProviderInterface {
  private connection?: Promise<Connection | string>;
  /** What `connection` settled to, for calls to take without an await. */
  private connected?: Connection | string;
  private schemas?: Promise<GetSchemaResponse>;
  /** The schemas a process taken from the spares had already answered. */
  private adoptedSchemas?: Promise<GetSchemaResponse>;
  private readonly types = new Map<string, Map<string, Type>>();
  private closed = false;
  /** Whether every call so far read only the schema (the process may then serve another instance). */
  private onlySchemaRead = true;

  constructor(private readonly opts: PluginProviderOptions) {}

  private get name(): string {
    return this.opts.addr.forDisplay();
  }

  private get spareKey(): string {
    return `${this.opts.executable}\u0000${this.opts.cwd}`;
  }

  private connect(): Promise<Connection | string> {
    this.connection ??= this.open().then((conn) => (this.connected = conn));
    return this.connection;
  }

  /** This instance's process: a spare one if there is one, else a new one. */
  private async open(): Promise<Connection | string> {
    if (this.closed) return "the provider was already closed";
    const spare = spares.get(this.spareKey);
    if (spare !== undefined && spare.env === this.opts.env) {
      spares.delete(this.spareKey);
      clearTimeout(spare.timer);
      const conn = await spare.connection;
      // A process that failed to start fails the same way started again; one that died since is replaced.
      if (typeof conn === "string" || alive(conn)) {
        this.adoptedSchemas = spare.schemas;
        if (typeof conn !== "string") this.opts.log(`[DEBUG] using the running ${this.opts.executable} (pid ${conn.started.child.pid}), which has only answered its schema`);
        return conn;
      }
    }
    return openConnection(this.opts);
  }

  /**
   * Starts the plugin and asks for its schema ahead of the command's first call, for the instance that will
   * make it: the process starts, and the command loads its own code and configuration, on both cores at once.
   */
  static prestart(opts: PluginProviderOptions, starting?: Promise<StartedPlugin | string>): void {
    const early = new PluginProvider(opts);
    if (opts.refusal !== undefined || spares.has(early.spareKey)) {
      void starting?.then((s) => (typeof s === "string" ? undefined : s.child.kill("SIGKILL")));
      return;
    }
    opts.log(`[DEBUG] starting ${opts.executable} ahead of the command's first call`);
    early.connection = openConnection(opts, starting).then((conn) => (early.connected = conn));
    const connection = early.connection;
    offerSpare(early.spareKey, { env: opts.env, connection, schemas: early.getSchema() });
  }

  /** Whether calls reach a started plugin (not refused, not failed to start). */
  private async reached(): Promise<boolean> {
    return this.opts.refusal === undefined && this.connection !== undefined && typeof (await this.connection) !== "string";
  }

  /** One RPC; a diagnostic naming the provider when the process is gone or the call fails. */
  private async call<Res>(method: string, req: object): Promise<Res | Diagnostic> {
    if (this.opts.refusal !== undefined) return this.opts.refusal;
    const conn = this.connected ?? (await this.connect());
    if (typeof conn === "string") return errorDiag("Failed to start provider plugin", `Could not start the plugin for provider ${this.name} (${this.opts.executable}): ${conn}.`);
    if (method !== "GetProviderSchema") this.onlySchemaRead = false;
    const res = await conn.channel.call<Res>(conn.provider[methodName(method, conn.version)]!, req);
    if (res.ok) return res.value;
    const how = await Promise.race([conn.started.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
    const tail = conn.started.recentLog();
    const detail =
      how !== undefined || conn.started.child.exitCode !== null || conn.started.child.signalCode !== null
        ? `The plugin process for provider ${this.name} ${how ?? "exited"} during ${method}. Cairn does not restart it; the operation's completed changes are saved, and the next apply adopts what was in progress.${tail.length > 0 ? `\n\nIts last output:\n${tail.join("\n")}` : ""}`
        : `The call ${method} to the plugin for provider ${this.name} failed: ${res.failure.details}.`;
    return errorDiag("Plugin did not respond", detail);
  }

  async getSchema(): Promise<GetSchemaResponse> {
    this.schemas ??= (async () => {
      if (this.opts.refusal === undefined) await this.connect();
      if (this.adoptedSchemas !== undefined) return this.adoptedSchemas;
      const empty: Schema = { version: 0, block: {} };
      const res = await this.call<{ provider?: WireSchema; resource_schemas?: Record<string, WireSchema>; data_source_schemas?: Record<string, WireSchema>; diagnostics?: WireDiagnostic[] }>("GetProviderSchema", {});
      if (isDiag(res)) return { provider: empty, resourceTypes: new Map(), dataSources: new Map(), diagnostics: [res] };
      const diagnostics = diagnosticsFromWire(res.diagnostics);
      const one = (w: WireSchema | undefined, where: string): Schema => {
        const r = schemaFromWire(w, where);
        diagnostics.push(...r.diags);
        return r.schema ?? empty;
      };
      const provider = one(res.provider, `provider ${this.name}`);
      const resourceTypes = new Map(Object.entries(res.resource_schemas ?? {}).map(([k, v]) => [k, one(v, `resource type ${k}`)] as const));
      const dataSources = new Map(Object.entries(res.data_source_schemas ?? {}).map(([k, v]) => [k, one(v, `data source ${k}`)] as const));
      return { provider, resourceTypes, dataSources, diagnostics };
    })();
    return this.schemas;
  }

  /**
   * The implied type of a schema once typeOf has made it: every call encodes and decodes with it, and looks
   * it up here first, without an await (even of a settled promise, which costs a turn of the microtask queue).
   */
  private knownType(kind: "provider" | "managed" | "data", typeName = ""): Type | undefined {
    return this.types.get(kind)?.get(typeName);
  }

  private async typeOf(kind: "provider" | "managed" | "data", typeName = ""): Promise<Type> {
    const known = this.knownType(kind, typeName);
    if (known !== undefined) return known;
    const s = await this.getSchema();
    const schema = kind === "provider" ? s.provider : kind === "managed" ? s.resourceTypes.get(typeName) : s.dataSources.get(typeName);
    const t = impliedType(schema?.block ?? {});
    let ofKind = this.types.get(kind);
    if (ofKind === undefined) this.types.set(kind, (ofKind = new Map()));
    ofKind.set(typeName, t);
    return t;
  }

  async validateProviderConfig(req: ValidateProviderConfigRequest): Promise<ValidateProviderConfigResponse> {
    const t = this.knownType("provider") ?? (await this.typeOf("provider"));
    const res = await this.call<{ diagnostics?: WireDiagnostic[] }>("ValidateProviderConfig", { config: dynamicToWire(req.config, t) });
    return { preparedConfig: req.config, diagnostics: isDiag(res) ? [res] : diagnosticsFromWire(res.diagnostics) };
  }

  async validateResourceConfig(req: ValidateResourceConfigRequest): Promise<ValidateResponse> {
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    const res = await this.call<{ diagnostics?: WireDiagnostic[] }>("ValidateResourceConfig", { type_name: req.typeName, config: dynamicToWire(req.config, t), client_capabilities: noDeferral });
    return { diagnostics: isDiag(res) ? [res] : diagnosticsFromWire(res.diagnostics) };
  }

  async validateDataResourceConfig(req: ValidateDataResourceConfigRequest): Promise<ValidateResponse> {
    const t = this.knownType("data", req.typeName) ?? (await this.typeOf("data", req.typeName));
    const res = await this.call<{ diagnostics?: WireDiagnostic[] }>("ValidateDataResourceConfig", { type_name: req.typeName, config: dynamicToWire(req.config, t) });
    return { diagnostics: isDiag(res) ? [res] : diagnosticsFromWire(res.diagnostics) };
  }

  async configureProvider(req: ConfigureProviderRequest): Promise<ConfigureProviderResponse> {
    const t = this.knownType("provider") ?? (await this.typeOf("provider"));
    const res = await this.call<{ diagnostics?: WireDiagnostic[] }>("ConfigureProvider", { terraform_version: req.cairnVersion, config: dynamicToWire(req.config, t), client_capabilities: noDeferral });
    return { diagnostics: isDiag(res) ? [res] : diagnosticsFromWire(res.diagnostics) };
  }

  async upgradeResourceState(req: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse> {
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    const res = await this.call<{ upgraded_state?: WireDynamicValue; diagnostics?: WireDiagnostic[] }>("UpgradeResourceState", {
      type_name: req.typeName,
      version: req.version,
      raw_state: { json: Buffer.from(req.rawStateJson) },
    });
    if (isDiag(res)) return { diagnostics: [res] };
    const diagnostics = diagnosticsFromWire(res.diagnostics);
    if (hasErrors(diagnostics)) return { diagnostics };
    const upgradedState = dynamicFromWire(res.upgraded_state, t, `upgraded state of ${req.typeName}`, diagnostics);
    return hasErrors(diagnostics) ? { diagnostics } : { upgradedState, diagnostics };
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    const res = await this.call<{ new_state?: WireDynamicValue; private?: Uint8Array; diagnostics?: WireDiagnostic[]; deferred?: WireDeferred | null }>("ReadResource", {
      type_name: req.typeName,
      current_state: dynamicToWire(req.priorState, t),
      private: privateToWire(req.private),
      client_capabilities: noDeferral,
    });
    if (isDiag(res)) return { newState: req.priorState, ...keep(req.private), diagnostics: [res] };
    const diagnostics = [...diagnosticsFromWire(res.diagnostics), ...this.deferredDiag(res.deferred, req.typeName)];
    if (hasErrors(diagnostics)) return { newState: req.priorState, ...keep(req.private), diagnostics };
    const newState = dynamicFromWire(res.new_state, t, `new state of ${req.typeName}`, diagnostics);
    return { newState, ...keep(privateFromWire(res.private)), diagnostics };
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    const res = await this.call<{ planned_state?: WireDynamicValue; requires_replace?: { steps?: [] }[]; planned_private?: Uint8Array; diagnostics?: WireDiagnostic[]; deferred?: WireDeferred | null }>("PlanResourceChange", {
      type_name: req.typeName,
      prior_state: dynamicToWire(req.priorState, t),
      proposed_new_state: dynamicToWire(req.proposedNewState, t),
      config: dynamicToWire(req.config, t),
      prior_private: privateToWire(req.priorPrivate),
      client_capabilities: noDeferral,
    });
    const failed = (diagnostics: Diagnostic[]): PlanResourceChangeResponse => ({ plannedState: req.proposedNewState, requiresReplace: [], diagnostics });
    if (isDiag(res)) return failed([res]);
    const diagnostics = [...diagnosticsFromWire(res.diagnostics), ...this.deferredDiag(res.deferred, req.typeName)];
    if (hasErrors(diagnostics)) return failed(diagnostics);
    const plannedState = dynamicFromWire(res.planned_state, t, `planned state of ${req.typeName}`, diagnostics);
    return { plannedState, requiresReplace: (res.requires_replace ?? []).map(pathFromWire), ...keepPlanned(privateFromWire(res.planned_private)), diagnostics };
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    // A create carries Cairn's client token in its private data: Cairn's own plugins keep it with the object
    // and find it again (LookupByClientToken); other plugins keep private data they do not know as it is.
    const plannedPrivate = req.priorState.isNull() && !req.plannedState.isNull() ? privateWithClientToken(req.clientToken, req.plannedPrivate) : req.plannedPrivate;
    const res = await this.call<{ new_state?: WireDynamicValue; private?: Uint8Array; diagnostics?: WireDiagnostic[] }>("ApplyResourceChange", {
      type_name: req.typeName,
      prior_state: dynamicToWire(req.priorState, t),
      planned_state: dynamicToWire(req.plannedState, t),
      config: dynamicToWire(req.config, t),
      planned_private: privateToWire(plannedPrivate),
    });
    // The call failed on the way (the process died, the connection broke): the plugin may have made the
    // change before it went, so the outcome is unknown, not a failure that made nothing.
    if (isDiag(res)) return { newState: req.priorState, diagnostics: [res], ...((await this.reached()) ? { outcomeUnknown: true } : {}) };
    const diagnostics = diagnosticsFromWire(res.diagnostics);
    // As Terraform: with errors, the new state (if any) is still what exists now.
    const newState = res.new_state ? dynamicFromWire(res.new_state, t, `new state of ${req.typeName}`, diagnostics) : hasErrors(diagnostics) ? req.priorState : nullVal(t);
    return { newState, ...keep(privateFromWire(res.private)), diagnostics };
  }

  async lookupByClientToken(req: LookupByClientTokenRequest): Promise<LookupByClientTokenResponse> {
    if (this.opts.refusal !== undefined) return { diagnostics: [this.opts.refusal] };
    const conn = await this.connect();
    if (typeof conn === "string") return { diagnostics: [errorDiag("Failed to start provider plugin", `Could not start the plugin for provider ${this.name}: ${conn}.`)] };
    this.onlySchemaRead = false;
    const t = this.knownType("managed", req.typeName) ?? (await this.typeOf("managed", req.typeName));
    const call: CallResult<{ found?: boolean; state?: WireDynamicValue; private?: Uint8Array; diagnostics?: WireDiagnostic[] }> = await conn.channel.call(conn.clientTokens.LookupByClientToken!, {
      type_name: req.typeName,
      client_token: req.clientToken,
      has_recorded: req.recorded !== undefined,
      ...(req.recorded ? { recorded_state: dynamicToWire(req.recorded.state, t), recorded_private: privateToWire(req.recorded.private) } : {}),
    });
    if (!call.ok) {
      // A plugin that is not Cairn's knows nothing of client tokens: nothing can be found.
      if (call.failure.code === grpcStatus.unimplemented) return { diagnostics: [] };
      return { diagnostics: [errorDiag("Plugin did not respond", `Looking up an interrupted create in provider ${this.name} failed: ${call.failure.details}.`)] };
    }
    const res = call.value;
    const diagnostics = diagnosticsFromWire(res.diagnostics);
    if (res.found !== true) return { diagnostics };
    const state = dynamicFromWire(res.state, t, `state of ${req.typeName}`, diagnostics);
    return { found: { state, ...keep(privateFromWire(res.private)) }, diagnostics };
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    const res = await this.call<{ imported_resources?: { type_name: string; state?: WireDynamicValue; private?: Uint8Array }[]; diagnostics?: WireDiagnostic[]; deferred?: WireDeferred | null }>("ImportResourceState", {
      type_name: req.typeName,
      id: req.id,
      client_capabilities: noDeferral,
    });
    if (isDiag(res)) return { imported: [], diagnostics: [res] };
    const diagnostics = [...diagnosticsFromWire(res.diagnostics), ...this.deferredDiag(res.deferred, req.typeName)];
    if (hasErrors(diagnostics)) return { imported: [], diagnostics };
    const imported: ImportedResource[] = [];
    for (const i of res.imported_resources ?? []) {
      const state = dynamicFromWire(i.state, await this.typeOf("managed", i.type_name), `imported ${i.type_name}`, diagnostics);
      imported.push({ typeName: i.type_name, state, ...keep(privateFromWire(i.private)) });
    }
    return { imported, diagnostics };
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    const t = this.knownType("data", req.typeName) ?? (await this.typeOf("data", req.typeName));
    const res = await this.call<{ state?: WireDynamicValue; diagnostics?: WireDiagnostic[]; deferred?: WireDeferred | null }>("ReadDataSource", { type_name: req.typeName, config: dynamicToWire(req.config, t), client_capabilities: noDeferral });
    if (isDiag(res)) return { state: nullVal(t), diagnostics: [res] };
    const diagnostics = [...diagnosticsFromWire(res.diagnostics), ...this.deferredDiag(res.deferred, req.typeName)];
    if (hasErrors(diagnostics)) return { state: nullVal(t), diagnostics };
    return { state: dynamicFromWire(res.state, t, `data source ${req.typeName}`, diagnostics), diagnostics };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.connection === undefined) return;
    const conn = await this.connection;
    if (typeof conn === "string") return;
    if (this.onlySchemaRead && this.schemas !== undefined && alive(conn) && !spares.has(this.spareKey)) {
      offerSpare(this.spareKey, { env: this.opts.env, connection: Promise.resolve(conn), schemas: this.schemas });
      return;
    }
    await shutDown(conn);
  }


  private deferredDiag(d: WireDeferred | null | undefined, typeName: string): Diagnostic[] {
    if (d === null || d === undefined) return [];
    return [
      errorDiag(
        "Provider deferred an action",
        `Provider ${this.name} deferred the action on ${typeName} (reason ${d.reason ?? 0}). Cairn does not support deferred actions yet; make the values the provider needs known (for example with -target) and run again.`,
      ),
    ];
  }
}

/** Starts the plugin process and opens the channel to it (or says why it could not). */
async function openConnection(opts: PluginProviderOptions, alreadyStarting?: Promise<StartedPlugin | string>): Promise<Connection | string> {
  // The process is spawned first (or was, before this module loaded: prestartPlugins) and the service
  // definitions made while it starts (from the description of the .proto files made at build time, ~1 ms of
  // CPU): the plugin's start-up is the longer wait.
  const starting = alreadyStarting ?? startPlugin({ executable: opts.executable, cwd: opts.cwd, env: opts.env, log: opts.log });
  const { pluginService } = await import("./services.js");
  const definitions = { provider6: pluginService("provider6"), controller: pluginService("controller"), clientTokens: pluginService("clientTokens") };
  const started = await starting;
  if (typeof started === "string") return started;
  const h = started.handshake;
  const tls = h.serverCert === undefined ? undefined : { peerCert: Buffer.from(derToPem(h.serverCert)), key: Buffer.from(started.clientCert.keyPem), cert: Buffer.from(started.clientCert.certPem) };
  const channel = new UnaryChannel({ network: h.network === "unix" ? "unix" : "tcp", address: h.address, maxMessageBytes: 256 << 20, ...(tls ? { tls } : {}) });
  const version: ProtocolVersion = h.protocolVersion === 5 ? 5 : 6;
  opts.log(`[DEBUG] started ${opts.executable} (pid ${started.child.pid}), plugin protocol version ${version}`);
  return {
    started,
    version,
    channel,
    provider: version === 5 ? pluginService("provider5") : definitions.provider6,
    controller: definitions.controller,
    clientTokens: definitions.clientTokens,
  };
}

/** Keeps a process for the next instance of its plugin for a few seconds, then shuts it down. */
function offerSpare(key: string, spare: Omit<Spare, "timer">): void {
  const timer = setTimeout(() => {
    if (spares.get(key)?.connection !== spare.connection) return;
    spares.delete(key);
    void spare.connection.then((conn) => (typeof conn === "string" ? undefined : shutDown(conn)));
  }, spareLifetimeMs);
  // A spare never keeps Cairn running; at exit every plugin process still running is killed (process.ts).
  timer.unref();
  spares.set(key, { ...spare, timer });
}

/** Asks the plugin to stop and kills it if it has not exited within two seconds (go-plugin's grace period). */
async function shutDown(conn: Connection): Promise<void> {
  const { child, exited } = conn.started;
  if (child.exitCode === null && child.signalCode === null) {
    await conn.channel.call(conn.controller.Shutdown!, {}, 2000);
    const gone = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 2000))]);
    if (!gone) child.kill("SIGKILL");
  }
  conn.channel.close();
}

function alive(conn: Connection): boolean {
  return conn.started.child.exitCode === null && conn.started.child.signalCode === null;
}

function isDiag(x: unknown): x is Diagnostic {
  return typeof x === "object" && x !== null && "severity" in x && "summary" in x && !("diagnostics" in x);
}

function keep(p: string | undefined): { private?: string } {
  return p === undefined ? {} : { private: p };
}
function keepPlanned(p: string | undefined): { plannedPrivate?: string } {
  return p === undefined ? {} : { plannedPrivate: p };
}
