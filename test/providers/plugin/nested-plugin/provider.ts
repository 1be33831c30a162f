// A test plugin whose one resource type, `nested_thing`, has attributes of nested object types in every
// nesting mode (protocol 6's `nested_type`): single, list, set and map, with required, optional,
// optional+computed, computed-only and sensitive attributes inside them, and one sensitive as a whole. It keeps nothing outside the state
// (read returns what it is given), so Cairn and Terraform can both drive it. Served over the plugin protocol
// by main.ts; a real plugin process in the tests, as a provider from the registry would be.

import { errorDiag } from "../../../../lang/diagnostics.js";
import { listVal, mapVal, objectVal, rawEquals, stringVal, unknownVal, type Value } from "../../../../lang/values/value.js";
import { setVal } from "../../../../lang/values/set.js";
import { NumberType, StringType } from "../../../../lang/values/types.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  GetSchemaResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
} from "../../../../providers/interface.js";
import { KeepsNothingProvider } from "../keeps-nothing-provider.js";
import { getAttr } from "../../../../providers/objchange/index.js";
import { type AttributeSchema, type NestedAttributeType, nestedAttributeType, type Schema } from "../../../../providers/schema.js";

function nested(nestedType: NestedAttributeType, flags: Omit<AttributeSchema, "type" | "nestedType">): AttributeSchema {
  return { type: nestedAttributeType(nestedType), nestedType, ...flags };
}

const str = StringType;
const num = NumberType;

export const nestedThingSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      name: { type: str, required: true },
      id: { type: str, computed: true },
      settings: nested(
        {
          nesting: "single",
          attributes: {
            mode: { type: str, required: true },
            size: { type: num, optional: true },
            password: { type: str, optional: true, sensitive: true },
            fingerprint: { type: str, computed: true },
          },
        },
        { optional: true },
      ),
      rules: nested(
        {
          nesting: "list",
          attributes: {
            port: { type: num, required: true },
            protocol: { type: str, optional: true, computed: true },
          },
        },
        { optional: true },
      ),
      tags: nested({ nesting: "set", attributes: { key: { type: str, required: true }, value: { type: str, optional: true } } }, { optional: true }),
      limits: nested({ nesting: "map", attributes: { max: { type: num, required: true } } }, { optional: true }),
      status: nested({ nesting: "single", attributes: { phase: { type: str, computed: true } } }, { computed: true }),
      credentials: nested({ nesting: "single", attributes: { user: { type: str, required: true }, token: { type: str, optional: true } } }, { optional: true, sensitive: true }),
    },
  },
};

/** Walks a planned value and puts known values where the provider decides them (its computed attributes). */
function settle(v: Value, name: string, path: string): Value {
  if (!v.isKnown()) {
    if (path === "id") return stringVal(`nt-${name}`);
    if (path === "settings.fingerprint") return stringVal(`fp-${name}`);
    if (path === "rules.protocol") return stringVal("tcp");
    if (path === "status") return objectVal({ phase: stringVal("ready") });
    return v;
  }
  if (v.isNull()) return v;
  const t = v.type;
  if (t.kind === "object") {
    const out = new Map<string, Value>();
    for (const [k, e] of v.raw as ReadonlyMap<string, Value>) out.set(k, settle(e, name, path === "" ? k : `${path}.${k}`));
    return objectVal(out);
  }
  if (t.kind === "list") return listVal((v.raw as readonly Value[]).map((e) => settle(e, name, path)));
  if (t.kind === "set") return setVal((v.raw as readonly Value[]).map((e) => settle(e, name, path)));
  if (t.kind === "map") {
    const out = new Map<string, Value>();
    for (const [k, e] of v.raw as ReadonlyMap<string, Value>) out.set(k, settle(e, name, path));
    return mapVal(out);
  }
  return v;
}

/** What the plugin SDKs do for a create: every computed attribute the configuration left null is unknown. */
function unknownComputed(v: Value, prior: Value | undefined, attrs: Readonly<Record<string, AttributeSchema>>): Value {
  if (!v.isKnown() || v.isNull() || v.type.kind !== "object") return v;
  const out = new Map<string, Value>();
  for (const [k, e] of v.raw as ReadonlyMap<string, Value>) {
    const a = attrs[k];
    const p = prior === undefined || prior.isNull() || !prior.isKnown() ? undefined : (prior.raw as ReadonlyMap<string, Value>).get(k);
    if (a?.computed === true && e.isKnown() && e.isNull()) out.set(k, p !== undefined && !p.isNull() ? p : unknownVal(a.type));
    else if (a?.nestedType !== undefined && e.isKnown() && !e.isNull()) out.set(k, mapObjects(e, a.nestedType, (o) => unknownComputed(o, undefined, a.nestedType!.attributes)));
    else out.set(k, e);
  }
  return objectVal(out);
}

function mapObjects(v: Value, nt: NestedAttributeType, f: (o: Value) => Value): Value {
  switch (nt.nesting) {
    case "single":
      return f(v);
    case "list":
      return (v.raw as readonly Value[]).length === 0 ? v : listVal((v.raw as readonly Value[]).map(f));
    case "set":
      return (v.raw as readonly Value[]).length === 0 ? v : setVal((v.raw as readonly Value[]).map(f));
    case "map": {
      const out = new Map<string, Value>();
      for (const [k, e] of v.raw as ReadonlyMap<string, Value>) out.set(k, f(e));
      return out.size === 0 ? v : mapVal(out);
    }
  }
}

export class NestedThingProvider extends KeepsNothingProvider {
  constructor() {
    super("nested_thing");
  }
  async getSchema(): Promise<GetSchemaResponse> {
    return { provider: { version: 0, block: {} }, resourceTypes: new Map([["nested_thing", nestedThingSchema]]), dataSources: new Map(), diagnostics: [] };
  }
  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    if (req.proposedNewState.isNull()) return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: [] };
    const prior = req.priorState.isNull() ? undefined : req.priorState;
    const planned = unknownComputed(req.proposedNewState, prior, nestedThingSchema.block.attributes!);
    const requiresReplace = prior !== undefined && !rawEquals(getAttr(prior, "name"), getAttr(planned, "name")) ? [[{ kind: "attr" as const, name: "name" }]] : [];
    return { plannedState: planned, requiresReplace, diagnostics: [] };
  }
  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    if (req.plannedState.isNull()) return { newState: req.plannedState, diagnostics: [] };
    const name = getAttr(req.plannedState, "name");
    if (!name.isKnown()) return { newState: req.priorState, diagnostics: [errorDiag("Unknown name", "The name must be known to apply.")] };
    return { newState: settle(req.plannedState, name.asString(), ""), diagnostics: [] };
  }
}
