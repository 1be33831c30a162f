// `configuration` in Terraform's JSON plan (internal/command/jsonconfig): provider configurations keyed by
// their opaque key ("aws", "aws.west", "module.x:aws"), and the root module's outputs, resources, module
// calls and variables with their expressions unevaluated (expression.ts). Resource and provider bodies are
// read through their schema as Terraform does, so only schema attributes and blocks appear (meta-arguments
// and `dynamic` blocks do not). Module calls carry their child module's configuration (`children`), built
// deepest first so that nesting depth never becomes recursion depth; keys inside a child are Terraform's
// opaque "module.web:aws".

import { AbsProviderConfig, Module as ModulePath, Provider } from "../../../addrs/index.js";
import { referenceFromTraversal } from "../../../addrs/reference.js";
import { bodySchemaFor, type BlockSpec } from "../../../config/schema.js";
import type { ConfigModule, Resource } from "../../../config/model.js";
import { impliedProviderLocalName } from "../../../config/decode-resource.js";
import type { SyntaxBody } from "../../../lang/body.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import type { Expression, Traversal } from "../../../lang/syntax/ast.js";
import { typeToJSONText } from "../../../lang/values/json.js";
import type { Schema } from "../../../providers/schema.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { array, jsonBool, jsonNumber, jsonString, map, raw, struct, type JsonText } from "../state/go-json.js";
import { expressionJson } from "./expression.js";
import type { JsonSchemaLookup } from "./resource-change.js";
import { knownValueJson } from "./value-json.js";

export interface ConfigurationOptions {
  readonly schemaFor: JsonSchemaLookup;
  /** A provider's own configuration schema, by provider source address ("registry.terraform.io/hashicorp/aws"). */
  readonly providerSchemaFor?: (provider: string) => Schema | undefined;
  /** Child modules' configurations by static path (`module.web`, `module.web.module.db`). */
  readonly children?: ReadonlyMap<string, ConfigModule>;
}

export function configurationJson(module: ConfigModule, opts: ConfigurationOptions): JsonText {
  const children = opts.children ?? new Map<string, ConfigModule>();
  const depth = (p: string) => p.split("module.").length;
  const built = new Map<string, JsonText>();
  for (const p of [...children.keys()].sort((a, b) => depth(b) - depth(a))) built.set(p, moduleJson(children.get(p)!, opts, p, built));
  return struct([
    ["provider_config", providerConfigsJson([["", module], ...children], opts)],
    ["root_module", moduleJson(module, opts, "", built)],
  ]);
}

/** Terraform's opaqueProviderKey: "aws.west" in the root, "module.web:aws.west" in a child. */
function opaqueKey(key: string, path: string): string {
  return path === "" ? key : `${path}:${key}`;
}

function moduleJson(m: ConfigModule, opts: ConfigurationOptions, path: string, built: ReadonlyMap<string, JsonText>): JsonText {
  const outputs = new Map<string, JsonText>();
  for (const o of m.outputs.values()) {
    outputs.set(
      o.name,
      struct([
        ["sensitive", o.sensitive ? jsonBool(true) : undefined],
        ["expression", expressionJson(o.expr)],
        ["depends_on", dependsOnJson(o.dependsOn)],
        ["description", o.description !== "" ? jsonString(o.description) : undefined],
      ]),
    );
  }
  const resources = [...m.managedResources.values(), ...m.dataResources.values()]
    .map((r) => ({ address: r.addr.toString(), r }))
    .sort((a, b) => compareGoStrings(a.address, b.address))
    .map(({ r }) => resourceJson(r, opts, path));
  const calls = new Map<string, JsonText>();
  for (const c of m.moduleCalls.values()) {
    calls.set(
      c.name,
      struct([
        ["source", jsonString(c.sourceAddr)],
        ["expressions", bodyExpressionsJson(c.config, undefined)],
        ["count_expression", c.count !== undefined ? expressionJson(c.count) : undefined],
        ["for_each_expression", c.forEach !== undefined ? expressionJson(c.forEach) : undefined],
        ["module", built.get(path === "" ? `module.${c.name}` : `${path}.module.${c.name}`) ?? struct([])],
        ["version_constraint", c.version !== undefined ? constantString(c.version) : undefined],
        ["depends_on", dependsOnJson(c.dependsOn)],
      ]),
    );
  }
  const variables = new Map<string, JsonText>();
  for (const v of m.variables.values()) {
    variables.set(
      v.name,
      struct([
        ["type", raw(typeToJSONText(v.constraintType))],
        ["default", v.default !== undefined ? knownValueJson(v.default.unmarkDeep()[0]) : undefined],
        ["description", v.description !== "" ? jsonString(v.description) : undefined],
        ["required", v.default === undefined ? jsonBool(true) : undefined],
        ["sensitive", v.sensitive ? jsonBool(true) : undefined],
      ]),
    );
  }
  return struct([
    ["outputs", outputs.size > 0 ? map(outputs, compareGoStrings) : undefined],
    ["resources", resources.length > 0 ? array(resources) : undefined],
    ["module_calls", calls.size > 0 ? map(calls, compareGoStrings) : undefined],
    ["variables", variables.size > 0 ? map(variables, compareGoStrings) : undefined],
  ]);
}

/** The provider configuration a resource uses, in its compact local form: "aws" or "aws.west". */
export function providerConfigKey(r: Resource): string {
  const ref = r.providerConfigRef;
  if (ref === undefined) return impliedProviderLocalName(r.type);
  return ref.alias === "" ? ref.name : `${ref.name}.${ref.alias}`;
}

function resourceJson(r: Resource, opts: ConfigurationOptions, path: string): JsonText {
  const alias = r.providerConfigRef?.alias ?? "";
  const schema = opts.schemaFor(new AbsProviderConfig(ModulePath.root, r.provider, alias).toString(), r.mode, r.type);
  return struct([
    ["address", jsonString(r.addr.toString())],
    ["mode", jsonString(r.mode)],
    ["type", jsonString(r.type)],
    ["name", jsonString(r.name)],
    ["provider_config_key", jsonString(opaqueKey(providerConfigKey(r), path))],
    ["expressions", bodyExpressionsJson(r.config, schema?.block)],
    ["schema_version", jsonNumber(schema?.version ?? 0)],
    ["count_expression", r.count !== undefined ? expressionJson(r.count) : undefined],
    ["for_each_expression", r.forEach !== undefined ? expressionJson(r.forEach) : undefined],
    ["depends_on", dependsOnJson(r.dependsOn)],
  ]);
}

/**
 * jsonconfig.marshalExpressions: attributes the schema names, and nested blocks by nesting mode (single and
 * group as one object, list and set as an array, map as an object keyed by label). Without a schema (a
 * module call's arguments) the body is read as plain attributes. Undefined when nothing is set (omitempty).
 */
function bodyExpressionsJson(body: SyntaxBody, block: BlockSpec | undefined): JsonText | undefined {
  const out = new Map<string, JsonText>();
  if (block === undefined) {
    const { attributes } = body.justAttributes();
    for (const [name, a] of attributes) out.set(name, expressionJson(a.expr));
    return out.size > 0 ? map(out, compareGoStrings) : undefined;
  }
  const { content } = body.partialContent(bodySchemaFor(block));
  for (const [name, a] of content.attributes) out.set(name, expressionJson(a.expr));
  const lists = new Map<string, JsonText[]>();
  const maps = new Map<string, Map<string, JsonText>>();
  for (const b of content.blocks) {
    const nb = block.blocks?.[b.type];
    if (nb === undefined) continue;
    const inner = bodyExpressionsJson(b.body, nb.block) ?? struct([]);
    if (nb.nesting === "single" || nb.nesting === "group") out.set(b.type, inner);
    else if (nb.nesting === "map") {
      if (!maps.has(b.type)) maps.set(b.type, new Map());
      maps.get(b.type)!.set(b.labels[0] ?? "", inner);
    } else {
      if (!lists.has(b.type)) lists.set(b.type, []);
      lists.get(b.type)!.push(inner);
    }
  }
  for (const [k, items] of lists) out.set(k, array(items));
  for (const [k, entries] of maps) out.set(k, map(entries, compareGoStrings));
  return out.size > 0 ? map(out, compareGoStrings) : undefined;
}

function dependsOnJson(traversals: readonly Traversal[]): JsonText | undefined {
  const names: string[] = [];
  for (const t of traversals) {
    const { ref } = referenceFromTraversal(t);
    if (ref !== undefined) names.push(ref.subject.toString());
  }
  return names.length > 0 ? array(names.map(jsonString)) : undefined;
}

function constantString(expr: Expression): JsonText | undefined {
  const r = evaluate(expr, undefined);
  return r.value.isKnown() && !r.value.isNull() && r.value.type.kind === "string" ? jsonString(r.value.asString()) : undefined;
}

/**
 * provider_config: every provider block, then every required provider without one, then every provider
 * a resource uses implicitly, each under its opaque key.
 */
function providerConfigsJson(modules: Iterable<readonly [string, ConfigModule]>, opts: ConfigurationOptions): JsonText | undefined {
  const out = new Map<string, JsonText>();
  for (const [path, m] of modules) moduleProviderConfigs(m, path, opts, out);
  return out.size > 0 ? map(out, compareGoStrings) : undefined;
}

function moduleProviderConfigs(m: ConfigModule, path: string, opts: ConfigurationOptions, out: Map<string, JsonText>): void {
  const fullName = (local: string): Provider => m.requiredProviders.get(local)?.provider ?? Provider.implied(local);
  const versionOf = (local: string): JsonText | undefined => {
    const rp = m.requiredProviders.get(local);
    return rp?.versionConstraint !== undefined ? constantString(rp.versionConstraint) : undefined;
  };
  for (const [key, pc] of m.providerConfigs) {
    const provider = fullName(pc.name);
    const schema = opts.providerSchemaFor?.(provider.toString());
    out.set(
      opaqueKey(key, path),
      struct([
        ["name", jsonString(pc.name)],
        ["full_name", jsonString(provider.toString())],
        ["alias", pc.alias !== "" ? jsonString(pc.alias) : undefined],
        ["version_constraint", versionOf(pc.name)],
        ["expressions", bodyExpressionsJson(pc.config, schema?.block ?? { attributes: {} })],
      ]),
    );
  }
  const implicit = (localKey: string, local: string, provider: Provider): void => {
    const key = opaqueKey(localKey, path);
    if (out.has(key)) return;
    out.set(
      key,
      struct([
        ["name", jsonString(local)],
        ["full_name", jsonString(provider.toString())],
        ["version_constraint", versionOf(local)],
      ]),
    );
  };
  for (const [local, rp] of m.requiredProviders) implicit(local, local, rp.provider);
  for (const r of [...m.managedResources.values(), ...m.dataResources.values()]) {
    implicit(providerConfigKey(r), r.providerConfigRef?.name ?? impliedProviderLocalName(r.type), r.provider);
  }
}
