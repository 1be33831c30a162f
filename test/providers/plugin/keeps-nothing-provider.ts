// The part the test plugins share: a provider with one resource type that keeps nothing outside the state
// (a read returns what it is given), validates nothing, cannot import and has no data sources. Each test
// plugin adds its schema, plan and apply.

import { errorDiag } from "../../../lang/diagnostics.js";
import { objectOf } from "../../../lang/values/types.js";
import { unknownVal, type Value } from "../../../lang/values/value.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  GetSchemaResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ProviderInterface,
  ReadResourceRequest,
  ReadResourceResponse,
} from "../../../providers/interface.js";

export abstract class KeepsNothingProvider implements ProviderInterface {
  constructor(private readonly typeName: string) {}

  abstract getSchema(): Promise<GetSchemaResponse>;
  abstract planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  abstract applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;

  async validateProviderConfig(req: { config: Value }) {
    return { preparedConfig: req.config, diagnostics: [] };
  }
  async validateResourceConfig() {
    return { diagnostics: [] };
  }
  async validateDataResourceConfig() {
    return { diagnostics: [] };
  }
  async configureProvider() {
    return { diagnostics: [] };
  }
  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    return { newState: req.priorState, ...(req.private !== undefined ? { private: req.private } : {}), diagnostics: [] };
  }
  async lookupByClientToken() {
    return { diagnostics: [] };
  }
  async importResourceState() {
    return { imported: [], diagnostics: [errorDiag("Import not supported", `${this.typeName} cannot be imported.`)] };
  }
  async readDataSource() {
    return { state: unknownVal(objectOf({})), diagnostics: [errorDiag("No data sources", "This provider has no data sources.")] };
  }
  async close(): Promise<void> {}
}
