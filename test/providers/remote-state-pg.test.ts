// terraform_remote_state with backend = "pg", against a real PostgreSQL (bench/support/postgres.ts): the
// producer's states are rows written by a pg backend, the consumer reads them by conn_str / schema_name or by
// PG_CONN_STR / PG_SCHEMA_NAME. The first tests need no terraform (the producer is Cairn, the expected
// answers are what Terraform 1.11 gave for the same configurations); the others run the real terraform as
// producer and consumer beside Cairn's consumer (comparing `output -json` and the errors), and as the consumer
// of rows Cairn wrote. Each is skipped, with the reason, when PostgreSQL or terraform is missing.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { applyCommand } from "../../cmd/commands/apply.js";
import { initCommand } from "../../cmd/commands/init.js";
import { outputCommand } from "../../cmd/commands/output.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { PgDatabase } from "../../state/pg/database.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../bench/support/postgres.js";
import { runCommand, type RunResult } from "../cmd/state-harness.js";
import { tempDir } from "../modules/helpers.js";

const unavailable = postgresUnavailable();
if (unavailable !== undefined) process.stdout.write(`# terraform_remote_state pg tests skipped: ${unavailable}\n`);
const noTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0 ? undefined : "terraform is not on the PATH";
let cluster: PostgresCluster | undefined;

before(() => {
  if (unavailable === undefined) cluster = startPostgres();
});
after(async () => {
  await PgDatabase.closeAll();
  cluster?.destroy();
});

/** lib/pq (Terraform) asks for TLS unless told not to; node-postgres takes the same string. */
const conn = () => `${cluster!.connStr}&sslmode=disable`;

const PRODUCER = `terraform {
  backend "pg" {}
}
output "name" {
  value = "v-\${terraform.workspace}"
}
output "secret" {
  value     = "s3cr3t"
  sensitive = true
}
output "nums" {
  value = [1, 2]
}
output "obj" {
  value = { a = 1, b = "x" }
}
`;

const consumer = (blocks: string) => `${blocks}\n`;
const remote = (name: string, body: string) => `data "terraform_remote_state" "${name}" {\n  backend = "pg"\n${body}}\n\noutput "${name}" {\n  value = data.terraform_remote_state.${name}.outputs\n}\n`;

/** The consumer configurations both tools run, with what Terraform 1.11 answered (`output -json`, or the error). */
function cases(schema: string): { name: string; main: string; env?: NodeJS.ProcessEnv; outputs?: Record<string, unknown>; error?: RegExp }[] {
  const outputsOf = (ws: string) => ({ name: `v-${ws}`, nums: [1, 2], obj: { a: 1, b: "x" }, secret: "s3cr3t" });
  return [
    {
      name: "the default and a named workspace, sensitive outputs read unmarked",
      main: consumer(remote("d", `  config = { conn_str = "${conn()}", schema_name = "${schema}" }\n`) + remote("s", `  config = { conn_str = "${conn()}", schema_name = "${schema}" }\n  workspace = "staging"\n`)),
      outputs: { d: outputsOf("default"), s: outputsOf("staging") },
    },
    {
      name: "PG_CONN_STR and PG_SCHEMA_NAME, defaults for missing outputs only",
      main: consumer(remote("s", `  workspace = "staging"\n  defaults = { name = "x", extra = "e" }\n`)),
      env: { PG_CONN_STR: conn(), PG_SCHEMA_NAME: schema },
      outputs: { s: { ...outputsOf("staging"), extra: "e" } },
    },
    {
      name: "a named workspace with no state reads as no outputs",
      main: consumer(remote("p", `  config = { conn_str = "${conn()}", schema_name = "${schema}" }\n  workspace = "prod"\n`)),
      outputs: { p: {} },
    },
    {
      name: "the default workspace with no state",
      main: consumer(remote("f", `  config = { conn_str = "${conn()}", schema_name = "${schema}_empty" }\n`)),
      error: /Error: Unable to find remote state[\s\S]*No stored state was found for the given workspace in the given backend\./,
    },
    {
      name: "an argument the pg backend does not have",
      main: consumer(remote("b", `  config = { conn_str = "${conn()}", bucket = "b" }\n`)),
      error: /Error: Invalid backend configuration[\s\S]*The given configuration is not valid for backend "pg": unexpected attribute "bucket"\./,
    },
    {
      name: "an argument of the wrong type",
      main: consumer(remote("b", `  config = { conn_str = "${conn()}", skip_schema_creation = "maybe" }\n`)),
      error: /Error: Invalid backend configuration[\s\S]*The given configuration is not valid for backend "pg": \.skip_schema_creation: a bool is required\./,
    },
  ];
}

/** `output -json` reduced to name -> value, so answers compare without Terraform's type annotations. */
function outputValues(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, { value: unknown; sensitive: boolean }>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
}

async function cairnConsumer(main: string, env: NodeJS.ProcessEnv): Promise<{ apply: RunResult; output?: RunResult }> {
  const dir = tempDir("remote-pg");
  writeFileSync(join(dir, "main.tf"), main);
  assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  const apply = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env });
  if (apply.code !== 0) return { apply };
  return { apply, output: await runCommand(outputCommand, dir, ["-json"], { env }) };
}

/** The producer's two workspaces (default, staging) applied by Cairn into `schema`. */
async function cairnProducer(schema: string): Promise<void> {
  const producer = tempDir("remote-pg-producer");
  writeFileSync(join(producer, "main.tf"), PRODUCER);
  const env = { PG_CONN_STR: conn(), PG_SCHEMA_NAME: schema };
  assert.equal((await runCommand(initCommand, producer, ["-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, producer, ["-auto-approve", "-no-color"], { env })).code, 0);
  assert.equal((await runCommand(workspaceCommand, producer, ["new", "staging"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, producer, ["-auto-approve", "-no-color"], { env })).code, 0);
}

const tfEnv = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
const tf = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync("terraform", [...args, "-no-color"], { cwd: dir, encoding: "utf8", env: { ...tfEnv, ...env } });

test("terraform_remote_state reads a pg backend written by Cairn, as Terraform 1.11 does", { skip: unavailable }, async () => {
  await cairnProducer("by_cairn");
  for (const c of cases("by_cairn")) {
    const ran = await cairnConsumer(c.main, c.env ?? {});
    if (c.error !== undefined) {
      assert.equal(ran.apply.code, 1, c.name);
      assert.match(ran.apply.flat, c.error, c.name);
    } else {
      assert.equal(ran.apply.code, 0, `${c.name}: ${ran.apply.stderr}`);
      assert.deepEqual(outputValues(ran.output!.stdout), c.outputs, c.name);
    }
  }
  // Reading a workspace that has no state created nothing (a deliberate difference: Terraform adds its row).
  const c = new pg.Client({ connectionString: conn() });
  await c.connect();
  try {
    const rows = (await c.query<{ name: string }>("SELECT name FROM by_cairn.states ORDER BY name")).rows;
    assert.deepEqual(rows.map((r) => r.name), ["default", "staging"]);
  } finally {
    await c.end();
  }
});

test("terraform_remote_state on pg: Cairn's consumer answers as the real terraform's", { skip: unavailable ?? noTerraform }, async () => {
  const producer = tempDir("remote-pg-tf-producer");
  writeFileSync(join(producer, "main.tf"), PRODUCER);
  const penv = { PG_CONN_STR: conn(), PG_SCHEMA_NAME: "by_terraform" };
  for (const args of [["init", "-input=false"], ["apply", "-auto-approve"], ["workspace", "new", "staging"], ["apply", "-auto-approve"]]) {
    const r = tf(producer, args, penv);
    assert.equal(r.status, 0, `terraform ${args.join(" ")}: ${r.stderr}`);
  }
  for (const c of cases("by_terraform")) {
    // Cairn first: Terraform's read of a workspace without a row creates it (with an empty state).
    const ours = await cairnConsumer(c.main, c.env ?? {});
    const theirs = tempDir("remote-pg-tf");
    writeFileSync(join(theirs, "main.tf"), c.main);
    assert.equal(tf(theirs, ["init", "-input=false"], c.env).status, 0);
    const tfApply = tf(theirs, ["apply", "-auto-approve"], c.env);
    assert.equal(ours.apply.code, tfApply.status, `${c.name}: exit codes (terraform: ${tfApply.stderr})`);
    if (tfApply.status !== 0) {
      const firstError = (s: string) => s.split("\n").find((l) => l.startsWith("Error: "));
      assert.equal(firstError(ours.apply.stderr), firstError(tfApply.stderr), c.name);
      const flat = (s: string) => s.replace(/\s+/g, " ");
      assert.match(flat(tfApply.stderr), c.error!, `${c.name}: the expected text is still terraform's`);
      assert.match(flat(ours.apply.stderr), c.error!, c.name);
      continue;
    }
    const tfOutput = tf(theirs, ["output", "-json"], c.env);
    assert.equal(ours.output!.stdout, tfOutput.stdout, c.name);
    assert.deepEqual(outputValues(tfOutput.stdout), c.outputs, `${c.name}: the expected answer is still terraform's`);
  }
});

test("the real terraform's terraform_remote_state reads the rows Cairn's pg backend wrote", { skip: unavailable ?? noTerraform }, async () => {
  await cairnProducer("cairn_for_terraform");
  const main = remote("d", `  config = { conn_str = "${conn()}", schema_name = "cairn_for_terraform" }\n`) + remote("s", `  config = { conn_str = "${conn()}", schema_name = "cairn_for_terraform" }\n  workspace = "staging"\n`);
  const dir = tempDir("remote-pg-tf-reads-cairn");
  writeFileSync(join(dir, "main.tf"), main);
  assert.equal(tf(dir, ["init", "-input=false"]).status, 0);
  const applied = tf(dir, ["apply", "-auto-approve"]);
  assert.equal(applied.status, 0, applied.stderr);
  const outputs = outputValues(tf(dir, ["output", "-json"]).stdout);
  const of = (ws: string) => ({ name: `v-${ws}`, nums: [1, 2], obj: { a: 1, b: "x" }, secret: "s3cr3t" });
  assert.deepEqual(outputs, { d: of("default"), s: of("staging") });
});
