// The provider interface: request/response objects split by lifecycle, as OpenTofu's providers.Interface.
//
// Unconfigured (callable on a fresh instance): getSchema, validateProviderConfig, validateResourceConfig,
// validateDataResourceConfig, configureProvider. Configured (only after configureProvider succeeded):
// readResource, planResourceChange, applyResourceChange, lookupByClientToken, importResourceState,
// readDataSource. close() ends the instance.
//
// Every response carries diagnostics; a provider never throws for a user's or the remote system's error.
// Values are lang Values conforming to the schema's implied type (providers/schema.ts impliedType).
// A null Value stands for "no object": prior state of a create, proposed/planned state of a delete, the
// result of reading an object that is gone. Values crossing this boundary carry no marks: the planner
// removes `sensitive` marks before calling and puts them back (by path and by schema) on what it receives,
// as Terraform core does.
//
// Sensitivity of derived values (an addition to Terraform's protocol): the marks the planner puts back are
// those of the configuration, by path, and the schema's `sensitive` attributes. A computed attribute derived
// from a sensitive argument (terraform_data's `output` from `input`) has neither, so planResourceChange and
// applyResourceChange tell the provider where the configuration was sensitive (`sensitiveConfigPaths`), and
// the provider may answer with paths of the planned or new state that must be sensitive too
// (`sensitivePaths`). The planner marks the union of the three; state's sensitive_attributes and every
// rendering follow from the marks. Both fields are optional, so providers that ignore them keep working
// (and lose only what they would have lost before).
//
// Every method returns a Promise so that out-of-process providers (the cluster provider speaks HTTP) fit
// the same interface as in-process ones.

import type { Diagnostic } from "../lang/diagnostics.js";
import type { PathStep } from "../lang/values/convert.js";
import type { Value } from "../lang/values/value.js";
import type { Schema } from "./schema.js";

/** A path into an object value (cty.Path): `.triggers_replace`, `.rule[0].port`. */
export type AttributePath = readonly PathStep[];

export interface GetSchemaResponse {
  /** The schema of the `provider` block. */
  readonly provider: Schema;
  readonly resourceTypes: ReadonlyMap<string, Schema>;
  readonly dataSources: ReadonlyMap<string, Schema>;
  readonly diagnostics: Diagnostic[];
}

export interface ValidateProviderConfigRequest {
  readonly config: Value;
}
export interface ValidateProviderConfigResponse {
  /** The configuration with provider-side defaults inserted; the planner uses it for configureProvider. */
  readonly preparedConfig: Value;
  readonly diagnostics: Diagnostic[];
}

export interface ValidateResourceConfigRequest {
  readonly typeName: string;
  /** May contain unknown values: validation runs before anything is known. */
  readonly config: Value;
}
export interface ValidateDataResourceConfigRequest {
  readonly typeName: string;
  readonly config: Value;
}
export interface ValidateResponse {
  readonly diagnostics: Diagnostic[];
}

export interface ConfigureProviderRequest {
  /** Cairn's version, for providers that tell the remote side who calls (Terraform's TerraformVersion). */
  readonly cairnVersion: string;
  readonly config: Value;
}
export interface ConfigureProviderResponse {
  readonly diagnostics: Diagnostic[];
}

export interface UpgradeResourceStateRequest {
  readonly typeName: string;
  /** The schema version the stored object was written with. */
  readonly version: number;
  /** The stored object's attributes as JSON text, as the state holds them. */
  readonly rawStateJson: string;
}
export interface UpgradeResourceStateResponse {
  /** The object in the current schema's type; absent when the diagnostics hold an error, or when the stored object stays as it is. */
  readonly upgradedState?: Value;
  readonly diagnostics: Diagnostic[];
}

export interface ReadResourceRequest {
  readonly typeName: string;
  readonly priorState: Value;
  /** The opaque private data stored with the object in state (base64 text), if any. */
  readonly private?: string;
}
export interface ReadResourceResponse {
  /** The object as it is now; a null Value when it no longer exists (the planner then plans a create). */
  readonly newState: Value;
  readonly private?: string;
  readonly diagnostics: Diagnostic[];
}

export interface PlanResourceChangeRequest {
  readonly typeName: string;
  /** The resource instance's address, for messages that must name it alongside another (Terraform's protocol
   * has no such field; a built-in provider uses it to name both resources of a conflict). */
  readonly address?: string;
  /** Null for a create. */
  readonly priorState: Value;
  /** providers/objchange proposedNewState(schema, prior, config); null for a delete. */
  readonly proposedNewState: Value;
  /** The configuration as evaluated (may hold unknowns); null for a delete. */
  readonly config: Value;
  readonly priorPrivate?: string;
  /** Paths of `config` (and so of the proposed state) at which the configuration's value is sensitive. */
  readonly sensitiveConfigPaths?: readonly AttributePath[];
}
export interface PlanResourceChangeResponse {
  /** The state expected after apply, with unknown values where the result is not yet known. */
  readonly plannedState: Value;
  /**
   * Attribute paths whose change cannot be applied in place: the planner plans a replace and marks them
   * `# forces replacement`. (Attributes with forcesReplacement in the schema are added by the planner.)
   */
  readonly requiresReplace: AttributePath[];
  readonly plannedPrivate?: string;
  /**
   * Paths of `plannedState` that must be sensitive beyond the configuration's and the schema's: attributes
   * the provider derives from sensitive arguments. A path may end at an unknown value (the mark then
   * covers whatever it becomes).
   */
  readonly sensitivePaths?: AttributePath[];
  readonly diagnostics: Diagnostic[];
}

export interface ApplyResourceChangeRequest {
  readonly typeName: string;
  /** Null for a create. */
  readonly priorState: Value;
  /** Null for a delete. */
  readonly plannedState: Value;
  readonly config: Value;
  readonly plannedPrivate?: string;
  /** As in PlanResourceChangeRequest: where the configuration's value is sensitive. */
  readonly sensitiveConfigPaths?: readonly AttributePath[];
  /**
   * A token unique to this operation. For a create, the planner records it in a durable intent before the
   * call; the provider stores it with the object it creates (a tag, a label, its private data) so that
   * lookupByClientToken can find the object after a crash. Providers may ignore it for updates and deletes.
   */
  readonly clientToken: string;
}
export interface ApplyResourceChangeResponse {
  /** The object as created or updated, wholly known; a null Value after a delete. */
  readonly newState: Value;
  /** Opaque private data to store with the object in state. */
  readonly private?: string;
  /** As in PlanResourceChangeResponse, for `newState`; the planner also keeps the marks it planned. */
  readonly sensitivePaths?: AttributePath[];
  readonly diagnostics: Diagnostic[];
  /**
   * Set when the provider cannot say whether the change happened (a plugin process that died during the
   * call). A create's intent then stays pending in the journal, and the next run looks the object up by its
   * client token instead of creating it again.
   */
  readonly outcomeUnknown?: boolean;
}

/** An object the planner already holds, offered to a provider whose objects exist only in state. */
export interface RecordedObject {
  readonly state: Value;
  readonly private?: string;
}

export interface LookupByClientTokenRequest {
  readonly typeName: string;
  readonly clientToken: string;
  /**
   * What the planner's state and journal hold for the intent's address, if anything. Providers that manage
   * remote objects search the remote side and ignore this; a provider whose objects live only in state
   * (terraform_data) can only recognise its object here. See providers/terraform/provider.ts.
   */
  readonly recorded?: RecordedObject;
}
export interface LookupByClientTokenResponse {
  /** The object created with the token, to adopt into state; undefined when there is none. */
  readonly found?: RecordedObject;
  readonly diagnostics: Diagnostic[];
}

export interface ImportResourceStateRequest {
  readonly typeName: string;
  /** The import ID the user gave (`cairn import ADDR ID`, an import block's `id`). */
  readonly id: string;
}
export interface ImportedResource {
  readonly typeName: string;
  readonly state: Value;
  readonly private?: string;
}
export interface ImportResourceStateResponse {
  /** The planner reads each imported object (readResource) before it is written to state. */
  readonly imported: ImportedResource[];
  readonly diagnostics: Diagnostic[];
}

export interface ReadDataSourceRequest {
  readonly typeName: string;
  /** Wholly known: a data source whose configuration has unknowns is read during apply instead. */
  readonly config: Value;
}
export interface ReadDataSourceResponse {
  readonly state: Value;
  readonly diagnostics: Diagnostic[];
}

export interface ProviderInterface {
  // Unconfigured.
  getSchema(): Promise<GetSchemaResponse>;
  validateProviderConfig(req: ValidateProviderConfigRequest): Promise<ValidateProviderConfigResponse>;
  validateResourceConfig(req: ValidateResourceConfigRequest): Promise<ValidateResponse>;
  validateDataResourceConfig(req: ValidateDataResourceConfigRequest): Promise<ValidateResponse>;
  configureProvider(req: ConfigureProviderRequest): Promise<ConfigureProviderResponse>;
  /**
   * Converts an object stored by this or an earlier schema version to the current schema (Terraform asks
   * before every read of a managed object from state). Optional: a provider without it reads its state with
   * the current schema as it is.
   */
  upgradeResourceState?(req: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse>;
  // Configured.
  readResource(req: ReadResourceRequest): Promise<ReadResourceResponse>;
  planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;
  lookupByClientToken(req: LookupByClientTokenRequest): Promise<LookupByClientTokenResponse>;
  importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse>;
  readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse>;
  /**
   * Optional: the provider was configured through a plugin server and its client will call it next. The
   * server calls it once the configuration's answer has gone, so that what the first operations need (code,
   * not state: nothing may be created here) loads while the client does its own work, not on its first call.
   */
  prepare?(): void;
  /** Releases connections and processes; the instance is unusable afterwards. */
  close(): Promise<void>;
}
