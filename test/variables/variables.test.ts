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
import { NumberType, StringType, listOf, DynamicPseudoType, type Type } from "../../lang/values/types.js";
import { numberVal, stringVal, type Value } from "../../lang/values/value.js";
import { formatValue } from "../../lang/values/format.js";
import { terraformFunctions } from "../../lang/funcs/table.js";

const range = { filename: "variables.tf", start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 15, byte: 14 } };
const expr = (src: string) => parseExpression(src, "variables.tf").expr;

function decl(name: string, type: Type, extra: Partial<VariableDeclaration> = {}): VariableDeclaration {
  return { name, type, sensitive: false, nullable: true, validations: [], declRange: range, ...extra };
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

test("raw text is a literal for string variables and HCL for others", async () => {
  await withDir({}, async (dir) => {
    const { values, diags } = await resolve(
      dir,
      [decl("s", StringType), decl("n", NumberType), decl("l", listOf(StringType)), decl("d", DynamicPseudoType)],
      [
        { kind: "var", value: "s=[1, 2]" },
        { kind: "var", value: "n=42" },
        { kind: "var", value: 'l=["a", "b"]' },
      ],
      { TF_VAR_d: "{ x = 1 }" },
    );
    assert.deepEqual(diags, []);
    assert.equal(show(values.get("s")), '"[1, 2]"');
    assert.equal(show(values.get("n")), "42");
    assert.match(show(values.get("l")), /"a"/);
    assert.match(show(values.get("d")), /x/);
  });
});

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
    detail: /must be a variable name and value separated an equals sign/,
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
