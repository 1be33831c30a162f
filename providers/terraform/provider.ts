// The built-in provider `terraform.io/builtin/terraform`: the `terraform_data` resource type and the
// `terraform_remote_state` data source (remote-state.ts), which reads another configuration's outputs.
//
// Crash recovery for objects that live only in state
// ---------------------------------------------------
// The planner records a durable intent (address, client token) before every create and journals the
// result after it. For a provider with remote objects, lookupByClientToken searches the remote side for an
// object carrying the token, so an object created just before a crash is adopted instead of duplicated.
// A terraform_data object has no remote side: it exists once its result is journaled, and nowhere else.
// So after a crash:
// - the result was journaled: replay has already put the object into state and resolved the intent;
// - it was not: the object existed only in the crashed process's memory. Nothing can be lost or
//   duplicated; lookupByClientToken answers "not found", the planner abandons the intent and plans the
//   create again (the new object gets a new id).
// The planner passes what its state and journal hold for the intent's address as `recorded`; this provider
// recognises its object only there, by the token stored in the object's private data at create. That
// keeps the planner's recovery uniform (always ask the provider, adopt or abandon) and explicit about
// where a state-only object can be found.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { EmptyObjectType } from "../../lang/values/types.js";
import { nullVal } from "../../lang/values/value.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
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
import { clientTokenFromPrivate } from "../private-data.js";
import { getAttr } from "../objchange/index.js";
import {
  applyDataResource,
  dataResourceSchema,
  dataResourceTypeName,
  derivedSensitivePaths,
  importDataResource,
  planDataResource,
  validateDataResource,
} from "./data-resource.js";
import { readRemoteState, remoteStateSchema, remoteStateTypeName, validateRemoteState } from "./remote-state.js";

export const terraformProviderSource = "terraform.io/builtin/terraform";

export interface TerraformProviderOptions {
  /** The id of a new terraform_data object; a random UUID unless a test needs predictable ids. */
  readonly generateId?: () => string;
  /** Where terraform_remote_state's relative paths start: the working directory (default: the process's). */
  readonly workingDir?: string;
  /** The environment terraform_remote_state's backends read (PG_CONN_STR, PG_SCHEMA_NAME; default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
}

export class TerraformProvider implements ProviderInterface {
  private readonly generateId: () => string;
  private readonly workingDir: string | undefined;
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(options: TerraformProviderOptions = {}) {
    this.generateId = options.generateId ?? (() => crypto.randomUUID());
    this.workingDir = options.workingDir;
    this.env = options.env;
  }

  async getSchema(): Promise<GetSchemaResponse> {
    return {
      provider: { version: 0, block: {} },
      resourceTypes: new Map([[dataResourceTypeName, dataResourceSchema]]),
      dataSources: new Map([[remoteStateTypeName, remoteStateSchema]]),
      diagnostics: [],
    };
  }

  async validateProviderConfig(req: ValidateProviderConfigRequest): Promise<ValidateProviderConfigResponse> {
    // Nothing to configure.
    return { preparedConfig: req.config, diagnostics: [] };
  }

  async validateResourceConfig(req: ValidateResourceConfigRequest): Promise<ValidateResponse> {
    const unsupported = checkType(req.typeName);
    if (unsupported.length > 0) return { diagnostics: unsupported };
    return { diagnostics: validateDataResource(req.config) };
  }

  async validateDataResourceConfig(req: ValidateDataResourceConfigRequest): Promise<ValidateResponse> {
    if (req.typeName === remoteStateTypeName) return { diagnostics: validateRemoteState(req.config) };
    return { diagnostics: [unsupportedDataSource(req.typeName)] };
  }

  async configureProvider(): Promise<ConfigureProviderResponse> {
    return { diagnostics: [] };
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    const diagnostics = checkType(req.typeName);
    // The state is the object: it is always exactly as recorded.
    return { newState: req.priorState, ...(req.private !== undefined ? { private: req.private } : {}), diagnostics };
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    const diagnostics = checkType(req.typeName);
    if (diagnostics.length > 0) return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics };
    const plan = planDataResource(req.priorState, req.proposedNewState);
    const sensitivePaths = plan.plannedState.isNull() ? [] : derivedSensitivePaths(req.sensitiveConfigPaths, getAttr(plan.plannedState, "output"));
    // Optional fields set only when present, without spreads: this runs for every object of a plan.
    const resp: { -readonly [K in keyof PlanResourceChangeResponse]: PlanResourceChangeResponse[K] } = { plannedState: plan.plannedState, requiresReplace: plan.requiresReplace, diagnostics };
    if (req.priorPrivate !== undefined) resp.plannedPrivate = req.priorPrivate;
    if (sensitivePaths.length > 0) resp.sensitivePaths = sensitivePaths;
    return resp;
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    const diagnostics = checkType(req.typeName);
    if (diagnostics.length > 0) return { newState: req.priorState, diagnostics };
    const applied = applyDataResource(req.priorState, req.plannedState, req.plannedPrivate, req.clientToken, this.generateId);
    const sensitivePaths = req.plannedState.isNull() ? [] : derivedSensitivePaths(req.sensitiveConfigPaths);
    return { ...applied, ...(sensitivePaths.length > 0 ? { sensitivePaths } : {}), diagnostics };
  }

  async lookupByClientToken(req: LookupByClientTokenRequest): Promise<LookupByClientTokenResponse> {
    const diagnostics = checkType(req.typeName);
    const r = req.recorded;
    if (diagnostics.length > 0 || r === undefined || r.state.isNull()) return { diagnostics };
    if (clientTokenFromPrivate(r.private) !== req.clientToken) return { diagnostics };
    return { found: r, diagnostics };
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    const diagnostics = checkType(req.typeName);
    if (diagnostics.length > 0) return { imported: [], diagnostics };
    return { imported: [{ typeName: req.typeName, state: importDataResource(req.id) }], diagnostics };
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    if (req.typeName === remoteStateTypeName) {
      const r = await readRemoteState(req.config, this.workingDir ?? process.cwd(), this.env ?? process.env);
      return { state: r.state, diagnostics: r.diagnostics };
    }
    return { state: nullVal(EmptyObjectType), diagnostics: [unsupportedDataSource(req.typeName)] };
  }

  async close(): Promise<void> {
    // In-process and stateless: nothing to release.
  }
}

function checkType(typeName: string): Diagnostic[] {
  if (typeName === dataResourceTypeName) return [];
  return [
    errorDiag(
      "Invalid resource type",
      `The provider ${terraformProviderSource} does not support resource type "${typeName}".`,
    ),
  ];
}

function unsupportedDataSource(typeName: string): Diagnostic {
  return errorDiag("Unsupported data source", `The provider ${terraformProviderSource} does not support data source "${typeName}".`);
}
