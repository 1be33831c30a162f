// JSON values to native Expression nodes, so that the evaluator treats both syntaxes alike (HCL's
// json.expression, which does the same conversion at evaluation time):
//   string  -> a template parsed from the decoded text, positioned just after the opening quote
//              (escapes make later positions approximate, exactly as in HCL)
//   number  -> LiteralValue (exact decimal), true/false/null -> LiteralValue
//   array   -> TupleCons, object -> ObjectCons whose keys are templates too.
// Template syntax errors are reported when the expression is built (HCL reports them when it is evaluated);
// the expression then evaluates to an unknown value so that evaluation carries on.

import { errorDiag, hasErrors, type Diagnostic } from "../diagnostics.js";
import type { Range } from "../pos.js";
import type { Expression, ObjectConsItem } from "../syntax/ast.js";
import { DynamicVal, False, NullDynamic, True, numberVal, type Value } from "../values/value.js";
import { parseTemplate } from "./native.js";
import type { JsonNode, JsonObject, JsonString } from "./nodes.js";
import { recordJsonOrigin } from "./origin.js";
import { rangeString } from "../pos.js";

export interface BuiltExpr {
  readonly expr: Expression;
  readonly diags: Diagnostic[];
}

const cache = new WeakMap<JsonNode, BuiltExpr>();

/** The expression for a JSON value; built once per node, so repeated decoding yields the same objects. */
export function exprForJson(node: JsonNode): BuiltExpr {
  const hit = cache.get(node);
  if (hit !== undefined) return hit;
  const diags: Diagnostic[] = [];
  const expr = build(node, diags);
  const built = { expr, diags };
  cache.set(node, built);
  return built;
}

function literal(value: Value, range: Range): Expression {
  return { kind: "LiteralValue", value, range };
}

function build(node: JsonNode, diags: Diagnostic[]): Expression {
  let expr: Expression;
  switch (node.kind) {
    case "string":
      expr = templateForString(node, diags);
      break;
    case "number":
      expr = literal(numberVal(node.value), node.range);
      break;
    case "bool":
      expr = literal(node.value ? True : False, node.range);
      break;
    case "null":
      expr = literal(NullDynamic, node.range);
      break;
    case "invalid":
      expr = literal(DynamicVal, node.range);
      break;
    case "array":
      expr = { kind: "TupleCons", exprs: node.values.map((v) => build(v, diags)), openRange: node.openRange, range: node.range };
      break;
    case "object":
      expr = objectCons(node, diags);
      break;
  }
  recordJsonOrigin(expr, node);
  return expr;
}

/** Parses a decoded JSON string as a template; on syntax errors, an unknown value plus the diagnostics. */
export function templateForString(node: JsonString, diags: Diagnostic[]): Expression {
  const start = { line: node.range.start.line, column: node.range.start.column + 1, byte: node.range.start.byte + 1 };
  const parsed = parseTemplate(node.value, node.range.filename, start);
  diags.push(...parsed.diags);
  if (hasErrors(parsed.diags)) return literal(DynamicVal, node.range);
  // The whole expression spans the JSON token, quotes included, as HCL's JSON expression range does.
  return { ...parsed.expr, range: node.range } as Expression;
}

function objectCons(node: JsonObject, diags: Diagnostic[]): Expression {
  const items: ObjectConsItem[] = [];
  const seen = new Map<string, Range>();
  for (const attr of node.attrs) {
    const keyNode: JsonString = { kind: "string", value: attr.name, range: attr.nameRange };
    const key = build(keyNode, diags);
    // A key without interpolation is known now; HCL reports its duplicates when evaluating and keeps the first.
    if (!attr.name.includes("${") && !attr.name.includes("%{")) {
      const prev = seen.get(attr.name);
      if (prev !== undefined) {
        diags.push(
          errorDiag(
            "Duplicate object attribute",
            `An attribute named ${JSON.stringify(attr.name)} was already defined at ${rangeString(prev)}.`,
            attr.nameRange,
          ),
        );
        continue;
      }
      seen.set(attr.name, attr.nameRange);
    }
    items.push({ key, value: build(attr.value, diags) });
  }
  return { kind: "ObjectCons", items, openRange: node.openRange, range: node.range };
}
