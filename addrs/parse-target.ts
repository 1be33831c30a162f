// Parsing resource and module addresses as given to -target, -replace, `state mv`, `state rm`, `import`,
// and as stored in state. The messages are Terraform's ("Invalid address" with a detail saying what was
// expected), subject ranges point at the offending step.

import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";
import type { Traversal } from "../lang/syntax/ast.js";
import { NoKey, instanceKeyFromValue } from "./instance-key.js";
import type { Module, ModuleInstance } from "./module.js";
import { parseModuleInstance, parseModuleInstancePrefix, stepName } from "./parse-module.js";
import { AbsResource, AbsResourceInstance, ConfigResource, Resource, type ResourceMode } from "./resource.js";
import { parseTraversalAbs, traversalRange } from "./traversal-parse.js";

interface TypeAndName {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** What follows `type.name`. */
  readonly rest: Traversal;
}

function parseResourceTypeAndName(traversal: Traversal, diags: Diagnostic[]): TypeAndName | undefined {
  let mode: ResourceMode = "managed";
  let remain = traversal;
  if (stepName(remain[0]) === "data") {
    mode = "data";
    remain = remain.slice(1);
  }
  if (remain.length < 2) {
    const subject = remain.length > 0 ? traversalRange(remain) : traversalRange(traversal);
    diags.push(errorDiag("Invalid address", "Resource specification must include a resource type and name.", subject));
    return undefined;
  }
  const type = stepName(remain[0]);
  if (type === undefined) {
    const detail = mode === "data" ? "A data source name is required." : "A resource type name is required.";
    diags.push(errorDiag("Invalid address", detail, remain[0]!.range));
    return undefined;
  }
  const nameStep = remain[1]!;
  if (nameStep.kind !== "attr") {
    diags.push(errorDiag("Invalid address", "A resource name is required.", nameStep.range));
    return undefined;
  }
  return { mode, type, name: nameStep.name, rest: remain.slice(2) };
}

export function parseResourceInstanceUnderModule(
  module: ModuleInstance,
  remain: Traversal,
): { addr?: AbsResourceInstance; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const tn = parseResourceTypeAndName(remain, diags);
  if (tn === undefined) return { diags };
  const resource = new Resource(tn.mode, tn.type, tn.name);
  if (tn.rest.length === 0) return { addr: resource.absolute(module).instance(NoKey), diags };
  if (tn.rest.length > 1) {
    diags.push(errorDiag("Invalid address", "Unexpected extra operators after address.", tn.rest[1]!.range));
    return { diags };
  }
  const step = tn.rest[0]!;
  if (step.kind !== "index") {
    diags.push(errorDiag("Invalid address", "Resource instance key must be given in square brackets.", step.range));
    return { diags };
  }
  const k = instanceKeyFromValue(step.key);
  if ("error" in k) {
    diags.push(errorDiag("Invalid address", `Invalid resource instance key: ${k.error}.`, step.range));
    return { diags };
  }
  return { addr: resource.absolute(module).instance(k.key), diags };
}

export function parseResourceUnderModule(module: Module, remain: Traversal): { addr?: ConfigResource; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const tn = parseResourceTypeAndName(remain, diags);
  if (tn === undefined) return { diags };
  if (tn.rest.length === 1) {
    diags.push(
      errorDiag(
        "Resource instance address with keys is not allowed",
        'Resource address cannot be a resource instance (e.g. "null_resource.a[0]"), it must be a resource instead (e.g. "null_resource.a").',
        tn.rest[0]!.range,
      ),
    );
    return { diags };
  }
  if (tn.rest.length > 1) {
    diags.push(errorDiag("Invalid address", "Unexpected extra operators after address.", tn.rest[1]!.range));
    return { diags };
  }
  return { addr: new ConfigResource(module, new Resource(tn.mode, tn.type, tn.name)), diags };
}

/** What -target accepts: a module instance, a whole resource, or one resource instance. */
export type Targetable = ModuleInstance | AbsResource | AbsResourceInstance;

export interface Target {
  readonly subject: Targetable;
  readonly range: Range;
}

export function parseTarget(traversal: Traversal): { target?: Target; diags: Diagnostic[] } {
  const prefix = parseModuleInstancePrefix(traversal);
  const diags = prefix.diags;
  if (hasErrors(diags)) return { diags };
  const range = traversalRange(traversal);
  if (prefix.remain.length === 0) return { target: { subject: prefix.module, range }, diags };
  const ri = parseResourceInstanceUnderModule(prefix.module, prefix.remain);
  diags.push(...ri.diags);
  if (ri.addr === undefined) return { diags };
  // Without a key the user means the whole resource (all its instances), as Terraform assumes.
  const subject = ri.addr.resource.instanceKey.kind === "none" ? ri.addr.containingResource() : ri.addr;
  return { target: { subject, range }, diags };
}

export function parseAbsResourceInstance(traversal: Traversal): { addr?: AbsResourceInstance; diags: Diagnostic[] } {
  const { target, diags } = parseTarget(traversal);
  if (target === undefined) return { diags };
  const s = target.subject;
  if (s instanceof AbsResourceInstance) return { addr: s, diags };
  if (s instanceof AbsResource) return { addr: s.instance(NoKey), diags };
  diags.push(
    errorDiag(
      "Invalid address",
      "A resource instance address is required here. The module path must be followed by a resource instance specification.",
      traversalRange(traversal),
    ),
  );
  return { diags };
}

export function parseAbsResource(traversal: Traversal): { addr?: AbsResource; diags: Diagnostic[] } {
  const { target, diags } = parseTarget(traversal);
  if (target === undefined) return { diags };
  const s = target.subject;
  if (s instanceof AbsResource) return { addr: s, diags };
  if (s instanceof AbsResourceInstance) {
    diags.push(
      errorDiag(
        "Invalid address",
        "A resource address is required. This instance key identifies a specific resource instance, which is not expected here.",
        traversal[traversal.length - 1]!.range,
      ),
    );
    return { diags };
  }
  diags.push(
    errorDiag(
      "Invalid address",
      "A resource address is required here. The module path must be followed by a resource specification.",
      traversalRange(traversal),
    ),
  );
  return { diags };
}

/** Applies a traversal parser to a string, stopping at syntax errors. */
function fromString<T>(
  str: string,
  filename: string,
  parse: (t: Traversal) => { diags: Diagnostic[] } & T,
): { diags: Diagnostic[] } & Partial<T> {
  const parsed = parseTraversalAbs(str, filename);
  if (hasErrors(parsed.diags)) return { diags: parsed.diags } as { diags: Diagnostic[] } & Partial<T>;
  return parse(parsed.traversal);
}

export const parseTargetStr = (s: string, filename = "") => fromString(s, filename, parseTarget);
export const parseAbsResourceInstanceStr = (s: string, filename = "") => fromString(s, filename, parseAbsResourceInstance);
export const parseAbsResourceStr = (s: string, filename = "") => fromString(s, filename, parseAbsResource);
export const parseModuleInstanceStr = (s: string, filename = "") => fromString(s, filename, parseModuleInstance);
