// templatefile and templatestring: parse a string as a template and evaluate it with only the given
// variables in scope. As in Terraform, a template may not call templatefile/templatestring itself, and a
// templatestring template may not read files. Template problems become the function's error message in
// HCL's "file:line,col-col: Summary; Detail" form.

import type { Diagnostic } from "../diagnostics.js";
import { evaluate } from "../eval/evaluate.js";
import { expressionReferences } from "../eval/references.js";
import { rangeString } from "../pos.js";
import { parseTemplate } from "../syntax/parser.js";
import { convert } from "../values/convert.js";
import { DynamicPseudoType, StringType } from "../values/types.js";
import { Value, unknownVal } from "../values/value.js";
import type { FunctionSpec, FunctionTable } from "./function.js";
import { argError, callError, goQuote, param } from "./helpers.js";
import { readFileBytes } from "./filesystem.js";
import { decodeUTF8 } from "./encoding.js";

export const templateFunctionNames: ReadonlySet<string> = new Set(["templatefile", "templatestring"]);
export const filesystemFunctionNames: ReadonlySet<string> = new Set([
  "file",
  "fileexists",
  "fileset",
  "filebase64",
  "filebase64sha256",
  "filebase64sha512",
  "filemd5",
  "filesha1",
  "filesha256",
  "filesha512",
  "templatefile",
]);

/** hcl.Diagnostics.Error(). */
export function diagnosticsText(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === "error");
  const one = (d: Diagnostic): string => `${d.subject ? rangeString(d.subject) + ": " : ""}${d.summary}; ${d.detail ?? ""}`;
  if (errors.length === 1) return one(errors[0]!);
  return `${one(errors[0]!)}, and ${errors.length - 1} other diagnostic(s)`;
}

/** A stand-in that refuses to be called inside a template, with Terraform's message. */
function forbidden(spec: FunctionSpec, message: string): FunctionSpec {
  return {
    params: spec.params,
    varParam: spec.varParam,
    returnType: () => callError(message),
    impl: () => callError(message),
  };
}

function templateScopeFunctions(all: FunctionTable, allowFS: boolean): FunctionTable {
  const out = new Map<string, FunctionSpec>();
  for (const [name, spec] of all) {
    const plain = name.startsWith("core::") ? name.slice("core::".length) : name;
    if (templateFunctionNames.has(plain)) {
      out.set(name, forbidden(spec, `cannot recursively call ${plain} from inside another template function`));
    } else if (!allowFS && filesystemFunctionNames.has(plain)) {
      out.set(
        name,
        forbidden(spec, `cannot use filesystem access functions like ${plain} in templatestring templates; consider passing the function result as a template variable instead`),
      );
    } else out.set(name, spec);
  }
  return out;
}

const identifier = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

function render(source: string, filename: string, vars: Value, functions: FunctionTable, parseErrorPrefix: string): Value {
  const { expr, diags } = parseTemplate(source, filename);
  if (diags.some((d) => d.severity === "error")) callError(`${parseErrorPrefix}${diagnosticsText(diags)}`);
  const k = vars.type.kind;
  if (k !== "map" && k !== "object") argError(1, "invalid vars value: must be a map");
  const variables = new Map(vars.asEntries());
  for (const n of variables.keys()) {
    if (!identifier.test(n)) {
      argError(1, `invalid template variable name ${goQuote(n)}: must start with a letter, followed by zero or more letters, digits, and underscores`);
    }
  }
  for (const traversal of expressionReferences(expr)) {
    const root = traversal[0];
    if (root && root.kind === "root" && !variables.has(root.name)) {
      argError(1, `vars map does not contain key ${goQuote(root.name)}, referenced at ${rangeString(root.range)}`);
    }
  }
  const result = evaluate(expr, { variables, functions });
  if (result.diags.some((d) => d.severity === "error")) callError(diagnosticsText(result.diags));
  return result.value;
}

function loadTemplate(baseDir: string, path: string): string {
  const text = decodeUTF8(readFileBytes(baseDir, path, new Set()));
  if (text === undefined) {
    callError(
      `contents of ${goQuote(path)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
  return text;
}

/** templatefile(path, vars); `functions` is called lazily so the table can contain this function. */
export function makeTemplateFile(baseDir: string, functions: () => FunctionTable): FunctionSpec {
  const renderFile = (args: readonly Value[]): Value => {
    const path = args[0]!.unmark().asString();
    const [vars] = args[1]!.unmarkDeep();
    return render(loadTemplate(baseDir, path), path, vars, templateScopeFunctions(functions(), true), "");
  };
  return {
    params: [
      param("path", StringType, { allowMarked: true, allowUnknown: true }),
      param("vars", DynamicPseudoType, { allowMarked: true, allowUnknown: true }),
    ],
    returnType: (args) => {
      if (!args[0]!.isKnown() || !args[1]!.isWhollyKnown()) return DynamicPseudoType;
      return renderFile(args).type;
    },
    impl: (args, ret) => {
      const marks = new Set([...args[0]!.marks, ...args[1]!.unmarkDeep()[1]]);
      if (!args[0]!.isKnown() || !args[1]!.isWhollyKnown()) return unknownVal(ret).withMarks(marks);
      return renderFile(args).withMarks(marks);
    },
  };
}

/**
 * templatestring(template, vars). Terraform receives the template as an unevaluated expression and insists
 * it is a reference to a string from elsewhere; here it receives the string value itself, so that check is
 * the evaluator's to make.
 */
export function makeTemplateString(functions: () => FunctionTable): FunctionSpec {
  return {
    params: [param("template", StringType, { allowMarked: true }), param("vars", DynamicPseudoType)],
    returnType: () => StringType,
    impl: (args, ret) => {
      const templateMarks = args[0]!.marks;
      const source = args[0]!.unmark().asString();
      const out = render(source, "<templatestring argument>", args[1]!, templateScopeFunctions(functions(), false), "invalid template: ");
      if (!out.isKnown()) return unknownVal(ret).withMarks(templateMarks);
      const r = convert(out, StringType);
      if (!r.ok) callError(`invalid template result: ${r.message}`);
      if (r.value.isNull()) callError("The result of the template is null, which is not a valid result for a templatestring call.");
      return r.value.withMarks(templateMarks);
    },
  };
}
