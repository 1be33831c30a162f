// The cluster provider (terraform.io/builtin/cluster, local name `cluster`): cluster_* resources and data
// sources over the cluster core, embedded or served. This file is the lifecycle plumbing: Value <-> plain
// conversion, "configured?" checks, one diagnostic per failure. Resource mapping lives in resources/,
// the plan-time placement check in plan-picture.ts, the connection in session.ts.
import { Provider } from "../../addrs/provider.js";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import type { PathStep } from "../../lang/values/convert.js";
import { EmptyObjectType } from "../../lang/values/types.js";
import { type Value, nullVal } from "../../lang/values/value.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ConfigureProviderRequest,
  ConfigureProviderResponse,
  GetSchemaResponse,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  LookupByClientTokenRequest,
  LookupByClientTokenResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ProviderInterface,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  ValidateDataResourceConfigRequest,
  ValidateProviderConfigRequest,
  ValidateProviderConfigResponse,
  ValidateResourceConfigRequest,
  ValidateResponse,
} from "../interface.js";
import { privateWithClientToken } from "../private-data.js";
import { type Schema, impliedType } from "../schema.js";
import { clusterErrorDiag } from "./cluster-calls.js";
import { capacityData } from "./data/capacity.js";
import { type DataSourceType, nodesData } from "./data/nodes.js";
import { PlanPicture } from "./plan-picture.js";
import { redactDiagnostics, sensitiveStrings } from "./redact.js";
import { type PlainObject, fromPlain, toPlain, toPlainObject } from "./plain.js";
import type { ResourceType } from "./resource-type.js";
import { configResource } from "./resources/config.js";
import { namespaceResource } from "./resources/namespace.js";
import { nodeResource } from "./resources/node.js";
import { serviceResource } from "./resources/service.js";
import { volumeResource } from "./resources/volume.js";
import { workloadResource } from "./resources/workload.js";
import { STRING, STRING_LIST, optional } from "./schema-kit.js";
import { type ClusterTarget, loadClusterCode, type OpenSession, openSession, resolveTarget } from "./session.js";

export const clusterProviderAddr = Provider.implied("cluster");
export const clusterProviderSource = clusterProviderAddr.toString();

const RESOURCES: readonly ResourceType[] = [namespaceResource, nodeResource, volumeResource, workloadResource, configResource, serviceResource];
const DATA_SOURCES: readonly DataSourceType[] = [nodesData, capacityData];

export const clusterProviderSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      data_dir: optional(STRING, "Embedded cluster's data directory (default .cairn/cluster in the working directory)."),
      endpoint: optional(STRING, "A served cluster's URL (cairn cluster serve); also CAIRN_CLUSTER_ENDPOINT."),
      endpoints: optional(STRING_LIST, "Several API servers of one served cluster (cairn cluster serve on one etcd), tried in order: a server that cannot be reached or answers 5xx is left for the next; also CAIRN_CLUSTER_ENDPOINT=URL,URL."),
      token: optional(STRING, "The served cluster's bearer token; also CAIRN_CLUSTER_TOKEN.", { sensitive: true }),
      cluster_ca_certificate: optional(STRING, "PEM of the CA that signed the served cluster's certificate; also CAIRN_CLUSTER_CA_FILE (a file)."),
      config_path: optional(STRING, "A kubeconfig (e.g. from cairn cluster kubeconfig): server, CA, token or client certificate."),
      config_context: optional(STRING, "The kubeconfig context to use (default: its current-context)."),
    },
  },
};

export interface ClusterProviderOptions {
  /** Where a relative data_dir (and the default one) is resolved; the process's working directory by default. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export class ClusterProvider implements ProviderInterface {
  private readonly resources = new Map(RESOURCES.map((r) => [r.typeName, r] as const));
  private readonly dataSources = new Map(DATA_SOURCES.map((d) => [d.typeName, d] as const));
  private target: ClusterTarget | undefined;
  private opening: Promise<OpenSession> | undefined;
  /** The plan-time placement check's picture, accumulated over this instance's plan calls. */
  readonly picture = new PlanPicture();

  constructor(private readonly options: ClusterProviderOptions = {}) {}

  async getSchema(): Promise<GetSchemaResponse> {
    return {
      provider: clusterProviderSchema,
      resourceTypes: new Map(RESOURCES.map((r) => [r.typeName, r.schema] as const)),
      dataSources: new Map(DATA_SOURCES.map((d) => [d.typeName, d.schema] as const)),
      diagnostics: [],
    };
  }

  async validateProviderConfig(req: ValidateProviderConfigRequest): Promise<ValidateProviderConfigResponse> {
    const c = toPlainObject(req.config);
    const diagnostics: Diagnostic[] = [];
    const endpoints = Array.isArray(c.endpoints) ? c.endpoints : [];
    if (typeof c.data_dir === "string" && (typeof c.endpoint === "string" || endpoints.length > 0 || typeof c.config_path === "string"))
      diagnostics.push(errorDiag("Conflicting cluster settings", "Set either data_dir (embedded cluster) or endpoint / endpoints / config_path (served cluster), not both."));
    if (typeof c.endpoint === "string" && endpoints.length > 0) diagnostics.push(errorDiag("Conflicting cluster settings", "Set either endpoint (one API server) or endpoints (several), not both."));
    for (const e of endpoints) if (typeof e === "string" && !/^https?:\/\//.test(e)) diagnostics.push(errorDiag("Invalid cluster endpoint", `each of endpoints must be an http:// or https:// URL; got "${e}".`));
    if (typeof c.config_context === "string" && c.config_path === null) diagnostics.push(errorDiag("Invalid cluster provider configuration", "config_context needs config_path (the kubeconfig it names a context of)."));
    if (typeof c.endpoint === "string" && !/^https?:\/\//.test(c.endpoint)) diagnostics.push(errorDiag("Invalid cluster endpoint", `endpoint must be an http:// or https:// URL; got "${c.endpoint}".`));
    return { preparedConfig: req.config, diagnostics };
  }

  async validateResourceConfig(req: ValidateResourceConfigRequest): Promise<ValidateResponse> {
    const rt = this.resources.get(req.typeName);
    if (!rt) return { diagnostics: [unsupported("resource type", req.typeName)] };
    return { diagnostics: req.config.isNull() || !req.config.isKnown() ? [] : rt.validate(toPlainObject(req.config)) };
  }

  async validateDataResourceConfig(req: ValidateDataResourceConfigRequest): Promise<ValidateResponse> {
    return { diagnostics: this.dataSources.has(req.typeName) ? [] : [unsupported("data source", req.typeName)] };
  }

  async configureProvider(req: ConfigureProviderRequest): Promise<ConfigureProviderResponse> {
    const c = toPlainObject(req.config);
    const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
    const target = await resolveTarget(
      { dataDir: str(c.data_dir), endpoint: str(c.endpoint), endpoints: Array.isArray(c.endpoints) ? c.endpoints.filter((e): e is string => typeof e === "string") : null, token: str(c.token), clusterCaCertificate: str(c.cluster_ca_certificate), configPath: str(c.config_path), configContext: str(c.config_context) },
      this.options.cwd ?? process.cwd(),
      this.options.env ?? process.env,
    );
    if (typeof target === "string") return { diagnostics: [errorDiag("Invalid cluster provider configuration", target)] };
    this.target = target;
    return { diagnostics: [] };
  }

  /** As a plugin: the cluster's code loads between the configuration and the first call that needs it. */
  prepare(): void {
    if (this.target !== undefined) loadClusterCode().catch(() => undefined);
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    const rt = this.resources.get(req.typeName);
    if (!rt) return { newState: req.priorState, diagnostics: [unsupported("resource type", req.typeName)] };
    if (req.priorState.isNull()) return { newState: req.priorState, diagnostics: [] };
    const keep = req.private !== undefined ? { private: req.private } : {};
    return this.withSession(`Reading ${req.typeName}`, { newState: req.priorState, ...keep }, async (s) => {
      const now = await rt.read(s, toPlainObject(req.priorState));
      return { newState: now === null ? nullVal(impliedType(rt.schema.block)) : this.value(rt, now), ...keep, diagnostics: [] };
    });
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    const rt = this.resources.get(req.typeName);
    const base = { plannedState: req.proposedNewState, requiresReplace: [] as PathStep[][] as PlanResourceChangeResponse["requiresReplace"], ...(req.priorPrivate !== undefined ? { plannedPrivate: req.priorPrivate } : {}) };
    if (!rt) return { ...base, diagnostics: [unsupported("resource type", req.typeName)] };
    if (req.proposedNewState.isNull()) {
      if (!req.priorState.isNull()) rt.planDelete?.(toPlainObject(req.priorState), this.picture);
      return { ...base, diagnostics: [] };
    }
    const secrets = sensitiveStrings(toPlainObject(req.config), req.sensitiveConfigPaths);
    const planned = await this.withSession<PlanResourceChangeResponse>(`Planning ${req.typeName}`, base, async (session) => {
      const out = await rt.plan({
        prior: req.priorState.isNull() ? null : toPlainObject(req.priorState),
        proposed: toPlainObject(req.proposedNewState),
        config: toPlainObject(req.config),
        picture: this.picture,
        session,
        ...(req.address !== undefined ? { address: req.address } : {}),
      });
      const sensitivePaths = derivedSensitivePaths(rt, req.sensitiveConfigPaths);
      return {
        ...base,
        plannedState: this.value(rt, out.planned),
        requiresReplace: (out.requiresReplace ?? []).map((name) => [{ kind: "attr", name } as const]),
        ...(sensitivePaths.length > 0 ? { sensitivePaths } : {}),
        diagnostics: out.diagnostics ?? [],
      };
    });
    return { ...planned, diagnostics: redactDiagnostics(planned.diagnostics, secrets) };
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const rt = this.resources.get(req.typeName);
    if (!rt) return { newState: req.priorState, diagnostics: [unsupported("resource type", req.typeName)] };
    const prior = req.priorState.isNull() ? null : toPlainObject(req.priorState);
    const keepPrivate = req.plannedPrivate !== undefined ? { private: req.plannedPrivate } : {};
    if (req.plannedState.isNull()) {
      return this.withSession(`Deleting ${req.typeName}`, { newState: req.priorState, ...keepPrivate }, async (s) => {
        if (prior) await rt.delete(s, prior);
        return { newState: req.plannedState, diagnostics: [] };
      });
    }
    const planned = toPlainObject(req.plannedState);
    const verb = prior === null ? "Creating" : "Updating";
    const secrets = sensitiveStrings(toPlainObject(req.config), req.sensitiveConfigPaths);
    const applied = await this.withSession(`${verb} ${req.typeName}`, { newState: req.priorState, ...keepPrivate }, async (s) => {
      const out = prior === null ? await rt.create(s, planned, req.clientToken) : await rt.update(s, prior, planned);
      const priv = prior === null ? { private: privateWithClientToken(req.clientToken, req.plannedPrivate) } : keepPrivate;
      const diagnostics = out.diagnostics ?? [];
      if (out.state === undefined) {
        const d = hasErrors(diagnostics) ? diagnostics : [errorDiag(`${verb} ${req.typeName} failed`, "The object vanished right after it was written; run cairn apply again.")];
        return { newState: req.priorState, ...priv, diagnostics: d };
      }
      if (req.typeName === "cluster_workload" && typeof out.state.namespace === "string" && typeof out.state.name === "string") this.picture.workloadApplied(out.state.namespace, out.state.name);
      const sensitivePaths = derivedSensitivePaths(rt, req.sensitiveConfigPaths);
      return { newState: this.value(rt, out.state), ...priv, ...(sensitivePaths.length > 0 ? { sensitivePaths } : {}), diagnostics };
    });
    return { ...applied, diagnostics: redactDiagnostics(applied.diagnostics, secrets) };
  }

  async lookupByClientToken(req: LookupByClientTokenRequest): Promise<LookupByClientTokenResponse> {
    const rt = this.resources.get(req.typeName);
    if (!rt) return { diagnostics: [unsupported("resource type", req.typeName)] };
    return this.withSession(`Looking up ${req.typeName}`, {}, async (s) => {
      const found = await rt.findByClientToken(s, req.clientToken);
      return { ...(found ? { found: { state: this.value(rt, found), private: privateWithClientToken(req.clientToken) } } : {}), diagnostics: [] };
    });
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    const rt = this.resources.get(req.typeName);
    if (!rt) return { imported: [], diagnostics: [unsupported("resource type", req.typeName)] };
    const identity = rt.parseImportId(req.id);
    if (typeof identity === "string") return { imported: [], diagnostics: [errorDiag("Invalid import id", `${req.typeName}: ${identity}`)] };
    return this.withSession(`Importing ${req.typeName}`, { imported: [] }, async (s) => {
      const state = await rt.read(s, identity);
      if (state === null) {
        return { imported: [], diagnostics: [errorDiag("Cannot import non-existent remote object", `While attempting to import an existing object to ${req.typeName}, the provider detected that no object exists with the given id "${req.id}". Only pre-existing objects can be imported; check that the id is correct.`)] };
      }
      return { imported: [{ typeName: req.typeName, state: this.value(rt, state) }], diagnostics: [] };
    });
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    const ds = this.dataSources.get(req.typeName);
    if (!ds) return { state: nullVal(EmptyObjectType), diagnostics: [unsupported("data source", req.typeName)] };
    const type = impliedType(ds.schema.block);
    return this.withSession(`Reading data source ${req.typeName}`, { state: nullVal(type) }, async (s) => ({ state: fromPlain(await ds.read(s, toPlainObject(req.config)), type), diagnostics: [] }));
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    if (opening) await (await opening.catch(() => undefined))?.close();
  }

  private value(rt: ResourceType, p: PlainObject): Value {
    return fromPlain(p, impliedType(rt.schema.block));
  }

  /** Runs `fn` against the cluster, turning every failure (not configured, unreachable, API errors) into a diagnostic. */
  private async withSession<R extends { diagnostics: Diagnostic[] }>(what: string, onError: Omit<R, "diagnostics">, fn: (s: OpenSession) => Promise<R>): Promise<R> {
    if (this.target === undefined) {
      return { ...onError, diagnostics: [errorDiag("Provider not configured", `${what}: the cluster provider must be configured first (this is a bug in Cairn).`)] } as R;
    }
    try {
      this.opening ??= openSession(this.target);
      return await fn(await this.opening);
    } catch (e) {
      return { ...onError, diagnostics: [clusterErrorDiag(`${what} failed`, e)] } as R;
    }
  }
}

/**
 * Derived sensitivity (providers/interface.ts): the computed identities `id` (NAME, NS/NAME, NS/KIND/NAME)
 * and a volume's `volume_name` are made of the object's `name`, `namespace` and `kind`, so when any of
 * those is sensitive in the configuration they are reported sensitive too. Secret data needs nothing here:
 * cluster_config.sensitive_data is sensitive in the schema, and nothing computed copies it.
 */
const identitySources = new Set(["name", "namespace", "kind"]);
const identityDerived = ["id", "volume_name"];

function derivedSensitivePaths(rt: ResourceType, cfgPaths: PlanResourceChangeRequest["sensitiveConfigPaths"]): PathStep[][] {
  const fromIdentity = (cfgPaths ?? []).some((p) => p.length === 0 || (p[0]!.kind === "attr" && identitySources.has(p[0]!.name)));
  if (!fromIdentity) return [];
  const attrs = rt.schema.block.attributes ?? {};
  return identityDerived.filter((name) => attrs[name]?.computed === true).map((name) => [{ kind: "attr", name } as const]);
}

function unsupported(what: string, name: string): Diagnostic {
  return errorDiag(`Invalid ${what}`, `The provider ${clusterProviderSource} does not support ${what} "${name}".`);
}

/** For tests and the CLI: the plain form of a state value. */
export { toPlain };
