// Reads a state file with validation. Anything that is not a well-formed version 4 state (invalid or
// truncated JSON, another JSON document, an older or newer format) gives one "Failed to load state" error
// that says what is wrong; callers must then leave the file alone (the stores refuse to overwrite it).
// Like Terraform, an empty file means "no state yet".

import type { Diagnostic } from "../lang/diagnostics.js";
import { readSync } from "node:fs";
import { LosslessNumber, parseJsonExact, parseJsonExactBytes, setOwn, type JsonParseResult, type JsonValue } from "../lang/values/json-exact.js";
import { sortState, type CheckObjectKind, type CheckResultObject, type CheckResultState, type CheckStatus, type InstanceState, type OutputState, type ResourceState, type StateFile, type JsonObject } from "./model.js";

export interface ParsedState {
  /** Undefined when the file is empty or could not be loaded (then diags has an error). */
  readonly state?: StateFile;
  readonly diags: Diagnostic[];
}

const MAX_LISTED_PROBLEMS = 10;

export function parseState(text: string, filename: string): ParsedState {
  if (text.trim() === "") return { diags: [] };
  return parseDocument(parseJsonExact(text), filename);
}

/** Files up to this size are decoded to one string and parsed natively; larger ones from the bytes. */
export const MAX_TEXT_PARSE_BYTES = 64 * 1024 * 1024;

/**
 * parseState for the bytes of a file. A large file is read from the Buffer by the one JSON reader without ever
 * becoming one string, so files beyond V8's string limit (about 512 MB) load. `maxTextBytes` is for tests.
 */
export function parseStateBuffer(data: Buffer, filename: string, maxTextBytes = MAX_TEXT_PARSE_BYTES): ParsedState {
  if (data.length <= maxTextBytes) return parseState(data.toString("utf8"), filename);
  let k = 0;
  while (k < data.length && (data[k] === 0x20 || data[k] === 0x0a || data[k] === 0x0d || data[k] === 0x09)) k++;
  if (k === data.length) return { diags: [] };
  return parseDocument(parseJsonExactBytes(data), filename);
}

/**
 * parseState for the plaintext state file open at `fd`, read in pieces from its current position: for files
 * above MAX_TEXT_PARSE_BYTES, so neither the text nor the whole file's bytes are ever in memory at once.
 * (A file of nothing but whitespace that large reads as invalid JSON rather than as "no state".)
 */
export function parseStateFile(fd: number, filename: string): ParsedState {
  return parseDocument(parseJsonExactBytes(Buffer.alloc(0), filePieces(fd)), filename);
}

/** The file open at `fd`, from its current position, one piece per call; undefined at its end. */
export function filePieces(fd: number): () => Buffer | undefined {
  return () => {
    const piece = Buffer.allocUnsafe(READ_PIECE_BYTES);
    const got = readSync(fd, piece, 0, READ_PIECE_BYTES, null);
    return got === 0 ? undefined : piece.subarray(0, got);
  };
}

/** Only the piece being read and the token that spans pieces are in memory. */
const READ_PIECE_BYTES = 4 * 1024 * 1024;

function parseDocument(parsed: JsonParseResult, filename: string): ParsedState {
  if (!parsed.ok) {
    return fail(filename, `the file is not valid JSON (${parsed.message}); it may be truncated or corrupt.`);
  }
  const doc = parsed.value;
  if (!isObject(doc)) return fail(filename, `the file is not a state file: its top-level value is ${describe(doc)}, not an object.`);
  const version = doc.version;
  if (version === undefined) return fail(filename, `the file is not a state file: it has no "version" field.`);
  if (typeof version !== "number") return fail(filename, `the file is not a state file: "version" is ${describe(version)}.`);
  if (version < 4) {
    return fail(
      filename,
      `the file uses state format version ${version}, and Cairn reads only version 4 (written by Terraform 0.12 and later). ` +
        "Upgrade it by running a plan with Terraform 0.12 or later first.",
    );
  }
  if (version > 4) {
    return fail(filename, `the file uses state format version ${version}, which is newer than this version of Cairn understands (4).`);
  }
  const problems: string[] = [];
  const state = decodeState(doc, problems);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `\n  - ${p}`).join("");
    const more = problems.length > MAX_LISTED_PROBLEMS ? `\n  ... and ${problems.length - MAX_LISTED_PROBLEMS} more` : "";
    return fail(filename, `the file is not a valid version 4 state:${listed}${more}`);
  }
  sortState(state);
  return { state, diags: [] };
}

function fail(filename: string, what: string): ParsedState {
  return {
    diags: [
      {
        severity: "error",
        summary: "Failed to load state",
        detail: `Error reading ${filename}: ${what}\n\nCairn will not overwrite this file. Restore it from a backup (the previous state is kept in the .backup file beside it) or fix it by hand.`,
      },
    ],
  };
}

// The decoders below record every problem with its JSON path and keep going, so one run lists them all.

function decodeState(doc: JsonObject, problems: string[]): StateFile {
  const state: StateFile = {
    version: 4,
    terraform_version: reqString(doc, "terraform_version", "", problems),
    serial: reqInteger(doc, "serial", "", problems),
    lineage: reqString(doc, "lineage", "", problems),
    outputs: {},
    resources: [],
    check_results: null,
  };
  if (state.lineage === "" && typeof doc.lineage === "string") problems.push(`"lineage" is empty`);
  const outputs = doc.outputs ?? {};
  if (!isObject(outputs)) problems.push(`"outputs" must be an object, got ${describe(outputs)}`);
  else for (const [name, o] of Object.entries(outputs)) {
    const decoded = decodeOutput(o, `outputs.${name}`, problems);
    if (decoded) setOwn(state.outputs, name, decoded);
  }
  const resources = doc.resources ?? [];
  if (!Array.isArray(resources)) problems.push(`"resources" must be an array, got ${describe(resources)}`);
  else {
    const seen = new Set<string>();
    resources.forEach((r, k) => {
      const decoded = decodeResource(r, `resources[${k}]`, problems);
      if (!decoded) return;
      // Names and module paths never hold a NUL.
      const key = `${decoded.module ?? ""}\u0000${decoded.mode}\u0000${decoded.type}\u0000${decoded.name}`;
      if (seen.has(key)) problems.push(`resources[${k}]: duplicate resource ${decoded.mode} ${decoded.type}.${decoded.name}${decoded.module ? ` in ${decoded.module}` : ""}`);
      seen.add(key);
      state.resources.push(decoded);
    });
  }
  if (doc.check_results !== undefined && doc.check_results !== null && !Array.isArray(doc.check_results)) {
    problems.push(`"check_results" must be null or an array`);
  } else if (Array.isArray(doc.check_results)) state.check_results = decodeCheckResults(doc.check_results, problems);
  return state;
}

function decodeOutput(o: JsonValue, path: string, problems: string[]): OutputState | undefined {
  if (!isObject(o)) return void problems.push(`${path} must be an object`);
  if (!("value" in o)) problems.push(`${path} has no "value"`);
  if (!("type" in o)) problems.push(`${path} has no "type"`);
  const out: OutputState = { value: o.value ?? null, type: o.type ?? null };
  if (o.sensitive !== undefined) {
    if (typeof o.sensitive !== "boolean") problems.push(`${path}.sensitive must be a boolean`);
    else if (o.sensitive) out.sensitive = true;
  }
  return out;
}

function decodeResource(r: JsonValue, path: string, problems: string[]): ResourceState | undefined {
  if (!isObject(r)) return void problems.push(`${path} must be an object, got ${describe(r)}`);
  const mode = r.mode;
  if (mode !== "managed" && mode !== "data") problems.push(`${path}.mode must be "managed" or "data", got ${describe(mode)}`);
  const out: ResourceState = {
    mode: mode === "data" ? "data" : "managed",
    type: reqString(r, "type", path, problems),
    name: reqString(r, "name", path, problems),
    provider: reqString(r, "provider", path, problems),
    instances: [],
  };
  if (r.module !== undefined) {
    if (typeof r.module !== "string") problems.push(`${path}.module must be a string`);
    else if (r.module !== "") out.module = r.module;
  }
  if (r.each !== undefined) {
    if (r.each !== "list" && r.each !== "map") problems.push(`${path}.each must be "list" or "map"`);
    else out.each = r.each;
  }
  if (!Array.isArray(r.instances)) problems.push(`${path}.instances must be an array`);
  else {
    // Most resources have one instance: nothing to compare it with.
    const seen = r.instances.length > 1 ? new Set<string>() : undefined;
    r.instances.forEach((i, k) => {
      const decoded = decodeInstance(i, `${path}.instances[${k}]`, problems);
      if (!decoded) return;
      if (seen !== undefined) {
        const key = JSON.stringify([decoded.index_key ?? null, decoded.deposed ?? ""]);
        if (seen.has(key)) problems.push(`${path}.instances[${k}]: duplicate instance key ${JSON.stringify(decoded.index_key ?? null)}`);
        seen.add(key);
      }
      out.instances.push(decoded);
    });
    // Of exactly its length: the parsed state is kept for the whole run, and an array grown by push keeps
    // room for 17 or more (most resources have one instance).
    out.instances = out.instances.slice();
  }
  return out;
}

function decodeInstance(i: JsonValue, path: string, problems: string[]): InstanceState | undefined {
  if (!isObject(i)) return void problems.push(`${path} must be an object, got ${describe(i)}`);
  if (i.attributes === undefined && i.attributes_flat !== undefined) {
    problems.push(`${path} uses the legacy "attributes_flat" form, which Cairn does not read`);
  }
  const attributes = i.attributes ?? {};
  if (!isObject(attributes)) problems.push(`${path}.attributes must be an object`);
  const out: InstanceState = {
    schema_version: i.schema_version === undefined ? 0 : reqInteger(i, "schema_version", path, problems),
    attributes: isObject(attributes) ? attributes : {},
    sensitive_attributes: [],
  };
  if (i.index_key !== undefined && i.index_key !== null) {
    if (typeof i.index_key === "string") out.index_key = i.index_key;
    else if (typeof i.index_key === "number" && Number.isInteger(i.index_key) && i.index_key >= 0) out.index_key = i.index_key;
    else problems.push(`${path}.index_key must be a non-negative integer or a string, got ${describe(i.index_key)}`);
  }
  if (i.status !== undefined && i.status !== null && i.status !== "") {
    if (i.status !== "tainted") problems.push(`${path}.status must be "tainted" when present, got ${describe(i.status)}`);
    else out.status = "tainted";
  }
  if (i.deposed !== undefined && i.deposed !== "") {
    if (typeof i.deposed !== "string") problems.push(`${path}.deposed must be a string`);
    else out.deposed = i.deposed;
  }
  if (i.sensitive_attributes !== undefined && i.sensitive_attributes !== null) {
    if (!Array.isArray(i.sensitive_attributes)) problems.push(`${path}.sensitive_attributes must be an array`);
    else out.sensitive_attributes = i.sensitive_attributes;
  }
  if (i.private !== undefined && i.private !== "") {
    if (typeof i.private !== "string") problems.push(`${path}.private must be a string`);
    else out.private = i.private;
  }
  if (i.dependencies !== undefined && i.dependencies !== null) {
    if (!Array.isArray(i.dependencies) || !i.dependencies.every((d) => typeof d === "string")) {
      problems.push(`${path}.dependencies must be an array of strings`);
    } else if (i.dependencies.length > 0) out.dependencies = i.dependencies as string[];
  }
  if (i.create_before_destroy !== undefined) {
    if (typeof i.create_before_destroy !== "boolean") problems.push(`${path}.create_before_destroy must be a boolean`);
    else if (i.create_before_destroy) out.create_before_destroy = true;
  }
  return out;
}

function reqString(o: JsonObject, key: string, path: string, problems: string[]): string {
  const v = o[key];
  if (typeof v === "string") return v;
  problems.push(`${path ? path + "." : ""}${key} must be a string, got ${describe(v)}`);
  return "";
}

function reqInteger(o: JsonObject, key: string, path: string, problems: string[]): number {
  const v = o[key];
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  problems.push(`${path ? path + "." : ""}${key} must be a non-negative integer, got ${describe(v)}`);
  return 0;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof LosslessNumber);
}

function describe(v: JsonValue | undefined): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof LosslessNumber) return `the number ${v.text}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `${typeof v} ${String(v)}`;
}

const checkStatuses: readonly string[] = ["pass", "fail", "error", "unknown"];
const checkKinds: readonly string[] = ["resource", "output", "check", "var"];

function decodeCheckResults(rs: JsonValue[], problems: string[]): CheckResultState[] {
  const out: CheckResultState[] = [];
  rs.forEach((r, k) => {
    const path = `check_results[${k}]`;
    if (!isObject(r)) return void problems.push(`${path} must be an object`);
    const kind = r.object_kind;
    const status = r.status;
    if (typeof kind !== "string" || !checkKinds.includes(kind)) return void problems.push(`${path}.object_kind must be one of ${checkKinds.join(", ")}`);
    if (typeof r.config_addr !== "string") return void problems.push(`${path}.config_addr must be a string`);
    if (typeof status !== "string" || !checkStatuses.includes(status)) return void problems.push(`${path}.status must be one of ${checkStatuses.join(", ")}`);
    let objects: CheckResultObject[] | null = null;
    if (Array.isArray(r.objects)) {
      objects = [];
      for (const [j, o] of r.objects.entries()) {
        const op = `${path}.objects[${j}]`;
        if (!isObject(o) || typeof o.object_addr !== "string" || typeof o.status !== "string" || !checkStatuses.includes(o.status)) {
          problems.push(`${op} must be an object with an object_addr and a status`);
          continue;
        }
        const msgs = o.failure_messages;
        if (msgs !== undefined && msgs !== null && !(Array.isArray(msgs) && msgs.every((m) => typeof m === "string"))) problems.push(`${op}.failure_messages must be an array of strings`);
        const obj: CheckResultObject = { object_addr: o.object_addr, status: o.status as CheckStatus };
        if (Array.isArray(msgs) && msgs.length > 0) obj.failure_messages = msgs as string[];
        objects.push(obj);
      }
    } else if (r.objects !== undefined && r.objects !== null) problems.push(`${path}.objects must be null or an array`);
    out.push({ object_kind: kind as CheckObjectKind, config_addr: r.config_addr, status: status as CheckStatus, objects });
  });
  return out;
}
