// Static validation of references: every expression of the module is walked and each reference must name
// something declared here (Terraform's "Reference to undeclared ..." diagnostics with "Did you mean"), and
// `count`, `each` and `self` may only be used where they have a value.

import {
  CountAttr,
  ForEachAttr,
  InputVariable,
  LocalValue,
  ModuleCall,
  ModuleCallInstance,
  ModuleCallInstanceOutput,
  PathAttr,
  type Reference,
  Resource as ResourceAddr,
  ResourceInstance,
  SelfRef,
  TerraformAttr,
  referenceFromTraversal,
} from "../addrs/index.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { didYouMean } from "../lang/suggest.js";
import type { Block, Body, Expression, Traversal } from "../lang/syntax/ast.js";
import { expressionReferences } from "../lang/eval/references.js";
import type { CheckRule, ConfigModule, Resource } from "./model.js";

interface Scope {
  readonly count: boolean;
  readonly forEach: boolean;
  readonly self: boolean;
  /** Names bound locally (dynamic block iterators). */
  readonly bound: ReadonlySet<string>;
}
const plain: Scope = { count: false, forEach: false, self: false, bound: new Set() };

export function validateReferences(mod: ConfigModule, nativeBodies: ReadonlyMap<string, Body>): Diagnostic[] {
  const v = new ReferenceValidator(mod);
  for (const variable of mod.variables.values()) v.rules(variable.validations, plain);
  for (const l of mod.locals.values()) v.expr(l.expr, plain);
  for (const o of mod.outputs.values()) {
    if (o.expr !== undefined) v.expr(o.expr, plain);
    v.traversals(o.dependsOn, plain);
    v.rules(o.preconditions, plain);
  }
  for (const r of [...mod.managedResources.values(), ...mod.dataResources.values()]) v.resourceMeta(r);
  for (const c of mod.checks.values()) v.rules(c.asserts, plain);
  for (const m of mod.moduleCalls.values()) {
    if (m.count !== undefined) v.expr(m.count, plain);
    if (m.forEach !== undefined) v.expr(m.forEach, plain);
    v.traversals(m.dependsOn, plain);
  }
  for (const i of mod.imports) {
    const s: Scope = { ...plain, forEach: i.forEach !== undefined };
    v.expr(i.id, s);
    if (i.forEach !== undefined) v.expr(i.forEach, plain);
  }
  // Provider-specific bodies (resources, module inputs) are walked in their native syntax, where the
  // structure is known without a schema. JSON bodies need the provider schema: see validate-resource-body.
  for (const body of nativeBodies.values()) {
    for (const block of body.blocks) v.nativeBlock(block);
  }
  return v.diags;
}

/**
 * The references of loose expressions (a test's assertions) checked against the module as if they were in a
 * root-module body: "Reference to undeclared input variable" and the others, with "Did you mean".
 */
export function validateExpressionReferences(mod: ConfigModule, exprs: readonly Expression[]): Diagnostic[] {
  const v = new ReferenceValidator(mod);
  for (const e of exprs) v.expr(e, plain);
  return v.diags;
}

const resourceMetaAttrs = new Set(["count", "for_each", "provider", "depends_on"]);
const moduleMetaAttrs = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);
const providerMetaAttrs = new Set(["alias", "version"]);
const resourceMetaBlocks = new Set(["lifecycle"]);
const noNames: ReadonlySet<string> = new Set();

/** The scope of a resource or module body: `plain` itself when it has neither count nor for_each (most). */
function repeatedScope(count: boolean, forEach: boolean): Scope {
  return count || forEach ? { ...plain, count, forEach } : plain;
}

class ReferenceValidator {
  readonly diags: Diagnostic[] = [];
  constructor(private readonly mod: ConfigModule) {}

  rules(rules: readonly CheckRule[], s: Scope): void {
    for (const r of rules) {
      this.expr(r.condition, s);
      this.expr(r.errorMessage, s);
    }
  }

  traversals(ts: readonly Traversal[], s: Scope): void {
    for (const t of ts) this.traversal(t, s);
  }

  expr(e: Expression, s: Scope): void {
    for (const t of expressionReferences(e)) {
      // Dynamic-block iterators are bound names here, not references to anything in the module.
      const root = t[0];
      if (root !== undefined && root.kind === "root" && s.bound.has(root.name)) continue;
      this.traversal(t, s);
    }
  }

  resourceMeta(r: Resource): void {
    if (r.count !== undefined) this.expr(r.count, plain);
    if (r.forEach !== undefined) this.expr(r.forEach, plain);
    this.traversals(r.dependsOn, plain);
    const s = repeatedScope(r.count !== undefined, r.forEach !== undefined);
    this.rules(r.preconditions, s);
    if (r.postconditions.length > 0) this.rules(r.postconditions, { ...s, self: true });
    for (const e of r.managed?.replaceTriggeredBy ?? []) this.expr(e, s);
  }

  nativeBlock(block: Block): void {
    const body = block.body;
    if ((block.type === "resource" || block.type === "data") && block.labels.length === 2) {
      this.nativeBody(body, repeatedScope(hasAttribute(body, "count"), hasAttribute(body, "for_each")), resourceMetaAttrs, resourceMetaBlocks);
    } else if (block.type === "module" && block.labels.length === 1) {
      this.nativeBody(body, repeatedScope(hasAttribute(body, "count"), hasAttribute(body, "for_each")), moduleMetaAttrs, noNames);
    } else if (block.type === "provider") {
      this.nativeBody(block.body, plain, providerMetaAttrs, noNames);
    }
  }

  /** Walks a provider-specific body: nested blocks, and `dynamic` blocks whose iterator names are bound. */
  private nativeBody(root: Body, rootScope: Scope, skipAttrs: ReadonlySet<string>, skipBlocks: ReadonlySet<string>): void {
    const stack: { body: Body; s: Scope; top: boolean }[] = [{ body: root, s: rootScope, top: true }];
    while (stack.length > 0) {
      const { body, s, top } = stack.pop()!;
      // The items, not body.attributes: that map is built on first read and kept with the body for the
      // rest of the run, one per block of the configuration (items hold each attribute once, in order).
      const items = body.items;
      for (let i = 0; i < items.length; i++) {
        const attr = items[i]!;
        if (attr.kind !== "Attribute" || (top && skipAttrs.has(attr.name))) continue;
        this.expr(attr.expr, s);
      }
      for (const b of body.blocks) {
        if (top && skipBlocks.has(b.type)) continue;
        if (b.type === "dynamic" && b.labels.length === 1) {
          const forEach = b.body.attributes.get("for_each");
          if (forEach !== undefined) this.expr(forEach.expr, s);
          const it = b.body.attributes.get("iterator");
          const iterName = it !== undefined && it.expr.kind === "ScopeTraversal" && it.expr.traversal.length === 1
            ? (it.expr.traversal[0] as { name: string }).name
            : b.labels[0]!;
          const inner: Scope = { ...s, bound: new Set([...s.bound, iterName]) };
          const labels = b.body.attributes.get("labels");
          if (labels !== undefined) this.expr(labels.expr, inner);
          for (const cb of b.body.blocks) if (cb.type === "content") stack.push({ body: cb.body, s: inner, top: false });
          continue;
        }
        stack.push({ body: b.body, s, top: false });
      }
    }
  }

  private traversal(t: Traversal, s: Scope): void {
    const r = referenceFromTraversal(t);
    this.diags.push(...r.diags);
    if (r.ref !== undefined) this.reference(r.ref, s);
  }

  private reference(ref: Reference, s: Scope): void {
    const subj = ref.subject;
    const err = (summary: string, detail: string): void => {
      this.diags.push(errorDiag(summary, detail, ref.range));
    };
    if (subj instanceof InputVariable) {
      const name = subj.name;
      if (this.mod.variables.has(name)) return;
      const suggestion = didYouMean(name, this.mod.variables.keys());
      err(
        "Reference to undeclared input variable",
        `An input variable with the name "${name}" has not been declared.${suggestion !== "" ? suggestion : ` This variable can be declared with a variable "${name}" {} block.`}`,
      );
    } else if (subj instanceof LocalValue) {
      const name = subj.name;
      if (this.mod.locals.has(name)) return;
      err("Reference to undeclared local value", `A local value with the name "${name}" has not been declared.${didYouMean(name, this.mod.locals.keys())}`);
    } else if (subj instanceof ModuleCall || subj instanceof ModuleCallInstance || subj instanceof ModuleCallInstanceOutput) {
      const call = subj instanceof ModuleCall ? subj : subj instanceof ModuleCallInstance ? subj.call : subj.call.call;
      const name = call.name;
      if (this.mod.moduleCalls.has(name)) return;
      err(
        "Reference to undeclared module",
        `No module call named "${name}" is declared in the root module.${didYouMean(name, [...this.mod.moduleCalls.keys()].sort())}`,
      );
    } else if (subj instanceof ResourceAddr || subj instanceof ResourceInstance) {
      const addr = subj instanceof ResourceAddr ? subj : subj.resource;
      const map = addr.mode === "data" ? this.mod.dataResources : this.mod.managedResources;
      if (map.has(addr.key())) return;
      let hint = "";
      if (addr.mode === "managed" && this.mod.dataResources.has(new ResourceAddr("data", addr.type, addr.name).key())) {
        hint = `\n\nDid you mean the data resource data.${addr.type}.${addr.name}?`;
      }
      err(
        "Reference to undeclared resource",
        `A ${addr.mode} resource "${addr.type}" "${addr.name}" has not been declared in the root module.${hint}`,
      );
    } else if (subj instanceof CountAttr) {
      if (subj.name !== "index") {
        err('Invalid "count" attribute', `The "count" object does not have an attribute named "${subj.name}". The only supported attribute is count.index, which is the index of each instance of a resource block that has the "count" argument set.`);
      } else if (!s.count) {
        err('Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.');
      }
    } else if (subj instanceof ForEachAttr) {
      if (subj.name !== "key" && subj.name !== "value") {
        err('Invalid "each" attribute', `The "each" object does not have an attribute named "${subj.name}". The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.`);
      } else if (!s.forEach && s.count) {
        // Terraform evaluates a counted block with instance data that has no each.* in it.
        err(`each.${subj.name} cannot be used in this context`, `A reference to "each.${subj.name}" has been used in a context in which it is unavailable, such as when the configuration no longer contains the value in its "for_each" expression. Remove this reference to each.${subj.name} in your configuration to work around this error.`);
      } else if (!s.forEach) {
        err('Reference to "each" in context without for_each', 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.');
      }
    } else if (subj instanceof PathAttr) {
      if (subj.name !== "module" && subj.name !== "root" && subj.name !== "cwd") {
        err('Invalid "path" attribute', `The "path" object does not have an attribute named "${subj.name}". The only supported attributes are path.module, the path for the module in which the current block is declared, path.root, the root module path, and path.cwd, the current working directory.`);
      }
    } else if (subj instanceof TerraformAttr) {
      if (subj.name !== "workspace") {
        err('Invalid "terraform" attribute', `The "terraform" object does not have an attribute named "${subj.name}". The only supported attribute is terraform.workspace, the name of the currently-selected workspace.`);
      }
    } else if (subj instanceof SelfRef) {
      if (!s.self) {
        err('Invalid "self" reference', 'The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.');
      }
    } else {
      const unhandled: never = subj;
      throw new Error(`bug: unhandled reference subject ${String(unhandled)}`);
    }
  }
}

/** Whether the body sets the attribute (see nativeBody on why not body.attributes). */
function hasAttribute(body: Body, name: string): boolean {
  const items = body.items;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === "Attribute" && it.name === name) return true;
  }
  return false;
}
