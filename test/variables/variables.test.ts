import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectVariableValues } from "../../planner/variables/sources.js";
import { finalizeVariables } from "../../planner/variables/finalize.js";
import type { VariableDeclaration } from "../../planner/variables/declaration.js";
import type { VariableFlag } from "../../planner/variables/raw.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import { BoolType, NumberType, StringType, listOf, DynamicPseudoType, type Type } from "../../lang/values/types.js";
import { numberVal, stringVal, type Value } from "../../lang/values/value.js";
import { formatValue } from "../../lang/values/format.js";
import { terraformFunctions } from "../../lang/funcs/table.js";

const range = { filename: "variables.tf", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 15, byte: 14 } };
const expr = (src: string) => parseExpression(src, "variables.tf").expr;

function decl(name: string, type: Type, extra: Partial<VariableDeclaration> = {}): VariableDeclaration {
  const parsingMode = type.kind === "string" || type.kind === "number" || type.kind === "bool" ? "literal" : "hcl";
  return { name, type, sensitive: false, nullable: true, validations: [], declRange: range, parsingMode, ...extra };
}

function withDir(files: Record<string, string>, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-vars-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

async function resolve(
  dir: string,
  decls: VariableDeclaration[],
  flags: VariableFlag[] = [],
  env: Record<string, string> = {},
) {
  const collected = collectVariableValues({ dir, flags, env });
  const fin = await finalizeVariables(new Map(decls.map((d) => [d.name, d])), collected.values, {
    functions: terraformFunctions({ baseDir: dir }),
  });
  return { values: fin.values, diags: [...collected.diags, ...fin.diags] };
}

const show = (v: Value | undefined) => (v === undefined ? "<unset>" : formatValue(v));

test("precedence: env < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars (lexical) < flags in order", async () => {
  const files = {
    "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\nd = "tfvars"\n',
    "terraform.tfvars.json": '{"b": "json", "c": "json", "d": "json"}',
    "a.auto.tfvars": 'c = "auto-a"\nd = "auto-a"\n',
    "b.auto.tfvars.json": '{"d": "auto-b"}',
    "extra.tfvars": 'e = "file-flag"\n',
  };
  await withDir(files, async (dir) => {
    const names = ["a", "b", "c", "d", "e", "f", "z"];
    const { values, diags } = await resolve(
      dir,
      names.map((n) => decl(n, StringType, { defaultValue: stringVal("default") })),
      [
        { kind: "var", value: "e=cli" },
        { kind: "var-file", path: "extra.tfvars" },
        { kind: "var", value: "f=cli-last" },
      ],
      { TF_VAR_a: "env", TF_VAR_f: "env", TF_VAR_unused: "ignored" },
    );
    assert.deepEqual(diags, []);
    const got = Object.fromEntries(names.map((n) => [n, show(values.get(n))]));
    assert.deepEqual(got, {
      a: '"tfvars"',
      b: '"json"',
      c: '"auto-a"',
      d: '"auto-b"',
      e: '"file-flag"',
      f: '"cli-last"',
      z: '"default"',
    });
  });
});

// Each row was checked against terraform 1.11 (`terraform plan -var ...` / TF_VAR_...): a variable with no
// type constraint or a primitive one takes the raw string (then converted), every other constraint, `any`
// included, reads it as an HCL expression.
const untyped = (name: string) => decl(name, DynamicPseudoType, { parsingMode: "literal" });
const rawCases: { name: string; d: VariableDeclaration; flag?: string; env?: string; want: string }[] = [
  { name: "untyped -var takes the word", d: untyped("v"), flag: "v=two", want: '"two"' },
  { name: "untyped -var keeps brackets as text", d: untyped("v"), flag: "v=[1,2]", want: '"[1,2]"' },
  { name: "untyped TF_VAR_ keeps braces as text", d: untyped("v"), env: "{a=1}", want: '"{a=1}"' },
  { name: "untyped -var with an empty value", d: untyped("v"), flag: "v=", want: '""' },
  { name: "string keeps an expression as text", d: decl("s", StringType), flag: "s=[1, 2]", want: '"[1, 2]"' },
  { name: "number from a literal", d: decl("n", NumberType), flag: "n=42", want: "42" },
  { name: "bool from a literal", d: decl("b", BoolType), env: "true", want: "true" },
  { name: "list(string) is HCL", d: decl("l", listOf(StringType)), flag: 'l=["a"]', want: 'tolist([\n  "a",\n])' },
  { name: "any is HCL", d: decl("a", DynamicPseudoType), flag: "a=[1,2]", want: "[\n  1,\n  2,\n]" },
  { name: "any from TF_VAR_ is HCL", d: decl("a", DynamicPseudoType), env: '"x"', want: '"x"' },
];

for (const c of rawCases) {
  test(`raw values: ${c.name}`, async () => {
    await withDir({}, async (dir) => {
      const flags: VariableFlag[] = c.flag !== undefined ? [{ kind: "var", value: c.flag }] : [];
      const env: Record<string, string> = c.env !== undefined ? { [`TF_VAR_${c.d.name}`]: c.env } : {};
      const { values, diags } = await resolve(dir, [c.d], flags, env);
      assert.deepEqual(diags, []);
      assert.equal(show(values.get(c.d.name)), c.want);
    });
  });
}

// Terraform's wording for an unsuitable raw value names the source but never repeats a -var value.
const sourceCases: { name: string; d: VariableDeclaration; flag?: string; env?: string; detail: string }[] = [
  { name: "-var", d: decl("n", NumberType), flag: "n=1+1", detail: 'Unsuitable value for var.n set using -var="n=...": a number is required.' },
  { name: "TF_VAR_", d: decl("n", NumberType), env: "x", detail: "Unsuitable value for var.n set using the TF_VAR_n environment variable: a number is required." },
  { name: "any given a bare word", d: decl("a", DynamicPseudoType), flag: "a=two", detail: "Variables may not be used here." },
];

for (const c of sourceCases) {
  test(`unsuitable raw value from ${c.name}`, async () => {
    await withDir({}, async (dir) => {
      const flags: VariableFlag[] = c.flag !== undefined ? [{ kind: "var", value: c.flag }] : [];
      const env: Record<string, string> = c.env !== undefined ? { [`TF_VAR_${c.d.name}`]: c.env } : {};
      const { diags } = await resolve(dir, [c.d], flags, env);
      assert.equal(diags.length, 1);
      assert.equal(diags[0]!.detail, c.detail);
    });
  });
}

const errorCases: { name: string; decls: VariableDeclaration[]; flags?: VariableFlag[]; files?: Record<string, string>; summary: string; detail: RegExp }[] = [
  {
    name: "required variable missing",
    decls: [decl("region", StringType)],
    summary: "No value for required variable",
    detail: /The root module input variable "region" is not set, and has no default value/,
  },
  {
    name: "wrong type from a file names the declaration",
    decls: [decl("count", NumberType)],
    files: { "terraform.tfvars": 'count = "many"\n' },
    summary: "Invalid value for input variable",
    detail: /The given value is not suitable for var.count declared at variables.tf:1,1-15: a number is required/,
  },
  {
    name: "undeclared -var is an error",
    decls: [],
    flags: [{ kind: "var", value: "nope=1" }],
    summary: "Value for undeclared variable",
    detail: /A variable named "nope" was assigned on the command line/,
  },
  {
    name: "malformed -var",
    decls: [],
    flags: [{ kind: "var", value: "novalue" }],
    summary: "Invalid -var option",
    detail: /Must be a variable name and value separated by an equals sign, like -var="key=value"/,
  },
  {
    name: "missing -var-file",
    decls: [],
    flags: [{ kind: "var-file", path: "missing.tfvars" }],
    summary: "Failed to read variables file",
    detail: /Given variables file missing.tfvars does not exist/,
  },
  {
    name: "tfvars may not reference variables",
    decls: [decl("x", StringType)],
    files: { "terraform.tfvars": "x = var.y\n" },
    summary: "Variables not allowed",
    detail: /Variables may not be used here/,
  },
  {
    name: "non-nullable set to null without default",
    decls: [decl("x", StringType, { nullable: false })],
    files: { "terraform.tfvars": "x = null\n" },
    summary: "Required variable not set",
    detail: /required variable may not be set to null/,
  },
  {
    name: "failed validation shows the error message",
    decls: [
      decl("size", NumberType, {
        validations: [{ condition: expr("var.size > 0"), errorMessage: expr('"size must be positive."'), range }],
      }),
    ],
    flags: [{ kind: "var", value: "size=-1" }],
    summary: "Invalid value for variable",
    detail: /size must be positive\.\n\nThis was checked by the validation rule at variables.tf:1,1-15\./,
  },
];

for (const c of errorCases) {
  test(`error: ${c.name}`, async () => {
    await withDir(c.files ?? {}, async (dir) => {
      const { diags } = await resolve(dir, c.decls, c.flags ?? []);
      const err = diags.find((d) => d.severity === "error");
      assert.ok(err, `expected an error, got ${JSON.stringify(diags)}`);
      assert.equal(err.summary, c.summary);
      assert.match(err.detail ?? "", c.detail);
    });
  });
}

test("sensitive variables are marked, defaults apply, validation passes", async () => {
  await withDir({}, async (dir) => {
    const { values, diags } = await resolve(dir, [
      decl("token", StringType, { sensitive: true, defaultValue: stringVal("s3cret") }),
      decl("n", NumberType, {
        defaultValue: numberVal(3),
        validations: [{ condition: expr("var.n > 0"), errorMessage: expr('"positive"'), range }],
      }),
    ]);
    assert.deepEqual(diags, []);
    assert.equal(values.get("token")!.isSensitive(), true);
    assert.equal(show(values.get("n")), "3");
  });
});
