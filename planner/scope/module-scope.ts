// The evaluation scope of the root module outside a plan: input variables, locals, resources recorded in
// state, `path.*` and `terraform.workspace`. `cairn console` evaluates its input here; the plan walk builds
// the same names node by node.

import { resolve } from "node:path";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { terraformFunctions } from "../../lang/funcs/table.js";
import type { FunctionTable } from "../../lang/funcs/function.js";
import { DynamicVal, objectVal, stringVal, unknownVal, type Value } from "../../lang/values/value.js";
import { DynamicPseudoType, isPrimitive } from "../../lang/values/types.js";
import type { ConfigModule, Variable } from "../../config/model.js";
import type { StateFile } from "../../state/model.js";
import type { VariableDeclaration } from "../variables/declaration.js";
import type { RawVariableValue } from "../variables/raw.js";
import { finalizeVariables } from "../variables/finalize.js";
import { evaluateLocals } from "./locals.js";
import { rootResourceValues, type StateSchemaLookup } from "./state-values.js";

export interface ModuleScopeInput {
  readonly cwd: string;
  readonly module?: ConfigModule;
  readonly rawVariables: ReadonlyMap<string, RawVariableValue>;
  readonly state?: StateFile;
  readonly workspace: string;
  /** Provider schemas of the resources in state, to decode their attributes. */
  readonly stateSchemas: StateSchemaLookup;
}

export interface ModuleScope {
  readonly ctx: EvalContext;
  readonly diags: Diagnostic[];
}

export function variableDeclaration(v: Variable): VariableDeclaration {
  return {
    name: v.name,
    type: v.constraintType,
    defaultValue: v.default,
    description: v.descriptionSet ? v.description : undefined,
    sensitive: v.sensitive,
    nullable: v.nullable,
    validations: v.validations.map((r) => ({ condition: r.condition, errorMessage: r.errorMessage, range: r.declRange })),
    declRange: v.declRange,
    parsingMode: !v.typeSet || isPrimitive(v.constraintType) ? "literal" : "hcl",
  };
}

export async function buildModuleScope(input: ModuleScopeInput): Promise<ModuleScope> {
  const diags: Diagnostic[] = [];
  const functions: FunctionTable = terraformFunctions({ baseDir: input.cwd });
  const module = input.module;

  const decls = new Map([...(module?.variables.values() ?? [])].map((v) => [v.name, variableDeclaration(v)]));
  const vars = await finalizeVariables(decls, input.rawVariables, { functions });
  diags.push(...vars.diags);
  const varValues = new Map(vars.values);
  // A variable that failed is unknown, so that everything else can still be evaluated.
  for (const name of decls.keys()) if (!varValues.has(name)) varValues.set(name, DynamicVal);

  const fixed = new Map<string, Value>([
    ["var", objectVal(varValues)],
    [
      "path",
      objectVal({ module: stringVal("."), root: stringVal("."), cwd: stringVal(resolve(input.cwd)) }),
    ],
    ["terraform", objectVal({ workspace: stringVal(input.workspace) })],
  ]);

  const fromState = rootResourceValues(input.state, input.stateSchemas);
  if (module !== undefined) {
    // Declared but not yet applied resources are known after apply.
    for (const r of [...module.managedResources.values(), ...module.dataResources.values()]) {
      const root = r.mode === "data" ? "data" : r.type;
      let names = fromState.get(root);
      if (names === undefined) fromState.set(root, (names = new Map()));
      if (r.mode === "data") {
        const typeObj = names.get(r.type);
        const inner = new Map(typeObj?.isKnown() ? typeObj.asEntries() : []);
        if (!inner.has(r.name)) inner.set(r.name, unknownVal(DynamicPseudoType));
        names.set(r.type, objectVal(inner));
      } else if (!names.has(r.name)) {
        names.set(r.name, unknownVal(DynamicPseudoType));
      }
    }
    const moduleOutputs = new Map<string, Value>();
    for (const name of module.moduleCalls.keys()) moduleOutputs.set(name, DynamicVal);
    if (moduleOutputs.size > 0) fixed.set("module", objectVal(moduleOutputs));
  }
  for (const [root, names] of fromState) fixed.set(root, objectVal(names));

  const scopeWith = (locals: ReadonlyMap<string, Value>): EvalContext => ({
    variables: new Map([...fixed, ["local", objectVal(locals)]]),
    functions,
  });
  const locals = evaluateLocals(module?.locals ?? new Map(), scopeWith);
  diags.push(...locals.diags);
  return { ctx: scopeWith(locals.values), diags };
}
