// Writes a state as Terraform writes a version 4 file: fields in Terraform's order, optional fields omitted
// when empty, resources and instances sorted, values with keys in Go's order, two-space indentation and a
// final newline. The input is not modified (sorting happens on a shallow copy).
//
// stateChunks yields the file as a sequence of pieces (a header through "lineage", then about one piece per
// instance, long attribute strings as pieces of their own), laid out by a streaming indenter, so a state of any size is written without ever being one
// string (V8 caps strings at about 512 MB; opentofu #1660's state is 1.4 GB). serializeState joins them, for
// the small states of tests, `state pull` and `state push`.

import { canonicalJson, GoIndenter, goIndentedJson, StringMemo } from "../lang/values/json-exact.js";
import { compareInstances, compareResources, type InstanceState, type ResourceState, type StateFile } from "./model.js";
import { compareGoStrings } from "../lang/values/json-exact.js";

/** `memo` writes the attribute strings of StringMemo.MIN characters or more (serialize-roundtrip.ts). */
export function serializeState(s: StateFile, memo?: StringMemo): string {
  const parts: string[] = [];
  for (const chunk of stateChunks(s, memo)) parts.push(chunk);
  return parts.join("");
}

/**
 * The file's text in pieces. The first piece is the header, exactly
 * `{\n  "version": 4,\n  "terraform_version": …,\n  "serial": N,\n  "lineage": …,\n  ` (see headerChunk),
 * so a writer can change the serial without re-serializing the rest.
 */
export function* stateChunks(s: StateFile, memo?: StringMemo): Generator<string, void, undefined> {
  const ind = new GoIndenter();
  const m = memo ?? new LongStrings();
  yield ind.push(headerCompact(s));
  const out: string[] = [`"outputs":{`];
  const names = Object.keys(s.outputs).sort(compareGoStrings);
  names.forEach((name, k) => {
    const o = s.outputs[name];
    out.push(`${k > 0 ? "," : ""}${str(name)}:{"value":${canonicalJson(o.value)},"type":${canonicalJson(o.type)}`);
    if (o.sensitive) out.push(`,"sensitive":true`);
    out.push("}");
  });
  out.push(`},"resources":[`);
  yield ind.push(out.join(""));
  const resources = [...s.resources].sort(compareResources);
  for (let k = 0; k < resources.length; k++) {
    const r = resources[k];
    yield ind.push((k > 0 ? "," : "") + resourceHead(r));
    const instances = [...r.instances].sort(compareInstances);
    for (let j = 0; j < instances.length; j++) {
      if (m instanceof LongStrings) yield* m.pieces(instanceText(ind, j > 0, instances[j], m));
      else yield instanceText(ind, j > 0, instances[j], m);
    }
    yield ind.push("]}");
  }
  yield ind.push(`],"check_results":${checkResultsCompact(s.check_results)}}`) + ind.end() + "\n";
}

/** check_results with Terraform's field order (statefile checkResultsV4), failure_messages omitted when empty. */
function checkResultsCompact(c: StateFile["check_results"]): string {
  if (c === null || c === undefined) return "null";
  const objects = (os: NonNullable<StateFile["check_results"]>[number]["objects"]): string =>
    os === null
      ? "null"
      : `[${os
          .map((o) => `{"object_addr":${str(o.object_addr)},"status":${str(o.status)}${o.failure_messages && o.failure_messages.length > 0 ? `,"failure_messages":[${o.failure_messages.map(str).join(",")}]` : ""}}`)
          .join(",")}]`;
  return `[${c.map((r) => `{"object_kind":${str(r.object_kind)},"config_addr":${str(r.config_addr)},"status":${str(r.status)},"objects":${objects(r.objects)}}`).join(",")}]`;
}

/** The first piece stateChunks yields for a state with these header fields and `serial`. */
export function headerChunk(s: Pick<StateFile, "terraform_version" | "lineage">, serial: number): string {
  return new GoIndenter().push(headerCompact({ ...s, serial }));
}

function headerCompact(s: Pick<StateFile, "terraform_version" | "serial" | "lineage">): string {
  return `{"version":4,"terraform_version":${str(s.terraform_version)},"serial":${s.serial},"lineage":${str(s.lineage)},`;
}

function resourceHead(r: ResourceState): string {
  const parts: string[] = ["{"];
  if (r.module !== undefined) parts.push(`"module":${str(r.module)},`);
  parts.push(`"mode":${str(r.mode)},"type":${str(r.type)},"name":${str(r.name)},`);
  if (r.each !== undefined) parts.push(`"each":${str(r.each)},`);
  parts.push(`"provider":${str(r.provider)},"instances":[`);
  return parts.join("");
}

/** An instance, laid out: its small fields through the indenter, its attributes written directly. */
function instanceText(ind: GoIndenter, comma: boolean, i: InstanceState, memo: StringMemo): string {
  const parts: string[] = [comma ? ",{" : "{"];
  if (i.index_key !== undefined) parts.push(`"index_key":${JSON.stringify(i.index_key)},`);
  if (i.status !== undefined) parts.push(`"status":${str(i.status)},`);
  if (i.deposed !== undefined) parts.push(`"deposed":${str(i.deposed)},`);
  parts.push(`"schema_version":${i.schema_version},"attributes":`);
  const head = ind.push(parts.join(""));
  const attributes = goIndentedJson(i.attributes, ind.depth, memo);
  parts.length = 0;
  parts.push(`,"sensitive_attributes":${canonicalJson(i.sensitive_attributes)}`);
  if (i.private !== undefined && i.private !== "") parts.push(`,"private":${str(i.private)}`);
  if (i.dependencies !== undefined && i.dependencies.length > 0) parts.push(`,"dependencies":${JSON.stringify([...i.dependencies].sort(compareGoStrings))}`);
  if (i.create_before_destroy) parts.push(`,"create_before_destroy":true`);
  parts.push("}");
  return head + attributes + ind.push(parts.join(""));
}

const str = (s: string): string => JSON.stringify(s);

/**
 * Long attribute strings as pieces of their own: goIndentedJson gets a NUL (never raw in JSON text) in place
 * of each, and pieces() hands out the text around them and their escaped text, which the memo shares
 * between instances holding the same string. No instance's text is then copied whole: a 1.4 MB instance
 * (opentofu #1660) made two such copies, and 1,000 of them gigabytes of garbage for each state write.
 */
class LongStrings extends StringMemo {
  private readonly held: string[] = [];

  override escaped(s: string): string {
    this.held.push(super.escaped(s));
    return "\u0000";
  }

  *pieces(text: string): Generator<string, void, undefined> {
    if (this.held.length === 0) {
      yield text;
      return;
    }
    const around = text.split("\u0000");
    for (let k = 0; k < around.length; k++) {
      if (k > 0) yield this.held[k - 1];
      if (around[k] !== "") yield around[k];
    }
    this.held.length = 0;
  }
}
