// Builders for plan-rendering test inputs, made of the planner's real types (addresses parsed from their
// strings, planner Values, BlockSpecs).

import { parseAbsProviderConfigStr } from "../../../addrs/parse-provider.js";
import { parseAbsResourceInstanceStr } from "../../../addrs/parse-target.js";
import { OutputValue } from "../../../addrs/named-values.js";
import { ModuleInstance } from "../../../addrs/module.js";
import type { AbsResourceInstance } from "../../../addrs/resource.js";
import type { AbsProviderConfig } from "../../../addrs/provider.js";
import type { BlockSpec } from "../../../config/schema.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf, mapOf, objectOf, setOf } from "../../../lang/values/types.js";
import { type Value, nullVal } from "../../../lang/values/value.js";
import type { Action, ActionReason, OutputChange, Path, Plan, PlanMode, ResourceInstanceChange } from "../../../planner/plan/model.js";
import { emptyState } from "../../../state/model.js";
import type { SchemaLookup } from "../../../cmd/views/plan/index.js";

export function addr(s: string): AbsResourceInstance {
  const r = parseAbsResourceInstanceStr(s);
  if (r.addr === undefined) throw new Error(`bad address in test: ${s}`);
  return r.addr;
}

export function provider(s: string): AbsProviderConfig {
  const r = parseAbsProviderConfigStr(s);
  if (r.addr === undefined) throw new Error(`bad provider in test: ${s}`);
  return r.addr;
}

export const builtinProvider = 'provider["terraform.io/builtin/terraform"]';
export const testProvider = 'provider["registry.terraform.io/hashicorp/test"]';

/** terraform_data's schema, as Terraform's built-in provider declares it. */
export const terraformDataSchema: BlockSpec = {
  attributes: {
    id: { type: StringType, computed: true },
    input: { type: DynamicPseudoType, optional: true },
    output: { type: DynamicPseudoType, computed: true },
    triggers_replace: { type: DynamicPseudoType, optional: true },
  },
};

/** A richer resource type exercising every attribute type and block nesting mode. */
export const thingSchema: BlockSpec = {
  attributes: {
    id: { type: StringType, computed: true },
    name: { type: StringType, required: true },
    description: { type: StringType, optional: true },
    size: { type: NumberType, optional: true },
    enabled: { type: BoolType, optional: true },
    password: { type: StringType, optional: true, sensitive: true },
    tags: { type: mapOf(StringType), optional: true },
    ports: { type: listOf(NumberType), optional: true },
    cidrs: { type: setOf(StringType), optional: true },
    script: { type: StringType, optional: true },
    policy: { type: StringType, optional: true },
    settings: { type: objectOf({ mode: StringType, level: NumberType }), optional: true },
    rules: { type: listOf(objectOf({ port: NumberType, proto: StringType })), optional: true },
  },
  blocks: {
    timeouts: { nesting: "single", block: { attributes: { create: { type: StringType, optional: true } } } },
    disk: { nesting: "set", block: { attributes: { size: { type: NumberType, optional: true }, kind: { type: StringType, optional: true } } } },
    ingress: { nesting: "list", block: { attributes: { port: { type: NumberType, optional: true }, secret: { type: StringType, optional: true, sensitive: true } } } },
    env: { nesting: "map", block: { attributes: { value: { type: StringType, optional: true } } } },
    vault: { nesting: "set", block: { attributes: { key: { type: StringType, optional: true, sensitive: true }, label: { type: StringType, optional: true } } } },
  },
};

/** A data source used for `<=` reads. */
export const lookupSchema: BlockSpec = {
  attributes: {
    id: { type: StringType, computed: true },
    query: { type: StringType, required: true },
    result: { type: StringType, computed: true },
  },
};

export const schemaFor: SchemaLookup = (_provider, mode, type) => {
  if (mode === "managed" && type === "terraform_data") return terraformDataSchema;
  if (mode === "managed" && type === "test_thing") return thingSchema;
  if (mode === "data" && type === "test_lookup") return lookupSchema;
  return undefined;
};

export interface ChangeSpec {
  addr: string;
  action: Action;
  before?: Value;
  after?: Value;
  reason?: ActionReason;
  requiredReplace?: Path[];
  prevRunAddr?: string;
  deposedKey?: string;
  importing?: { id: string };
  provider?: string;
}

const nullObject = nullVal(objectOf({}));

export function change(s: ChangeSpec): ResourceInstanceChange {
  const a = addr(s.addr);
  const type = a.resource.resource.type;
  return {
    addr: a,
    providerAddr: provider(s.provider ?? (type === "terraform_data" ? builtinProvider : testProvider)),
    action: s.action,
    before: s.before ?? nullObject,
    after: s.after ?? nullObject,
    requiredReplace: s.requiredReplace ?? [],
    ...(s.reason !== undefined ? { actionReason: s.reason } : {}),
    ...(s.prevRunAddr !== undefined ? { prevRunAddr: addr(s.prevRunAddr) } : {}),
    ...(s.deposedKey !== undefined ? { deposedKey: s.deposedKey } : {}),
    ...(s.importing !== undefined ? { importing: s.importing } : {}),
  };
}

export function output(name: string, action: Action, before: Value, after: Value, sensitive = false): OutputChange {
  return { addr: new OutputValue(name).absolute(ModuleInstance.root), action, before, after, sensitive };
}

export function plan(p: {
  mode?: PlanMode;
  changes?: ResourceInstanceChange[];
  outputs?: OutputChange[];
  drift?: ResourceInstanceChange[];
  applyable?: boolean;
  errored?: boolean;
}): Plan {
  const state = emptyState("0.1.0", "00000000-0000-0000-0000-000000000000");
  const changes = p.changes ?? [];
  return {
    mode: p.mode ?? "normal",
    checks: null,
    resourceChanges: changes,
    outputChanges: p.outputs ?? [],
    driftedResources: p.drift ?? [],
    prevRunState: state,
    priorState: state,
    variableValues: new Map(),
    targetAddrs: [],
    excludeAddrs: [],
    forceReplaceAddrs: [],
    timestamp: new Date(0),
    applyable: p.applyable ?? true,
    complete: true,
    errored: p.errored ?? false,
  };
}

export const attrPath = (...names: string[]): Path => names.map((name) => ({ kind: "attr" as const, name }));
