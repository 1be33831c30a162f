// A test-only provider, `example.com/test/test`, for planner and apply tests: the resource `test_thing`
// (required, optional, computed, optional+computed, sensitive and forces-replacement attributes, a nested
// `rule` block) and a data source `test_thing` that looks a thing up by name. Objects live in a
// TestThingCloud shared between provider instances, with their client tokens, so lookupByClientToken works
// as a real provider's would. Failures are injected per thing name (failOnApply), every call is logged
// (calls), and configured-lifecycle calls before configureProvider are refused as a real provider would.

import { Provider } from "../../../addrs/index.js";
import { type Diagnostic, errorDiag } from "../../../lang/diagnostics.js";
import { type Value, listVal, nullVal, objectVal, stringVal } from "../../../lang/values/value.js";
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
} from "../../../providers/interface.js";
import { getAttr } from "../../../providers/objchange/index.js";
import { privateWithClientToken } from "../../../providers/private-data.js";
import type { ProviderRegistry } from "../../../providers/registry.js";
import { impliedType } from "../../../providers/schema.js";
import { TestThingCloud } from "./test-thing-cloud.js";
import { testProviderConfigSchema, testThingDataSchema, testThingSchema, testThingType } from "./test-thing-schema.js";

export const testProviderAddr = new Provider("example.com", "test", "test");

/** How an injected apply failure behaves. */
export type FailureMode =
  /** The provider fails before touching anything: no object exists afterwards. */
  | "before"
  /** The object is created (or updated) and then an error is returned with its state: Terraform taints it. */
  | "after";

export interface ProviderCall {
  readonly method: string;
  readonly typeName?: string;
  /** The thing's name, where the request has one. */
  readonly name?: string;
}

export class TestThingProvider implements ProviderInterface {
  readonly calls: ProviderCall[] = [];
  private readonly failures = new Map<string, FailureMode>();
  private configured = false;
  /** The `region` this instance was configured with (which provider configuration a resource used). */
  region: string | undefined;
  private closed = false;

  constructor(
    readonly cloud: TestThingCloud = new TestThingCloud(),
    private readonly applyDelayMs = 0,
  ) {}

  /** Makes applyResourceChange fail for the thing with this name (create, update or delete). */
  failOnApply(name: string, mode: FailureMode = "before"): this {
    this.failures.set(name, mode);
    return this;
  }

  async getSchema(): Promise<GetSchemaResponse> {
    this.log("getSchema");
    return {
      provider: testProviderConfigSchema,
      resourceTypes: new Map([[testThingType, testThingSchema]]),
      dataSources: new Map([[testThingType, testThingDataSchema]]),
      diagnostics: [],
    };
  }

  async validateProviderConfig(req: ValidateProviderConfigRequest): Promise<ValidateProviderConfigResponse> {
    this.log("validateProviderConfig");
    const region = getAttr(req.config, "region");
    const diagnostics =
      region.isKnown() && !region.isNull() && region.asString() === ""
        ? [errorDiag("Invalid region", "The region must not be empty; leave it unset for the default region.")]
        : [];
    return { preparedConfig: req.config, diagnostics };
  }

  async validateResourceConfig(req: ValidateResourceConfigRequest): Promise<ValidateResponse> {
    this.log("validateResourceConfig", req.typeName, req.config);
    const bad = this.checkResourceType(req.typeName);
    if (bad.length > 0) return { diagnostics: bad };
    const size = getAttr(req.config, "size");
    if (size.isKnown() && !size.isNull() && size.asNumber().isNegative()) {
      return { diagnostics: [errorDiag("Invalid size", `The size must be zero or more; got ${size.asNumber().toString()}.`)] };
    }
    return { diagnostics: [] };
  }

  async validateDataResourceConfig(req: ValidateDataResourceConfigRequest): Promise<ValidateResponse> {
    this.log("validateDataResourceConfig", req.typeName, req.config);
    return { diagnostics: this.checkDataType(req.typeName) };
  }

  async configureProvider(req: ConfigureProviderRequest): Promise<ConfigureProviderResponse> {
    this.log("configureProvider");
    this.configured = true;
    const region = getAttr(req.config, "region");
    this.region = region.isKnown() && !region.isNull() ? region.asString() : undefined;
    return { diagnostics: [] };
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    this.log("readResource", req.typeName, req.priorState);
    const bad = [...this.checkConfigured(), ...this.checkResourceType(req.typeName)];
    if (bad.length > 0) return { newState: req.priorState, diagnostics: bad };
    const obj = this.cloud.get(idOf(req.priorState));
    if (obj === undefined) return { newState: nullVal(impliedType(testThingSchema.block)), diagnostics: [] };
    return { newState: obj.state, ...(req.private !== undefined ? { private: req.private } : {}), diagnostics: [] };
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    this.log("planResourceChange", req.typeName, req.proposedNewState);
    const bad = [...this.checkConfigured(), ...this.checkResourceType(req.typeName)];
    const passThrough = { plannedState: req.proposedNewState, requiresReplace: [] };
    if (bad.length > 0) return { ...passThrough, diagnostics: bad };
    if (req.proposedNewState.isNull()) return { ...passThrough, diagnostics: [] };
    const planned = new Map(req.proposedNewState.asEntries());
    // Nested rules without a protocol get the default, known at plan time.
    planned.set("rule", mapRules(getAttr(req.proposedNewState, "rule"), (rule) => withDefault(rule, "protocol", "tcp")));
    const requiresReplace =
      !req.priorState.isNull() && getAttr(req.priorState, "name").asString() !== getAttr(req.proposedNewState, "name").asString()
        ? [[{ kind: "attr" as const, name: "name" }]]
        : [];
    return {
      plannedState: objectVal(planned),
      requiresReplace,
      ...(req.priorPrivate !== undefined ? { plannedPrivate: req.priorPrivate } : {}),
      diagnostics: [],
    };
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const subject = req.plannedState.isNull() ? req.priorState : req.plannedState;
    const name = nameOf(subject);
    this.log("applyResourceChange", req.typeName, subject);
    const bad = [...this.checkConfigured(), ...this.checkResourceType(req.typeName)];
    if (bad.length > 0) return { newState: req.priorState, diagnostics: bad };
    if (this.applyDelayMs > 0) await new Promise((r) => setTimeout(r, this.applyDelayMs));

    const failure = name === undefined ? undefined : this.failures.get(name);
    const failed = (): Diagnostic[] => [
      errorDiag("Error applying test_thing", `The test provider was told to fail for the thing named "${name}".`),
    ];
    if (failure === "before") return { newState: req.priorState, diagnostics: failed() };

    if (req.plannedState.isNull()) {
      this.cloud.delete(idOf(req.priorState));
      return { newState: req.plannedState, diagnostics: [] };
    }
    const creating = req.priorState.isNull();
    const id = creating ? this.cloud.newId() : idOf(req.priorState);
    const state = resolveUnknowns(req.plannedState, id);
    const clientToken = creating ? req.clientToken : (this.cloud.get(id)?.clientToken ?? req.clientToken);
    this.cloud.put({ id, state, clientToken });
    const priv = creating ? privateWithClientToken(req.clientToken, req.plannedPrivate) : req.plannedPrivate;
    return {
      newState: state,
      ...(priv !== undefined ? { private: priv } : {}),
      diagnostics: failure === "after" ? failed() : [],
    };
  }

  async lookupByClientToken(req: LookupByClientTokenRequest): Promise<LookupByClientTokenResponse> {
    this.log("lookupByClientToken", req.typeName);
    const bad = [...this.checkConfigured(), ...this.checkResourceType(req.typeName)];
    if (bad.length > 0) return { diagnostics: bad };
    const obj = this.cloud.findByToken(req.clientToken);
    if (obj === undefined) return { diagnostics: [] };
    return { found: { state: obj.state, private: privateWithClientToken(obj.clientToken) }, diagnostics: [] };
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    this.log("importResourceState", req.typeName);
    const bad = [...this.checkConfigured(), ...this.checkResourceType(req.typeName)];
    if (bad.length > 0) return { imported: [], diagnostics: bad };
    const obj = this.cloud.get(req.id);
    if (obj === undefined) {
      return {
        imported: [],
        diagnostics: [
          errorDiag(
            "Cannot import non-existent remote object",
            `While attempting to import an existing object to "${req.typeName}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "cairn apply" to create a new remote object for this resource.`,
          ),
        ],
      };
    }
    return { imported: [{ typeName: req.typeName, state: obj.state, private: privateWithClientToken(obj.clientToken) }], diagnostics: [] };
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    const name = nameOf(req.config);
    this.log("readDataSource", req.typeName, req.config);
    const bad = [...this.checkConfigured(), ...this.checkDataType(req.typeName)];
    if (bad.length > 0) return { state: req.config, diagnostics: bad };
    const obj = name === undefined ? undefined : this.cloud.findByName(name);
    if (obj === undefined) {
      return { state: req.config, diagnostics: [errorDiag("Thing not found", `No test_thing is named "${name ?? ""}".`)] };
    }
    const state = objectVal({
      name: getAttr(obj.state, "name"),
      id: getAttr(obj.state, "id"),
      size: getAttr(obj.state, "size"),
      zone: getAttr(obj.state, "zone"),
    });
    return { state, diagnostics: [] };
  }

  async close(): Promise<void> {
    this.log("close");
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private log(method: string, typeName?: string, obj?: Value): void {
    const name = obj === undefined ? undefined : nameOf(obj);
    this.calls.push({ method, ...(typeName !== undefined ? { typeName } : {}), ...(name !== undefined ? { name } : {}) });
  }

  private checkConfigured(): Diagnostic[] {
    return this.configured ? [] : [errorDiag("Provider not configured", "configureProvider must be called before this operation.")];
  }

  private checkResourceType(typeName: string): Diagnostic[] {
    return typeName === testThingType
      ? []
      : [errorDiag("Invalid resource type", `The provider ${testProviderAddr.toString()} does not support resource type "${typeName}".`)];
  }

  private checkDataType(typeName: string): Diagnostic[] {
    return typeName === testThingType
      ? []
      : [errorDiag("Invalid data source", `The provider ${testProviderAddr.toString()} does not support data source "${typeName}".`)];
  }
}

/** Registers the test provider on a registry; every instance shares `cloud`. */
export function registerTestProvider(registry: ProviderRegistry, cloud: TestThingCloud = new TestThingCloud()): TestThingCloud {
  registry.register(testProviderAddr, () => new TestThingProvider(cloud));
  return cloud;
}

function nameOf(v: Value): string | undefined {
  const n = getAttr(v, "name");
  return n.isKnown() && !n.isNull() && n.type.kind === "string" ? n.asString() : undefined;
}

function idOf(v: Value): string {
  const id = getAttr(v, "id");
  return id.isKnown() && !id.isNull() ? id.asString() : "";
}

/** The object with `attr` set to `value` when it is null or unknown. */
function withDefault(obj: Value, attr: string, value: string): Value {
  const cur = getAttr(obj, attr);
  if (cur.isKnown() && !cur.isNull()) return obj;
  const m = new Map(obj.asEntries());
  m.set(attr, stringVal(value));
  return objectVal(m);
}

function mapRules(rules: Value, f: (rule: Value) => Value): Value {
  if (!rules.isKnown() || rules.isNull() || rules.length() === 0) return rules;
  return listVal(rules.asElements().map(f));
}

/** The state after apply: everything known; computed values the plan left unknown are decided now. */
function resolveUnknowns(planned: Value, id: string): Value {
  const m = new Map(planned.asEntries());
  m.set("id", stringVal(id));
  if (!getAttr(planned, "zone").isKnown() || getAttr(planned, "zone").isNull()) m.set("zone", stringVal("zone-a"));
  m.set("rule", mapRules(getAttr(planned, "rule"), (rule) => withDefault(rule, "protocol", "tcp")));
  return objectVal(m);
}
