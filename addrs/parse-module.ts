// Parsing the `module.a["x"].module.b` prefix that starts module, resource and provider addresses.

import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Traversal, Traverser } from "../lang/syntax/ast.js";
import { instanceKeyFromValue } from "./instance-key.js";
import { Module, ModuleInstance, ModuleInstanceStep } from "./module.js";
import { traversalRange } from "./traversal-parse.js";

export function stepName(t: Traverser | undefined): string | undefined {
  return t !== undefined && (t.kind === "root" || t.kind === "attr") ? t.name : undefined;
}

/** After a module prefix, the rest starts with a root step again so that callers see a fresh traversal. */
function asRootTraversal(remain: Traversal): Traversal {
  const first = remain[0];
  if (first === undefined || first.kind !== "attr") return remain;
  return [{ kind: "root", name: first.name, range: first.range }, ...remain.slice(1)];
}

/** `module.<name>` at the head of remain: the name, or undefined when the head is not `module`. */
function moduleName(remain: Traversal, diags: Diagnostic[]): string | undefined {
  const head = remain[0];
  if (head === undefined) return undefined;
  if (head.kind === "index") {
    diags.push(
      errorDiag("Invalid address operator", "Module address prefix must be followed by dot and then a name.", head.range),
    );
    return undefined;
  }
  if (head.name !== "module") return undefined;
  const next = remain[1];
  if (next === undefined || next.kind !== "attr") {
    diags.push(
      errorDiag(
        "Invalid address operator",
        'Prefix "module." must be followed by a module name.',
        next === undefined ? head.range : next.range,
      ),
    );
    return undefined;
  }
  return next.name;
}

export interface ModuleInstancePrefix {
  readonly module: ModuleInstance;
  readonly remain: Traversal;
  readonly diags: Diagnostic[];
}

export function parseModuleInstancePrefix(traversal: Traversal): ModuleInstancePrefix {
  const diags: Diagnostic[] = [];
  const steps: ModuleInstanceStep[] = [];
  let remain = traversal;
  for (;;) {
    const name = moduleName(remain, diags);
    if (name === undefined || diags.length > 0) break;
    remain = remain.slice(2);
    const idx = remain[0];
    if (idx !== undefined && idx.kind === "index") {
      remain = remain.slice(1);
      const k = instanceKeyFromValue(idx.key);
      if ("error" in k) {
        const detail =
          idx.key.type.kind === "number"
            ? `Invalid module index: ${k.error}.`
            : "Invalid module key: must be either a string or an integer.";
        diags.push(errorDiag("Invalid address operator", detail, idx.range));
        steps.push(new ModuleInstanceStep(name));
      } else {
        steps.push(new ModuleInstanceStep(name, k.key));
      }
    } else {
      steps.push(new ModuleInstanceStep(name));
    }
  }
  return { module: new ModuleInstance(steps), remain: asRootTraversal(remain), diags };
}

/** A static module path: instance keys are an error here. */
export function parseModulePrefix(traversal: Traversal): { module: Module; remain: Traversal; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const names: string[] = [];
  let remain = traversal;
  for (;;) {
    const name = moduleName(remain, diags);
    if (name === undefined || diags.length > 0) break;
    remain = remain.slice(2);
    const idx = remain[0];
    if (idx !== undefined && idx.kind === "index") {
      diags.push(
        errorDiag(
          "Module instance address with keys is not allowed",
          'Module address cannot be a module instance (e.g. "module.a[0]"), it must be a module instead (e.g. "module.a").',
          idx.range,
        ),
      );
      return { module: new Module(names), remain, diags };
    }
    names.push(name);
  }
  return { module: new Module(names), remain: asRootTraversal(remain), diags };
}

export function parseModuleInstance(traversal: Traversal): { module: ModuleInstance; diags: Diagnostic[] } {
  const { module, remain, diags } = parseModuleInstancePrefix(traversal);
  if (remain.length > 0 && diags.length === 0) {
    const detail =
      remain.length === traversal.length
        ? 'A module instance address must begin with "module.".'
        : "The module instance address is followed by additional invalid content.";
    diags.push(errorDiag("Invalid module instance address", detail, traversalRange(remain)));
  }
  return { module, diags };
}
