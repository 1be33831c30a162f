// Range-free, human-readable projections of decoded JSON bodies and expressions, for golden files.

import type { SyntaxBody, BodySchema } from "../../../lang/body.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { formatRange, type Range } from "../../../lang/pos.js";
import type { Expression, Traversal } from "../../../lang/syntax/ast.js";
import type { Value } from "../../../lang/values/value.js";

export interface FixtureSchema {
  readonly mode?: "content" | "partial" | "just";
  readonly attributes?: readonly { name: string; required?: boolean }[];
  readonly blocks?: Readonly<Record<string, { labels?: readonly string[]; body?: FixtureSchema }>>;
}

function toBodySchema(s: FixtureSchema): BodySchema {
  return {
    attributes: s.attributes ?? [],
    blocks: Object.entries(s.blocks ?? {}).map(([type, b]) => ({ type, labelNames: b.labels ?? [] })),
  };
}

export function diagLine(d: Diagnostic): string {
  const at = d.subject ? ` @${formatRange(d.subject)}` : "";
  const ctx = d.context ? ` ctx ${formatRange(d.context)}` : "";
  return `${d.severity}: ${d.summary}: ${d.detail ?? ""}${at}${ctx}`;
}

const r = (x: Range): string => formatRange(x);

export function decodeBody(body: SyntaxBody, schema: FixtureSchema, indent: string, out: string[]): void {
  const mode = schema.mode ?? "content";
  if (mode === "just") {
    const res = body.justAttributes();
    for (const a of res.attributes.values()) out.push(`${indent}${a.name} @${r(a.range)} = ${exprString(a.expr)}`);
    for (const d of res.diags) out.push(`${indent}${diagLine(d)}`);
    return;
  }
  const res = mode === "content" ? body.content(toBodySchema(schema)) : body.partialContent(toBodySchema(schema));
  for (const a of res.content.attributes.values()) out.push(`${indent}${a.name} @${r(a.range)} name ${r(a.nameRange)} = ${exprString(a.expr)}`);
  for (const b of res.content.blocks) {
    const labels = b.labels.map((l, i) => `${JSON.stringify(l)}@${r(b.labelRanges[i]!)}`).join(" ");
    out.push(`${indent}block ${b.type}@${r(b.typeRange)} ${labels} def ${r(b.defRange)} {`);
    decodeBody(b.body, schema.blocks?.[b.type]?.body ?? {}, indent + "  ", out);
    out.push(`${indent}}`);
  }
  out.push(`${indent}missing item @${r(res.content.missingItemRange)}`);
  for (const d of res.diags) out.push(`${indent}${diagLine(d)}`);
}

export function valueString(v: Value): string {
  if (!v.isKnown()) return `unknown(${v.type.kind})`;
  if (v.isNull()) return `null(${v.type.kind})`;
  switch (v.type.kind) {
    case "string":
      return JSON.stringify(v.asString());
    case "number":
      return v.asNumber().toString();
    case "bool":
      return String(v.asBool());
    default:
      return `<${v.type.kind}>`;
  }
}

function traversalString(t: Traversal): string {
  return t
    .map((s) => (s.kind === "root" ? s.name : s.kind === "attr" ? `.${s.name}` : `[${valueString(s.key)}]`))
    .join("");
}

/** A compact, range-free rendering of an expression tree (iterative over a bounded test input). */
export function exprString(e: Expression): string {
  switch (e.kind) {
    case "LiteralValue":
      return valueString(e.value);
    case "ScopeTraversal":
      return traversalString(e.traversal);
    case "RelativeTraversal":
      return `(${exprString(e.source)})${traversalString(e.traversal)}`;
    case "Template":
      return `tmpl(${e.parts.map(exprString).join(", ")})`;
    case "TemplateWrap":
      return `wrap(${exprString(e.wrapped)})`;
    case "TupleCons":
      return `[${e.exprs.map(exprString).join(", ")}]`;
    case "ObjectCons":
      return `{${e.items.map((i) => `${exprString(i.key)}: ${exprString(i.value)}`).join(", ")}}`;
    case "FunctionCall":
      return `${e.name}(${e.args.map(exprString).join(", ")}${e.expandFinal ? "..." : ""})`;
    default:
      return `<${e.kind}>`;
  }
}
