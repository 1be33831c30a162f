// hcldec's spec-file language (HCL's cmd/hcldec/spec.go), in which the specification suite writes how each
// case is decoded:
//
//   variables { bar = "Bar" }                 # values the input may refer to
//   object {                                  # exactly one root spec block
//     attr "name" { type = string  required = true }
//     block "b" { object { ... } }            # also block_list/block_set (min_items, max_items),
//     block_map "m" { labels = ["k"]  ... }   # block_map, block_attrs (element_type),
//     literal { value = "ok" }                # literal, default { spec... }, array { spec... },
//   }                                         # transform { result = expr(nested)  spec }
//
// User-defined `function` blocks (ext/userfunc) are not supported; a spec file using them gets an error.

import { errorDiag, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { AttributeSchema, BodySchema, ContentAttribute, ContentBlock, SyntaxBody } from "../body.js";
import { functionsOnlyContext, type EvalContext } from "../eval/context.js";
import { evaluate } from "../eval/evaluate.js";
import { startRange } from "../eval/ranges.js";
import type { FunctionTable } from "../funcs/function.js";
import type { Expression } from "../syntax/ast.js";
import { typeConstraint } from "../typeexpr/index.js";
import { convert } from "../values/convert.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf, type Type } from "../values/types.js";
import { NullDynamic, type Value } from "../values/value.js";
import { specType } from "./decode.js";
import type { Spec } from "./spec.js";

export interface SpecFile {
  readonly spec: Spec;
  /** Values from `variables` blocks: the scope the decoded input is evaluated in. */
  readonly variables: ReadonlyMap<string, Value>;
  readonly diags: Diagnostic[];
}

/** What hcldec substitutes for a spec that could not be decoded. */
const errSpec: Spec = { kind: "literal", value: NullDynamic };

const specBlockTypes = [
  "object",
  "array",
  "literal",
  "attr",
  "block",
  "block_list",
  "block_map",
  "block_set",
  "block_attrs",
  "default",
  "transform",
];
const unlabelled: BodySchema = { blocks: specBlockTypes.map((type) => ({ type })) };
const labelled: BodySchema = { blocks: specBlockTypes.map((type) => ({ type, labelNames: ["key"] })) };

/**
 * Reads a spec file's body. `functions` are those spec files may call in `variables`, `literal` and
 * `transform` (hcldec offers a few of go-cty's standard library).
 */
export function loadSpecFile(body: SyntaxBody, functions: FunctionTable = new Map()): SpecFile {
  const specCtx = functionsOnlyContext(functions);
  const diags: Diagnostic[] = [];
  const decls = body.partialContent({
    blocks: [{ type: "function", labelNames: ["name"] }, { type: "variables" }],
  });
  diags.push(...decls.diags);
  const variables = new Map<string, Value>();
  for (const block of decls.content.blocks) {
    if (block.type === "function") {
      diags.push(
        errorDiag(
          "Unsupported spec feature",
          "User-defined functions in hcldec spec files are not supported by Cairn's decoder.",
          block.defRange,
        ),
      );
      continue;
    }
    const { attributes, diags: attrDiags } = block.body.justAttributes();
    diags.push(...attrDiags);
    for (const [name, attr] of attributes) {
      const r = evaluate(attr.expr, specCtx);
      diags.push(...r.diags);
      variables.set(name, r.value);
    }
  }
  const root = exactlyOneSpecBlock(decls.remain, diags, "A spec file must have exactly one root block specifying how to map to a JSON value.");
  const spec = root === undefined ? errSpec : decodeSpecBlock(root, specCtx, diags);
  return { spec, variables, diags };
}

function exactlyOneSpecBlock(body: SyntaxBody, diags: Diagnostic[], detail: string): ContentBlock | undefined {
  const { content, diags: contentDiags } = body.content(unlabelled);
  diags.push(...contentDiags);
  if (content.blocks.length === 0) {
    if (!hasErrors(contentDiags)) diags.push(errorDiag("Missing spec block", detail, body.missingItemRange()));
    return undefined;
  }
  if (content.blocks.length > 1) {
    diags.push(errorDiag("Extraneous spec block", detail, content.blocks[1]!.defRange));
    return undefined;
  }
  return content.blocks[0];
}

function decodeSpecBlock(block: ContentBlock, specCtx: EvalContext, diags: Diagnostic[]): Spec {
  const implied = block.labels[0] ?? "";
  switch (block.type) {
    case "object": {
      const { content, diags: d } = block.body.content(labelled);
      diags.push(...d);
      const attrs = new Map<string, Spec>();
      for (const child of content.blocks) attrs.set(child.labels[0]!, decodeSpecBlock(child, specCtx, diags));
      return { kind: "object", attrs };
    }
    case "array": {
      const { content, diags: d } = block.body.content(unlabelled);
      diags.push(...d);
      return { kind: "tuple", elems: content.blocks.map((b) => decodeSpecBlock(b, specCtx, diags)) };
    }
    case "attr":
      return decodeAttrSpec(block, implied, diags);
    case "block":
    case "block_list":
    case "block_set":
    case "block_map":
      return decodeBlockSpec(block, implied, specCtx, diags);
    case "block_attrs":
      return decodeBlockAttrsSpec(block, implied, diags);
    case "literal": {
      const args = readArgs(block.body, [{ name: "value", required: true }], false, diags);
      if (args === undefined) return errSpec;
      const r = evaluate(args.attrs.get("value")!.expr, specCtx);
      diags.push(...r.diags);
      return hasErrors(r.diags) ? errSpec : { kind: "literal", value: r.value };
    }
    case "default":
      return decodeDefaultSpec(block, specCtx, diags);
    case "transform":
      return decodeTransformSpec(block, specCtx, diags);
    default:
      diags.push(errorDiag("Invalid spec block", `Blocks of type "${block.type}" are not expected here.`, block.typeRange));
      return errSpec;
  }
}

interface Args {
  readonly attrs: ReadonlyMap<string, ContentAttribute>;
  readonly remain: SyntaxBody | undefined;
}

/** gohcl.DecodeBody for the spec blocks' small argument structs; undefined when it reported errors. */
function readArgs(body: SyntaxBody, attributes: readonly AttributeSchema[], remain: boolean, diags: Diagnostic[]): Args | undefined {
  const schema: BodySchema = { attributes };
  if (remain) {
    const r = body.partialContent(schema);
    diags.push(...r.diags);
    return hasErrors(r.diags) ? undefined : { attrs: r.content.attributes, remain: r.remain };
  }
  const r = body.content(schema);
  diags.push(...r.diags);
  return hasErrors(r.diags) ? undefined : { attrs: r.content.attributes, remain: undefined };
}

/** gohcl.DecodeExpression of an optional argument into a Go value of type `want` (no variables allowed). */
function argValue(args: Args, name: string, want: Type, diags: Diagnostic[]): Value | undefined {
  const attr = args.attrs.get(name);
  if (attr === undefined) return undefined;
  const r = evaluate(attr.expr, undefined);
  diags.push(...r.diags);
  const c = convert(r.value, want);
  if (!c.ok || c.value.isNull() || !c.value.isWhollyKnown()) {
    const message = c.ok ? (c.value.isNull() ? "value must not be null" : "value must be known") : c.message;
    diags.push(errorDiag("Unsuitable value type", `Unsuitable value: ${message}`, startRange(attr.expr), attr.expr.range));
    return undefined;
  }
  return c.value;
}

function stringArg(args: Args, name: string, diags: Diagnostic[]): string | undefined {
  return argValue(args, name, StringType, diags)?.asString();
}
function boolArg(args: Args, name: string, diags: Diagnostic[]): boolean | undefined {
  return argValue(args, name, BoolType, diags)?.asBool();
}
function intArg(args: Args, name: string, diags: Diagnostic[]): number | undefined {
  const v = argValue(args, name, NumberType, diags);
  if (v === undefined) return undefined;
  const n = v.asNumber();
  if (!n.isInteger()) {
    const attr = args.attrs.get(name)!;
    diags.push(errorDiag("Unsuitable value type", "Unsuitable value: a whole number is required", startRange(attr.expr), attr.expr.range));
    return undefined;
  }
  return n.toNumber();
}

/** hcldec's evalTypeExpr: a type expression; an absent or null one means `any`. */
function typeArg(expr: Expression | undefined, diags: Diagnostic[]): Type {
  if (expr === undefined) return DynamicPseudoType;
  if (expr.kind === "LiteralValue" && expr.value.isNull()) return DynamicPseudoType;
  const r = typeConstraint(expr);
  diags.push(...r.diags);
  return hasErrors(r.diags) ? DynamicPseudoType : r.type;
}

function decodeAttrSpec(block: ContentBlock, implied: string, diags: Diagnostic[]): Spec {
  const args = readArgs(block.body, [{ name: "name" }, { name: "type" }, { name: "required" }], false, diags);
  if (args === undefined) return errSpec;
  const name = stringArg(args, "name", diags) ?? implied;
  const required = boolArg(args, "required", diags) ?? false;
  const type = typeArg(args.attrs.get("type")?.expr, diags);
  if (name === "") {
    diags.push(
      errorDiag(
        "Missing name in attribute spec",
        "The name attribute is required, to specify the attribute name that is expected in an input HCL file.",
        block.body.missingItemRange(),
      ),
    );
    return errSpec;
  }
  return { kind: "attr", name, type, required };
}

function decodeBlockSpec(block: ContentBlock, implied: string, specCtx: EvalContext, diags: Diagnostic[]): Spec {
  const kind = block.type as "block" | "block_list" | "block_set" | "block_map";
  const attributes: AttributeSchema[] = [{ name: "block_type" }];
  if (kind === "block") attributes.push({ name: "required" });
  if (kind === "block_list" || kind === "block_set") attributes.push({ name: "min_items" }, { name: "max_items" });
  // gohcl makes a non-pointer []string field required.
  if (kind === "block_map") attributes.push({ name: "labels", required: true });
  const args = readArgs(block.body, attributes, true, diags);
  if (args === undefined) return errSpec;
  const typeName = stringArg(args, "block_type", diags) ?? implied;

  const nestedBlock = exactlyOneSpecBlock(
    args.remain!,
    diags,
    "A block spec must have exactly one child spec specifying how to decode block contents.",
  );
  const nested = nestedBlock === undefined ? errSpec : decodeSpecBlock(nestedBlock, specCtx, diags);
  const missing = (what: string): Spec => {
    diags.push(
      errorDiag(
        `Missing block_type in ${what} spec`,
        "The block_type attribute is required, to specify the block type name that is expected in an input HCL file.",
        block.body.missingItemRange(),
      ),
    );
    return errSpec;
  };

  switch (kind) {
    case "block":
      return { kind, typeName, nested, required: boolArg(args, "required", diags) ?? false };
    case "block_list":
    case "block_set": {
      const minItems = intArg(args, "min_items", diags) ?? 0;
      const maxItems = intArg(args, "max_items", diags) ?? 0;
      if (typeName === "") return missing(kind);
      return { kind, typeName, nested, minItems, maxItems };
    }
    case "block_map": {
      const labels = argValue(args, "labels", listOf(StringType), diags);
      const labelNames = labels === undefined ? [] : labels.asElements().map((v) => v.asString());
      if (typeName === "") return missing(kind);
      if (labelNames.length < 1) {
        diags.push(
          errorDiag("Invalid block label name list", "A block_map must have at least one label specified.", block.body.missingItemRange()),
        );
        return errSpec;
      }
      const spec: Spec = { kind, typeName, labelNames, nested };
      if (hasDynamic(specType(spec))) {
        diags.push(
          errorDiag("Invalid block_map spec", "A block_map spec may not contain attributes with type 'any'.", block.body.missingItemRange()),
        );
      }
      return spec;
    }
  }
}

function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case "dynamic":
      return true;
    case "list":
    case "set":
    case "map":
      return hasDynamic(t.elem);
    case "tuple":
      return t.elems.some(hasDynamic);
    case "object":
      return [...t.attrs.values()].some(hasDynamic);
    default:
      return false;
  }
}

function decodeBlockAttrsSpec(block: ContentBlock, implied: string, diags: Diagnostic[]): Spec {
  const args = readArgs(block.body, [{ name: "block_type" }, { name: "element_type" }, { name: "required" }], false, diags);
  if (args === undefined) return errSpec;
  const typeName = stringArg(args, "block_type", diags) ?? implied;
  const required = boolArg(args, "required", diags) ?? false;
  const elementType = typeArg(args.attrs.get("element_type")?.expr, diags);
  if (typeName === "") {
    diags.push(
      errorDiag(
        "Missing block_type in block_attrs spec",
        "The block_type attribute is required, to specify the block type name that is expected in an input HCL file.",
        block.body.missingItemRange(),
      ),
    );
    return errSpec;
  }
  return { kind: "block_attrs", typeName, elementType, required };
}

function decodeDefaultSpec(block: ContentBlock, specCtx: EvalContext, diags: Diagnostic[]): Spec {
  const { content, diags: d } = block.body.content(unlabelled);
  diags.push(...d);
  if (content.blocks.length === 0) {
    if (!hasErrors(d)) {
      diags.push(
        errorDiag(
          "Missing spec block",
          "A default block must have at least one nested spec, each specifying a possible outcome.",
          block.body.missingItemRange(),
        ),
      );
    }
    return errSpec;
  }
  if (content.blocks.length === 1 && !hasErrors(d)) {
    diags.push({
      severity: "warning",
      summary: "Useless default block",
      detail: "A default block with only one spec is equivalent to using that spec alone.",
      subject: content.blocks[0]!.defRange,
    });
  }
  let spec: Spec | undefined;
  for (const child of content.blocks) {
    const childDiags: Diagnostic[] = [];
    const candidate = decodeSpecBlock(child, specCtx, childDiags);
    diags.push(...childDiags);
    if (hasErrors(childDiags)) continue;
    spec = spec === undefined ? candidate : { kind: "default", primary: spec, fallback: candidate };
  }
  return spec ?? errSpec;
}

function decodeTransformSpec(block: ContentBlock, specCtx: EvalContext, diags: Diagnostic[]): Spec {
  const args = readArgs(block.body, [{ name: "result" }], true, diags);
  if (args === undefined) return errSpec;
  const resultExpr = args.attrs.get("result")?.expr;
  const { content, diags: d } = args.remain!.content(unlabelled);
  diags.push(...d);
  if (content.blocks.length !== 1) {
    if (hasErrors(d)) return errSpec;
    diags.push(
      errorDiag("Invalid transform spec", "A transform spec block must have exactly one nested spec block.", block.body.missingItemRange()),
    );
    return errSpec;
  }
  const wrapped = decodeSpecBlock(content.blocks[0]!, specCtx, diags);
  // gohcl gives an absent expression argument a null value.
  const expr: Expression = resultExpr ?? { kind: "LiteralValue", value: NullDynamic, range: block.body.missingItemRange() };
  return { kind: "transform", wrapped, expr, ctx: specCtx, varName: "nested" };
}
