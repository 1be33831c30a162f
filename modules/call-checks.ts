// The static checks between a module and the modules it calls, done once per call in the tree (not per
// instance): every required input variable is set, every argument names an input variable, and every
// `module.<name>.<output>` reference names an output the child declares. Each diagnostic has the call
// site as its subject and the child's declaration as `declaration` (and in the detail text).

import { ModuleCallInstanceOutput, referenceFromTraversal } from "../addrs/index.js";
import type { ConfigModule } from "../config/index.js";
import { expressionReferences } from "../lang/eval/references.js";
import { formatRange } from "../lang/pos.js";
import { didYouMean } from "../lang/suggest.js";
import type { Body } from "../lang/syntax/ast.js";
import { type ModuleDiagnostic, declaredAt } from "./messages.js";
import type { ModuleTree, ModuleTreeNode } from "./tree-model.js";

export function checkModuleCalls(tree: ModuleTree): ModuleDiagnostic[] {
  const diags: ModuleDiagnostic[] = [];
  for (const node of tree.nodes) {
    for (const child of node.children.values()) checkInputs(child, diags);
    checkOutputReferences(node, tree.nativeBodies, diags);
  }
  // A directory called from several places is one set of files: report each problem in it once.
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.summary}\u0000${d.subject !== undefined ? formatRange(d.subject) : ""}\u0000${d.detail ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeModule(child: ModuleTreeNode): string {
  return `module "${child.call!.name}" (${child.dir})`;
}

function quotedList(names: Iterable<string>): string {
  return [...names]
    .sort()
    .map((n) => `"${n}"`)
    .join(", ");
}

function checkInputs(child: ModuleTreeNode, diags: ModuleDiagnostic[]): void {
  const call = child.call!;
  const vars = child.module.variables;
  const { attributes, diags: bodyDiags } = call.config.justAttributes();
  diags.push(...bodyDiags);
  for (const attr of attributes.values()) {
    if (vars.has(attr.name)) continue;
    const declared = vars.size > 0 ? `The ${describeModule(child)} declares the input variables ${quotedList(vars.keys())}.` : `The ${describeModule(child)} declares no input variables.`;
    diags.push({
      severity: "error",
      summary: "Unsupported argument",
      detail: `An argument named "${attr.name}" is not expected here.${didYouMean(attr.name, vars.keys())} ${declared}`,
      subject: attr.nameRange,
      context: call.declRange,
      ...moduleDeclaration(child.module),
    });
  }
  for (const v of vars.values()) {
    if (attributes.has(v.name) || v.default !== undefined || v.defaultExpr !== undefined) continue;
    diags.push({
      severity: "error",
      summary: "Missing required argument",
      detail: `The argument "${v.name}" is required, but no definition was found. The ${describeModule(child)} declares it as an input variable without a default value, in ${declaredAt(v.declRange)}.`,
      subject: call.config.missingItemRange(),
      context: call.declRange,
      declaration: v.declRange,
    });
  }
}

const addressBlocks = new Set(["moved", "removed", "import"]);

/** Every `module.<call>.<name>` in the module's native-syntax files must name an output of that call. */
function checkOutputReferences(node: ModuleTreeNode, bodies: ReadonlyMap<string, Body>, diags: ModuleDiagnostic[]): void {
  if (node.children.size === 0) return;
  for (const filename of node.module.primaryFiles) {
    const body = bodies.get(filename);
    if (body === undefined) continue; // JSON syntax: checked when the plan evaluates it
    const found: ModuleDiagnostic[] = [];
    const stack: Body[] = [body];
    while (stack.length > 0) {
      const b = stack.pop()!;
      for (const attr of b.attributes.values()) {
        for (const t of expressionReferences(attr.expr)) {
          const root = t[0];
          if (root === undefined || root.kind !== "root" || root.name !== "module") continue;
          const ref = referenceFromTraversal(t).ref;
          if (ref === undefined || !(ref.subject instanceof ModuleCallInstanceOutput)) continue;
          const child = node.children.get(ref.subject.call.call.name);
          if (child === undefined) continue;
          checkOutputName(child.module, child, ref.subject.name, ref.range, found);
        }
      }
      // moved/removed/import blocks hold addresses (`module.web.aws_instance.x`), not output references.
      for (const inner of b.blocks) if (!addressBlocks.has(inner.type)) stack.push(inner.body);
    }
    // The walk visits blocks out of order; report in source order.
    diags.push(...found.sort((a, b) => a.subject!.start.byte - b.subject!.start.byte));
  }
}

function checkOutputName(mod: ConfigModule, child: ModuleTreeNode, name: string, subject: ModuleDiagnostic["subject"], diags: ModuleDiagnostic[]): void {
  if (mod.outputs.has(name)) return;
  const outputs = mod.outputs;
  const declared = outputs.size > 0 ? `The ${describeModule(child)} declares the outputs ${quotedList(outputs.keys())}.` : `The ${describeModule(child)} declares no outputs.`;
  diags.push({
    severity: "error",
    summary: "Unsupported attribute",
    detail: `This object does not have an attribute named "${name}".${didYouMean(name, outputs.keys())} ${declared}`,
    subject,
    ...(outputs.size > 0 ? { declaration: [...outputs.values()][0]!.declRange } : moduleDeclaration(mod)),
  });
}

/** Where to point for "the module's declarations": its first input variable, else the start of its first file. */
function moduleDeclaration(mod: ConfigModule): Pick<ModuleDiagnostic, "declaration"> {
  const first = [...mod.variables.values()][0];
  if (first !== undefined) return { declaration: first.declRange };
  const file = mod.primaryFiles[0];
  if (file === undefined) return {};
  const start = { line: 1, column: 1, byte: 0 };
  return { declaration: { filename: file, start, end: start } };
}
