// A test plugin whose one resource type, `versioned_thing`, is at schema version 2 and has renamed its one
// argument twice: version 0 stored it as `title`, version 1 as `label`, version 2 as `name`. Its
// UpgradeResourceState turns any of them into the current layout, so Cairn and Terraform can both be
// checked against a state written by an old release of it. It keeps nothing outside the state.

import { errorDiag } from "../../../../lang/diagnostics.js";
import { parseJsonExact } from "../../../../lang/values/json-exact.js";
import { objectVal, stringVal, unknownVal } from "../../../../lang/values/value.js";
import { StringType } from "../../../../lang/values/types.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  GetSchemaResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
} from "../../../../providers/interface.js";
import { KeepsNothingProvider } from "../keeps-nothing-provider.js";
import { getAttr } from "../../../../providers/objchange/index.js";
import type { Schema } from "../../../../providers/schema.js";

export const versionedThingSchema: Schema = {
  version: 2,
  block: { attributes: { name: { type: StringType, required: true }, id: { type: StringType, computed: true } } },
};

/** The argument's name in each schema version. */
const argumentOf = ["title", "label", "name"];

export class VersionedThingProvider extends KeepsNothingProvider {
  constructor() {
    super("versioned_thing");
  }
  async getSchema(): Promise<GetSchemaResponse> {
    return { provider: { version: 0, block: {} }, resourceTypes: new Map([["versioned_thing", versionedThingSchema]]), dataSources: new Map(), diagnostics: [] };
  }
  async upgradeResourceState(req: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse> {
    const parsed = parseJsonExact(req.rawStateJson);
    const stored = parsed.ok && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
    const name = stored?.[argumentOf[req.version] ?? ""];
    const id = stored?.id;
    if (typeof name !== "string" || typeof id !== "string") {
      return { diagnostics: [errorDiag("Cannot upgrade versioned_thing", `The stored object has no string "id" and "${argumentOf[req.version] ?? "?"}" for schema version ${req.version}.`)] };
    }
    return { upgradedState: objectVal({ name: stringVal(name), id: stringVal(id) }), diagnostics: [] };
  }
  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    if (req.proposedNewState.isNull()) return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: [] };
    const id = req.priorState.isNull() ? unknownVal(StringType) : getAttr(req.priorState, "id");
    return { plannedState: objectVal({ name: getAttr(req.proposedNewState, "name"), id }), requiresReplace: [], diagnostics: [] };
  }
  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    if (req.plannedState.isNull()) return { newState: req.plannedState, diagnostics: [] };
    const name = getAttr(req.plannedState, "name");
    const id = getAttr(req.plannedState, "id");
    return { newState: objectVal({ name, id: id.isKnown() ? id : name }), diagnostics: [] };
  }
}
