// OpenAPI documents generated from the served kinds' structural schemas (objects/schema.ts): v3 per group
// version (/openapi/v3, /openapi/v3/api/v1, /openapi/v3/apis/apps/v1), which kubectl 1.32 reads to decide on
// server-side field validation and dry runs and to `explain`; and v2 (/openapi/v2, JSON) for older clients.
import { createHash } from "node:crypto";
import { KINDS, type ApiGroup, type KindInfo } from "../objects/kinds.js";
import { kindSchema, objectMeta, type FieldSchema } from "../objects/schema.js";

type Json = Record<string, unknown>;

const META_PREFIX = "io.k8s.apimachinery.pkg.apis.meta.v1.";

function definitionName(s: FieldSchema & { type: "object" }, info?: KindInfo): string {
  if (s === objectMeta || s.go === "ObjectMeta" || s.go === "LabelSelector" || s.go === "LabelSelectorRequirement" || s.go === "OwnerReference" || s.go === "ManagedFieldsEntry")
    return META_PREFIX + s.go;
  const group = info?.group || "core";
  return `io.k8s.api.${group}.v1.${s.go}`;
}

/** Converts a schema to OpenAPI, collecting named object schemas into `defs` and referring to them. */
function convert(s: FieldSchema, defs: Map<string, Json>, ref: (name: string) => string, info?: KindInfo): Json {
  const d = s.description ? { description: s.description } : {};
  switch (s.type) {
    case "string": return { type: "string", ...d, ...(s.format ? { format: s.format } : {}), ...(s.enum ? { enum: [...s.enum] } : {}) };
    case "integer": return { type: "integer", format: s.format, ...d };
    case "number": return { type: "number", format: "double", ...d };
    case "boolean": return { type: "boolean", ...d };
    case "int-or-string": return { "x-kubernetes-int-or-string": true, ...d, ...(s.quantity ? {} : { anyOf: [{ type: "integer" }, { type: "string" }] }) };
    case "array": return { type: "array", items: convert(s.items, defs, ref, info), ...d };
    case "map": return { type: "object", additionalProperties: convert(s.values, defs, ref, info), ...d };
    case "object": {
      const name = definitionName(s, info);
      if (!defs.has(name)) {
        defs.set(name, {}); // placeholder first: a schema may refer to itself
        const properties: Json = {};
        for (const [k, v] of Object.entries(s.properties)) properties[k] = convert(v, defs, ref, info);
        defs.set(name, {
          type: "object",
          ...(s.description ? { description: s.description } : {}),
          properties,
          ...(s.required?.length ? { required: [...s.required] } : {}),
          ...(s.open ? { "x-kubernetes-preserve-unknown-fields": true } : {}),
        });
      }
      // A $ref cannot carry siblings in OpenAPI 3.0: the field's own description goes through allOf.
      return s.description ? { allOf: [{ $ref: ref(name) }], ...d } : { $ref: ref(name) };
    }
  }
}

function gvk(info: KindInfo): Json {
  return { group: info.group, version: info.version, kind: info.kind };
}

const COMMON_WRITE_PARAMS = ["dryRun", "fieldManager", "fieldValidation"].map((name) => ({ name, in: "query", schema: { type: "string", uniqueItems: true } }));

function groupDocument(group: ApiGroup, v3: boolean): Json {
  const defs = new Map<string, Json>();
  const ref = (n: string) => (v3 ? `#/components/schemas/${n}` : `#/definitions/${n}`);
  const paths: Json = {};
  for (const info of KINDS.filter((k) => k.group === group)) {
    const schema = kindSchema(info.kind);
    if (!schema) continue;
    const top = convert(schema, defs, ref, info);
    const name = definitionName(schema, info);
    defs.set(name, { ...defs.get(name), "x-kubernetes-group-version-kind": [gvk(info)] });
    const body = v3 ? { requestBody: { content: { "*/*": { schema: top } }, required: true } } : { parameters: [{ name: "body", in: "body", required: true, schema: top }] };
    const ok = v3 ? { responses: { "200": { description: "OK", content: { "application/json": { schema: top } } } } } : { responses: { "200": { description: "OK", schema: top } } };
    const op = (verb: string, extra: Json = {}) => ({ operationId: `${verb}${info.kind}`, "x-kubernetes-action": verb, "x-kubernetes-group-version-kind": gvk(info), ...ok, ...extra });
    const prefix = group === "" ? "/api/v1" : `/apis/${group}/v1`;
    const collection = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.plural}` : `${prefix}/${info.plural}`;
    const params = v3 ? COMMON_WRITE_PARAMS : COMMON_WRITE_PARAMS.map(({ schema: _s, ...p }) => ({ ...p, type: "string" }));
    // kubectl looks for fieldValidation/dryRun among a PATCH's parameters to use server-side validation.
    paths[collection] = { get: op("list"), post: op("post", { ...body, parameters: params }), parameters: params };
    paths[`${collection}/{name}`] = { get: op("get"), put: op("put", { ...body, parameters: params }), patch: op("patch", { ...body, parameters: params }), delete: op("delete"), parameters: params };
  }
  const title = "Kubernetes";
  const version = "v1.32.0-cairn";
  const definitions = Object.fromEntries([...defs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return v3
    ? { openapi: "3.0.0", info: { title, version }, paths, components: { schemas: definitions } }
    : { swagger: "2.0", info: { title, version }, paths, definitions };
}

/** Documents are fixed for a build: made once, with the hash kubectl caches them by. */
const cache = new Map<string, { text: string; hash: string }>();

function cached(key: string, make: () => Json): { text: string; hash: string } {
  let c = cache.get(key);
  if (!c) {
    const text = JSON.stringify(make());
    c = { text, hash: createHash("sha512").update(text).digest("hex").slice(0, 128).toUpperCase() };
    cache.set(key, c);
  }
  return c;
}

const GROUPS: Record<string, ApiGroup> = { "api/v1": "", "apis/apps/v1": "apps", "apis/policy/v1": "policy" };

/** The OpenAPI document at a path under /openapi, or undefined. JSON text. */
export function openApiDocument(path: string): string | undefined {
  if (path === "/openapi/v2") {
    return cached("v2", () => {
      const core = groupDocument("", false);
      const others = [groupDocument("apps", false), groupDocument("policy", false)];
      return { ...core, paths: Object.assign({}, core.paths, ...others.map((d) => d.paths)) as Json, definitions: Object.assign({}, core.definitions, ...others.map((d) => d.definitions)) as Json };
    }).text;
  }
  if (path === "/openapi/v3") {
    const paths: Json = {};
    for (const [gv, group] of Object.entries(GROUPS)) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${cached(`v3:${gv}`, () => groupDocument(group, true)).hash}` };
    return JSON.stringify({ paths });
  }
  const m = /^\/openapi\/v3\/(.+)$/.exec(path);
  if (m && m[1]! in GROUPS) return cached(`v3:${m[1]}`, () => groupDocument(GROUPS[m[1]!]!, true)).text;
  return undefined;
}

