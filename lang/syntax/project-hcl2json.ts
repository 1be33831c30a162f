// Projects our AST to the JSON shape that hcl2json (the `hcl2-parser` package, our structural oracle)
// produces: blocks become objects keyed by type then labels holding an array of bodies; literal values
// become JSON values; every other expression becomes "${<its exact source text>}". Because the oracle
// prints source text by range, this comparison also checks our ranges. Templates are rendered the way
// hcl2json renders them, including its quirk of printing any conditional inside a template as %{if}.

import type { Range } from "../pos.js";
import { BigFloat } from "../values/bigfloat.js";
import type { Value } from "../values/value.js";
import type { Body, Expression, File } from "./ast.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Thrown for input hcl2json itself rejects (it then returns an empty object and an error). */
export class ProjectionError extends Error {}

const utf8 = new TextDecoder();

export function projectHcl2Json(file: File): { [k: string]: Json } {
  return new Projector(file.bytes).body(file.body);
}

class Projector {
  constructor(private readonly bytes: Uint8Array) {}

  private source(r: Range): string {
    return utf8.decode(this.bytes.subarray(r.start.byte, r.end.byte));
  }

  private wrap(e: Expression): string {
    return "${" + this.source(e.range) + "}";
  }

  body(b: Body): { [k: string]: Json } {
    const out: { [k: string]: Json } = {};
    for (const [name, attr] of b.attributes) out[name] = this.expr(attr.expr);
    for (const block of b.blocks) {
      let target = out;
      let key = block.type;
      for (const label of block.labels) {
        const inner = target[key];
        if (inner === undefined) {
          const obj: { [k: string]: Json } = {};
          target[key] = obj;
          target = obj;
        } else if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
          target = inner;
        } else {
          throw new ProjectionError(`Unable to convert Block to JSON: ${block.type}.${block.labels.join(".")}`);
        }
        key = label;
      }
      const value = this.body(block.body);
      const current = target[key];
      if (current === undefined) target[key] = [value];
      else if (Array.isArray(current)) current.push(value);
      else throw new ProjectionError(`Unable to convert Block to JSON: ${block.type}.${block.labels.join(".")}`);
    }
    return out;
  }

  expr(e: Expression): Json {
    switch (e.kind) {
      case "LiteralValue":
        return valueJson(e.value);
      case "UnaryOp": {
        if (e.val.kind !== "LiteralValue") return this.wrap(e);
        const v = e.val.value;
        if (e.op === "-" && v.type.kind === "number" && !v.isNull() && v.isKnown()) return decimalJson(v.asNumber().negated());
        if (e.op === "!" && v.type.kind === "bool" && !v.isNull() && v.isKnown()) return !v.asBool();
        throw new ProjectionError("invalid operand for unary operator");
      }
      case "Template":
        return this.template(e.parts);
      case "TemplateWrap":
        return this.expr(e.wrapped);
      case "TupleCons":
        return e.exprs.map((x) => this.expr(x));
      case "ObjectCons": {
        const out: { [k: string]: Json } = {};
        for (const item of e.items) out[this.key(item.key)] = this.expr(item.value);
        return out;
      }
      default:
        return this.wrap(e);
    }
  }

  private template(parts: readonly Expression[]): string {
    if (parts.length === 1 && parts[0]!.kind === "LiteralValue") return literalString(parts[0]!.value);
    let s = "";
    for (const p of parts) s += this.stringPart(p);
    return s;
  }

  private stringPart(e: Expression): string {
    switch (e.kind) {
      case "LiteralValue":
        return literalString(e.value);
      case "Template":
        return this.template(e.parts);
      case "TemplateWrap":
        return this.stringPart(e.wrapped);
      case "Conditional": {
        let s = "%{if " + this.source(e.condition.range) + "}" + this.stringPart(e.trueResult);
        const f = this.stringPart(e.falseResult);
        if (f.length > 0) s += "%{else}" + f;
        return s + "%{endif}";
      }
      case "TemplateJoin": {
        const f = e.tuple;
        if (f.kind !== "For") return this.wrap(e);
        const keyPart = f.keyVar.length > 0 ? f.keyVar + ", " : "";
        return "%{for " + keyPart + f.valVar + " in " + this.source(f.collExpr.range) + "}" + this.stringPart(f.valExpr) + "%{endfor}";
      }
      default:
        return this.wrap(e);
    }
  }

  private key(k: Expression): string {
    let e = k;
    if (e.kind === "ObjectConsKey") {
      e = e.wrapped;
      if (e.kind === "ScopeTraversal") return this.source(e.range);
    }
    return this.stringPart(e);
  }
}

function decimalJson(d: BigFloat): number {
  return Number(d.toString());
}

function valueJson(v: Value): Json {
  if (v.isNull()) return null;
  if (!v.isKnown()) throw new ProjectionError("unknown value");
  switch (v.type.kind) {
    case "number":
      return decimalJson(v.asNumber());
    case "bool":
      return v.asBool();
    case "string":
      return v.asString();
    default:
      throw new ProjectionError("unexpected literal type");
  }
}

/** A literal converted to string as cty's convert does (numbers in plain decimal notation). */
function literalString(v: Value): string {
  if (v.isNull() || !v.isKnown()) throw new ProjectionError("null or unknown in template");
  switch (v.type.kind) {
    case "string":
      return v.asString();
    case "number":
      return v.asNumber().toString();
    case "bool":
      return v.asBool() ? "true" : "false";
    default:
      throw new ProjectionError("unexpected literal type");
  }
}
