import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { consoleCommand } from "../../cmd/commands/console.js";
import type { CommandContext } from "../../cmd/registry.js";

const fixtures = fileURLToPath(new URL("../../../test/cmd/fixtures/", import.meta.url));

class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

async function runConsole(dir: string, input: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Collect();
  const stderr = new Collect();
  const ctx: CommandContext = { cwd: fixtures + dir, stdin: Readable.from([input]), stdout, stderr, env };
  const code = await consoleCommand.run(args, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const jsonCases: { name: string; dir: string; input: string; stdout: string[]; code: number; args?: string[]; env?: NodeJS.ProcessEnv }[] = [
  {
    name: "no configuration: plain expressions and functions",
    dir: "console-empty",
    input: "1 + 2\n0.1 + 0.2\nupper(\"abc\")\n[for i in range(3) : i * 2]\n",
    stdout: ["3", "0.3", '"ABC"', "[0,2,4]"],
    code: 0,
  },
  {
    name: "variables with defaults and tfvars, locals, state",
    dir: "console-config",
    input: "var.env\nvar.replicas\nlocal.names\nterraform_data.web.output[1]\nlength(terraform_data.web.id)\nterraform.workspace\n",
    stdout: ['"dev"', "2", '["web-dev-0","web-dev-1"]', '"web-dev-1"', "36", '"default"'],
    code: 0,
  },
  {
    name: "-var overrides tfvars and TF_WORKSPACE selects the workspace",
    dir: "console-config",
    input: "local.names\nterraform.workspace\n",
    args: ["-var", "replicas=1"],
    env: { TF_WORKSPACE: "prod" },
    stdout: ['["web-dev-0"]', '"prod"'],
    code: 0,
  },
  {
    name: "a failing line reports an error and the next line is still evaluated",
    dir: "console-config",
    input: "var.nope\n1 +\nnosuch(1)\nvar.env\n",
    stdout: [
      '{"error":"Unsupported attribute: This object does not have an attribute named \\"nope\\"."}',
      '{"error":"Missing expression: Expected the start of an expression, but found the end of the file."}',
      '{"error":"Call to unknown function: There is no function named \\"nosuch\\"."}',
      '"dev"',
    ],
    code: 1,
  },
  {
    name: "sensitive values are never printed",
    dir: "console-config",
    input: "var.token\n{ t = var.token }\n",
    stdout: ['"(sensitive value)"', '"(sensitive value)"'],
    code: 0,
  },
];

for (const c of jsonCases) {
  test(`console -json: ${c.name}`, async () => {
    const r = await runConsole(c.dir, c.input, ["-json", ...(c.args ?? [])], c.env);
    assert.deepEqual(r.stdout.trimEnd().split("\n"), c.stdout);
    assert.equal(r.code, c.code);
    for (const line of r.stdout.trimEnd().split("\n")) JSON.parse(line);
  });
}

test("console prints values as terraform console does and diagnostics like Terraform", async () => {
  const r = await runConsole("console-config", 'local.names\ntomap({a = 1})\nvar.token\n"${var.env}x"\nnosuch(1)\n');
  assert.equal(
    r.stdout,
    ['[', '  "web-dev-0",', '  "web-dev-1",', ']', 'tomap({', '  "a" = 1', '})', "(sensitive value)", '"devx"', ""].join("\n"),
  );
  assert.equal(r.code, 1);
  assert.match(r.stderr, /│ Error: Call to unknown function\n│\n│   on <console-input> line 1:\n│    1: nosuch\(1\)\n│       \^\^\^\^\^\^\n/);
  assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
});

test("type() prints a type expression as terraform console does", async () => {
  const r = await runConsole("console-empty", 'type([{ foo = "bar", map = { bleep = "bloop" } }, { beep = "boop" }])\ntype(tolist(["a"]))\n');
  assert.equal(
    r.stdout,
    [
      "tuple([",
      "    object({",
      "        foo: string,",
      "        map: object({",
      "            bleep: string,",
      "        }),",
      "    }),",
      "    object({",
      "        beep: string,",
      "    }),",
      "])",
      "list(string)",
      "",
    ].join("\n"),
  );
  assert.equal(r.code, 0);
});

test("console with a missing required variable fails naming the variable and its declaration", async () => {
  const r = await runConsole("console-required", "1\n");
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /Error: No value for required variable\n│\n│   on main.tf line 1:\n│    1: variable "region" {/);
  assert.match(r.stderr, /The root module input variable "region" is not set/);
  const given = await runConsole("console-required", "var.region\n", ["-var=region=eu-west-1"]);
  assert.equal(given.stdout, '"eu-west-1"\n');
  assert.equal(given.code, 0);
});

test("console reports a missing -var-file", async () => {
  const r = await runConsole("console-config", "1\n", ["-var-file", "nope.tfvars"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Failed to read variables file/);
});
