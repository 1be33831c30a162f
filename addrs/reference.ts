// Turning a traversal found in an expression (`var.x`, `aws_instance.a[0].id`, `module.m.out`, `each.key`)
// into the typed object it refers to, the remaining steps (attribute accesses into that object) and the
// range of the part that names the object. Invalid references get Terraform's diagnostics.

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { type Range, rangeBetween } from "../lang/pos.js";
import type { Traversal } from "../lang/syntax/ast.js";
import { NoKey, instanceKeyFromValue } from "./instance-key.js";
import { ModuleCall, ModuleCallInstance, ModuleCallInstanceOutput } from "./module.js";
import {
  CountAttr,
  ForEachAttr,
  InputVariable,
  LocalValue,
  PathAttr,
  SelfRef,
  TerraformAttr,
} from "./named-values.js";
import { Resource, ResourceInstance, type ResourceMode } from "./resource.js";
import { traversalRange } from "./traversal-parse.js";

export type Referenceable =
  | InputVariable
  | LocalValue
  | ModuleCall
  | ModuleCallInstance
  | ModuleCallInstanceOutput
  | Resource
  | ResourceInstance
  | CountAttr
  | ForEachAttr
  | PathAttr
  | TerraformAttr
  | SelfRef;

export interface Reference {
  readonly subject: Referenceable;
  /** The part of the traversal that names the subject (`var.x` in `var.x.y[0]`). */
  readonly range: Range;
  /** Steps after the subject: attribute and index accesses into its value. */
  readonly remaining: Traversal;
}

export interface ReferenceResult {
  readonly ref?: Reference;
  readonly diags: Diagnostic[];
}

/** Names reserved by Terraform for future language features. */
const reservedRoots = new Set(["template", "lazy", "arg"]);

export function referenceFromTraversal(traversal: Traversal): ReferenceResult {
  const root = traversal[0];
  if (root === undefined || root.kind !== "root") {
    throw new Error("bug: referenceFromTraversal needs an absolute traversal");
  }
  switch (root.name) {
    case "count":
      return singleAttr(traversal, (n) => new CountAttr(n));
    case "each":
      return singleAttr(traversal, (n) => new ForEachAttr(n));
    case "local":
      return singleAttr(traversal, (n) => new LocalValue(n));
    case "var":
      return singleAttr(traversal, (n) => new InputVariable(n));
    case "path":
      return singleAttr(traversal, (n) => new PathAttr(n));
    case "terraform":
      return singleAttr(traversal, (n) => new TerraformAttr(n));
    case "self":
      return { ref: { subject: SelfRef.instance, range: root.range, remaining: traversal.slice(1) }, diags: [] };
    case "module":
      return moduleRef(traversal);
    case "data":
      if (traversal.length < 3) {
        return invalid(
          'The "data" object must be followed by two attribute names: the data source type and the resource name.',
          traversalRange(traversal),
        );
      }
      return resourceRef("data", root.range, traversal.slice(1));
    case "resource":
      // `resource.x.y` is an escape for a resource type whose name collides with a future keyword.
      if (traversal.length < 3) {
        return invalid(
          'The "resource" object must be followed by two attribute names: the resource type and the resource name.',
          traversalRange(traversal),
        );
      }
      return resourceRef("managed", root.range, traversal.slice(1));
    default:
      if (reservedRoots.has(root.name)) {
        return {
          diags: [
            errorDiag(
              "Reserved symbol name",
              `The symbol name "${root.name}" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.`,
              root.range,
            ),
          ],
        };
      }
      return resourceRef("managed", root.range, traversal);
  }
}

function invalid(detail: string, subject: Range): ReferenceResult {
  return { diags: [errorDiag("Invalid reference", detail, subject)] };
}

/** `var.x`, `local.x`, `count.index`...: the root must be followed by exactly one attribute name. */
function singleAttr(traversal: Traversal, make: (name: string) => Referenceable): ReferenceResult {
  const root = traversal[0]!;
  const rootName = (root as { name: string }).name;
  const next = traversal[1];
  if (next === undefined) {
    return invalid(
      `The "${rootName}" object cannot be accessed directly. Instead, access one of its attributes.`,
      root.range,
    );
  }
  if (next.kind !== "attr") return invalid(`The "${rootName}" object does not support this operation.`, next.range);
  return {
    ref: { subject: make(next.name), range: rangeBetween(root.range, next.range), remaining: traversal.slice(2) },
    diags: [],
  };
}

function moduleRef(traversal: Traversal): ReferenceResult {
  const single = singleAttr(traversal, (n) => new ModuleCall(n));
  if (single.ref === undefined) return single;
  const call = single.ref.subject as ModuleCall;
  let range = single.ref.range;
  let remain = single.ref.remaining;
  // `module.x` alone may mean the whole call or its single instance: the caller resolves that with context.
  if (remain.length === 0) return { ref: { subject: call, range, remaining: remain }, diags: [] };
  let instance = new ModuleCallInstance(call, NoKey);
  const idx = remain[0]!;
  if (idx.kind === "index") {
    const k = instanceKeyFromValue(idx.key);
    if ("error" in k) {
      return {
        diags: [errorDiag("Invalid index key", `Invalid index for module instance: ${k.error}.`, idx.range)],
      };
    }
    instance = new ModuleCallInstance(call, k.key);
    range = rangeBetween(range, idx.range);
    remain = remain.slice(1);
    if (remain.length === 0) return { ref: { subject: instance, range, remaining: remain }, diags: [] };
  }
  const attr = remain[0]!;
  if (attr.kind === "attr") {
    return {
      ref: {
        subject: new ModuleCallInstanceOutput(instance, attr.name),
        range: rangeBetween(range, attr.range),
        remaining: remain.slice(1),
      },
      diags: [],
    };
  }
  return invalid("Module instance objects do not support this operation.", attr.range);
}

function resourceRef(mode: ResourceMode, startRange: Range, traversal: Traversal): ReferenceResult {
  if (traversal.length < 2) {
    return invalid(
      "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.",
      traversalRange(traversal),
    );
  }
  const typeStep = traversal[0]!;
  if (typeStep.kind === "index") return invalid('The "data" object does not support this operation.', typeStep.range);
  const nameStep = traversal[1]!;
  if (nameStep.kind !== "attr") {
    const what = mode === "data" ? "data source" : "resource type";
    return invalid(
      `A reference to a ${what} must be followed by at least one attribute access, specifying the resource name.`,
      nameStep.range,
    );
  }
  const resource = new Resource(mode, typeStep.name, nameStep.name);
  let range = rangeBetween(startRange, nameStep.range);
  const remain = traversal.slice(2);
  // `aws_instance.a` alone may mean the whole resource (all instances) or its single instance; the caller
  // resolves that ambiguity with the resource's count/for_each.
  if (remain.length === 0) return { ref: { subject: resource, range, remaining: remain }, diags: [] };
  const idx = remain[0]!;
  if (idx.kind === "index") {
    const k = instanceKeyFromValue(idx.key);
    if ("error" in k) {
      return {
        diags: [errorDiag("Invalid index key", `Invalid index for resource instance: ${k.error}.`, idx.range)],
      };
    }
    range = rangeBetween(range, idx.range);
    return { ref: { subject: new ResourceInstance(resource, k.key), range, remaining: remain.slice(1) }, diags: [] };
  }
  return { ref: { subject: new ResourceInstance(resource, NoKey), range, remaining: remain }, diags: [] };
}
