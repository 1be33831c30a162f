// fmt's two properties: fmt(fmt(x)) == fmt(x), and parse(fmt(x)) means the same as parse(x), checked on
// generated configurations, on every golden fixture, and on every .hcl file of HCL's specification suite
// that parses cleanly. "Means the same" compares a range-free projection of the AST, in which the rewrites
// Terraform makes on purpose are normalised: an interpolation-only template "${x}" equals x, parentheses
// are transparent, and block labels compare by value.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { hasErrors } from "../../../lang/diagnostics.js";
import { specsuiteDir } from "../specsuite/location.js";
import { formatSource } from "../../../lang/fmt/index.js";
import type { Body, Expression, Traversal } from "../../../lang/syntax/ast.js";
import { parseConfig } from "../../../lang/syntax/parser.js";
import type { Value } from "../../../lang/values/value.js";
import { fmtFixtures } from "./fixtures-path.js";

function valueKey(v: Value): unknown {
  if (!v.isKnown()) return "?";
  if (v.isNull()) return null;
  const raw = v.raw;
  if (typeof raw === "string" || typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return (raw as readonly Value[]).map(valueKey);
  if (raw instanceof Map) return [...raw].map(([k, x]) => [k, valueKey(x)]);
  return String(raw);
}

function traversalKey(t: Traversal): unknown {
  return t.map((s) => (s.kind === "index" ? ["index", valueKey(s.key)] : [s.kind, s.name]));
}

/** Range-free projection of an expression; walks an explicit stack (inputs may nest deeply). */
function exprKey(root: Expression): unknown {
  const out: unknown[] = [];
  const stack: Expression[] = [root];
  while (stack.length > 0) {
    let e = stack.pop()!;
    while (e.kind === "Parentheses" || e.kind === "TemplateWrap") e = e.kind === "Parentheses" ? e.expr : e.wrapped;
    switch (e.kind) {
      case "LiteralValue":
        out.push(["lit", valueKey(e.value)]);
        break;
      case "ScopeTraversal":
        out.push(["trav", traversalKey(e.traversal)]);
        break;
      case "RelativeTraversal":
        out.push(["rel", traversalKey(e.traversal)]);
        stack.push(e.source);
        break;
      case "FunctionCall":
        out.push(["call", e.name, e.args.length, e.expandFinal]);
        stack.push(...e.args);
        break;
      case "Conditional":
        out.push(["cond"]);
        stack.push(e.condition, e.trueResult, e.falseResult);
        break;
      case "BinaryOp":
        out.push(["bin", e.op]);
        stack.push(e.lhs, e.rhs);
        break;
      case "UnaryOp":
        out.push(["un", e.op]);
        stack.push(e.val);
        break;
      case "TupleCons":
        out.push(["tuple", e.exprs.length]);
        stack.push(...e.exprs);
        break;
      case "ObjectCons":
        out.push(["object", e.items.length]);
        for (const i of e.items) stack.push(i.key, i.value);
        break;
      case "ObjectConsKey":
        out.push(["key", e.forceNonLiteral]);
        stack.push(e.wrapped);
        break;
      case "Index":
        out.push(["index"]);
        stack.push(e.collection, e.key);
        break;
      case "Splat":
        out.push(["splat"]);
        stack.push(e.source, e.each);
        break;
      case "For":
        out.push(["for", e.keyVar, e.valVar, e.keyExpr !== undefined, e.condExpr !== undefined, e.group]);
        stack.push(e.collExpr, e.valExpr);
        if (e.keyExpr) stack.push(e.keyExpr);
        if (e.condExpr) stack.push(e.condExpr);
        break;
      case "Template":
        out.push(["tmpl", e.parts.length]);
        stack.push(...e.parts);
        break;
      case "TemplateJoin":
        out.push(["join"]);
        stack.push(e.tuple);
        break;
      default:
        out.push([e.kind]);
    }
  }
  return out;
}

function bodyKey(body: Body): unknown {
  const out: unknown[] = [];
  const stack: { b: Body; depth: number }[] = [{ b: body, depth: 0 }];
  while (stack.length > 0) {
    const { b, depth } = stack.pop()!;
    for (const item of b.items) {
      if (item.kind === "Attribute") out.push([depth, "attr", item.name, exprKey(item.expr)]);
      else {
        out.push([depth, "block", item.type, item.labels]);
        stack.push({ b: item.body, depth: depth + 1 });
      }
    }
  }
  return out;
}

function checkProperties(src: string, name: string): void {
  const before = parseConfig(src, name);
  if (hasErrors(before.diags)) return;
  const once = formatSource(src, name);
  assert.deepEqual(once.diags.filter((d) => d.severity === "error"), []);
  const twice = formatSource(once.output, name);
  assert.equal(twice.output, once.output, `fmt is idempotent on ${name}`);
  const after = parseConfig(once.output, name);
  assert.deepEqual(after.diags.filter((d) => d.severity === "error"), [], `formatted ${name} parses`);
  assert.deepEqual(bodyKey(after.file.body), bodyKey(before.file.body), `fmt preserves the meaning of ${name}`);
}

test("fmt properties hold on every golden fixture except the deliberate legacy type rewrites", () => {
  for (const name of readdirSync(fmtFixtures)) {
    const src = readFileSync(join(fmtFixtures, name, "in.tf"), "utf8");
    if (name === "terraform-rewrites") {
      const once = formatSource(src, name).output;
      assert.equal(formatSource(once, name).output, once);
      continue;
    }
    checkProperties(src, name);
  }
});

test("fmt properties hold on every .hcl file of the HCL specification suite that parses", () => {
  const root = specsuiteDir;
  const files: string[] = [];
  const dirs = [root];
  while (dirs.length > 0) {
    const d = dirs.pop()!;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) dirs.push(p);
      else if (n.endsWith(".hcl")) files.push(p);
    }
  }
  assert.ok(files.length > 0);
  for (const f of files) checkProperties(readFileSync(f, "utf8"), f);
});

// ---- generated configurations: random layout (spaces, blank lines, comments) around random content ----

const ident = fc.constantFrom("a", "bb", "name", "instance_type", "x1", "count", "tags");
const sp = fc.constantFrom("", " ", "  ", "\t");
const leaf = fc.oneof(
  fc.integer({ min: -50, max: 5000 }).map(String),
  fc.constantFrom("true", "false", "null", '"str"', '"a ${var.x} b"', '"${var.only}"', "var.x", "local.y[0]", "aws_instance.web.*.id", "-1.5e3"),
);
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "==", "&&", "||", ">="), tie("e"), sp, sp).map(([l, op, r, s1, s2]) => `${l}${s1}${op}${s2}${r}`),
    fc.tuple(fc.array(tie("e"), { maxLength: 3 }), sp, fc.boolean()).map(([xs, s, nl]) => (nl ? `[\n${xs.join(",\n")}\n]` : `[${s}${xs.join(`,${s}`)}]`)),
    fc.tuple(fc.array(fc.tuple(ident, tie("e")), { maxLength: 3 }), sp).map(([kvs, s]) => `{\n${kvs.map(([k, v]) => `${s}${k}${s}=${s}${v}`).join("\n")}\n}`),
    fc.tuple(ident, fc.array(tie("e"), { maxLength: 2 }), sp).map(([f, xs, s]) => `f${f}(${xs.join(`,${s}`)})`),
    fc.tuple(tie("e"), tie("e"), tie("e"), sp).map(([c, t, f, s]) => `${c}${s}?${s}${t}${s}:${s}${f}`),
  ),
})).e as fc.Arbitrary<string>;

const comment = fc.constantFrom("", " # note", " // note", " /* inline */");
const attribute = fc.tuple(sp, ident, sp, sp, expr, comment).map(([ind, k, s1, s2, v, c]) => `${ind}${k}${s1}=${s2}${v}${c}\n`);
const blankOrComment = fc.constantFrom("\n", "# standalone\n", "  // indented comment\n", "/* multi\n line */\n");
const bodyLines: fc.Arbitrary<string> = fc.letrec((tie) => ({
  body: fc.array(
    fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      attribute,
      attribute,
      blankOrComment,
      fc.tuple(ident, fc.array(fc.constantFrom('"l1"', "bare", '"with space"'), { maxLength: 2 }), sp, tie("body")).map(
        ([t, labels, s, inner]) => `${t} ${labels.join(" ")}${s}{\n${inner}}\n`,
      ),
      fc.tuple(ident, ident, expr).map(([t, k, v]) => `${t} { ${k} = ${v} }\n`),
      fc.tuple(ident, fc.constantFrom("EOT", "END"), fc.boolean(), fc.array(fc.constantFrom("  text ", "${var.x}", "", "\tx = 1"), { maxLength: 3 })).map(
        ([k, m, indent, lines]) => `${k} = <<${indent ? "-" : ""}${m}\n${lines.join("\n")}${lines.length ? "\n" : ""}${indent ? "  " : ""}${m}\n`,
      ),
    ),
    { maxLength: 5 },
  ).map((xs) => xs.join("")),
})).body as fc.Arbitrary<string>;

test("fmt is idempotent and meaning-preserving on generated configurations", () => {
  let parsedCount = 0;
  fc.assert(
    fc.property(bodyLines, (src) => {
      if (!hasErrors(parseConfig(src, "gen.tf").diags)) parsedCount++;
      checkProperties(src, "gen.tf");
    }),
    { numRuns: 300 },
  );
  // The generator must mostly produce valid configurations, or the property says little.
  assert.ok(parsedCount > 150, `only ${parsedCount} of 300 generated configurations parsed`);
});
