// Writes a state as Terraform writes a version 4 file: fields in Terraform's order, optional fields omitted
// when empty, resources and instances sorted, values with keys in Go's order, two-space indentation and a
// final newline. The input is not modified (sorting happens on a shallow copy).

import { canonicalJson, indentLikeGo } from "./json-exact.js";
import { compareInstances, compareResources, type InstanceState, type ResourceState, type StateFile } from "./model.js";
import { compareGoStrings } from "./json-exact.js";

export function serializeState(s: StateFile): string {
  const parts: string[] = [];
  parts.push(
    `{"version":4,"terraform_version":${str(s.terraform_version)},"serial":${s.serial},"lineage":${str(s.lineage)},"outputs":{`,
  );
  const names = Object.keys(s.outputs).sort(compareGoStrings);
  names.forEach((name, k) => {
    const o = s.outputs[name];
    parts.push(`${k > 0 ? "," : ""}${str(name)}:{"value":${canonicalJson(o.value)},"type":${canonicalJson(o.type)}`);
    if (o.sensitive) parts.push(`,"sensitive":true`);
    parts.push("}");
  });
  parts.push(`},"resources":[`);
  [...s.resources].sort(compareResources).forEach((r, k) => {
    if (k > 0) parts.push(",");
    writeResource(r, parts);
  });
  parts.push(`],"check_results":null}`);
  return indentLikeGo(parts.join("")) + "\n";
}

function writeResource(r: ResourceState, parts: string[]): void {
  parts.push("{");
  if (r.module !== undefined) parts.push(`"module":${str(r.module)},`);
  parts.push(`"mode":${str(r.mode)},"type":${str(r.type)},"name":${str(r.name)},`);
  if (r.each !== undefined) parts.push(`"each":${str(r.each)},`);
  parts.push(`"provider":${str(r.provider)},"instances":[`);
  [...r.instances].sort(compareInstances).forEach((i, k) => {
    if (k > 0) parts.push(",");
    writeInstance(i, parts);
  });
  parts.push("]}");
}

function writeInstance(i: InstanceState, parts: string[]): void {
  parts.push("{");
  if (i.index_key !== undefined) parts.push(`"index_key":${JSON.stringify(i.index_key)},`);
  if (i.status !== undefined) parts.push(`"status":${str(i.status)},`);
  if (i.deposed !== undefined) parts.push(`"deposed":${str(i.deposed)},`);
  parts.push(`"schema_version":${i.schema_version},"attributes":${canonicalJson(i.attributes)}`);
  parts.push(`,"sensitive_attributes":${canonicalJson(i.sensitive_attributes)}`);
  if (i.private !== undefined && i.private !== "") parts.push(`,"private":${str(i.private)}`);
  if (i.dependencies !== undefined && i.dependencies.length > 0) parts.push(`,"dependencies":${JSON.stringify([...i.dependencies].sort(compareGoStrings))}`);
  if (i.create_before_destroy) parts.push(`,"create_before_destroy":true`);
  parts.push("}");
}

const str = (s: string): string => JSON.stringify(s);
