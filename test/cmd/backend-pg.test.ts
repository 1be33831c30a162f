// The pg backend against a real PostgreSQL (bench/support/postgres.ts): init, apply and workspaces as rows;
// the lock names its holder, waits with a timeout, is freed when its holder is killed, is taken from a holder
// that hangs once its lease has run out, and force-unlock removes it. Skipped, with the reason, when
// PostgreSQL is not installed.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import pg from "pg";
import { initCommand } from "../../cmd/commands/init.js";
import { applyCommand } from "../../cmd/commands/apply.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { forceUnlockCommand } from "../../cmd/commands/force-unlock.js";
import { stateCommand } from "../../cmd/commands/state.js";
import { driftCommand } from "../../cmd/commands/drift.js";
import { PgBackend } from "../../operations/backend/pg.js";
import { StateJournal } from "../../state/journal.js";
import type { InstanceState } from "../../state/model.js";
import { tempDir } from "../modules/helpers.js";
import { runCommand } from "./state-harness.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../bench/support/postgres.js";

const unavailable = postgresUnavailable();
if (unavailable !== undefined) process.stdout.write(`# pg backend tests skipped: ${unavailable}\n`);
let cluster: PostgresCluster | undefined;
const children: ChildProcess[] = [];

before(() => {
  if (unavailable === undefined) cluster = startPostgres();
});
after(async () => {
  for (const c of children) c.kill("SIGKILL");
  await PgBackend.closeAll();
  cluster?.destroy();
});

const PG_CONFIG = 'terraform {\n  backend "pg" {}\n}\nresource "terraform_data" "a" {\n  input = terraform.workspace\n}\n';

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: cluster!.connStr });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** A child holding the lock of `workspace`; resolves once it has it. */
function holder(workspace: string, mode: "wait" | "hang", env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; id: string }> {
  const script = fileURLToPath(new URL("../support/pg-lock-holder.js", import.meta.url));
  const child = spawn(process.execPath, [script, cluster!.connStr, workspace, mode], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => (line.startsWith("locked ") ? resolve({ child, id: line.slice("locked ".length) }) : reject(new Error(line))));
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

test("pg backend: init, apply, workspaces as rows", { skip: unavailable }, async () => {
  const dir = tempDir("pg-ws");
  const env = { PG_CONN_STR: cluster!.connStr };
  writeFileSync(join(dir, "main.tf"), PG_CONFIG);
  const init = await runCommand(initCommand, dir, ["-no-color"], { env });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /Successfully configured the backend "pg"!/);
  const apply = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env });
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal((await runCommand(workspaceCommand, dir, ["new", "dev"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env })).code, 0);
  assert.equal((await runCommand(workspaceCommand, dir, ["list"], { env })).stdout, "  default\n* dev\n\n");
  const rows = await query<{ name: string; data: string }>("SELECT name, data FROM terraform_remote_state.states ORDER BY name");
  assert.deepEqual(rows.map((r) => r.name), ["default", "dev"]);
  for (const r of rows) assert.ok(r.data.includes(`"${r.name}"`), r.data);
  const noop = await runCommand(planCommand, dir, ["-no-color", "-detailed-exitcode"], { env });
  assert.equal(noop.code, 0, noop.stdout + noop.stderr);
  assert.equal((await runCommand(workspaceCommand, dir, ["select", "default"], { env })).code, 0);
  const del = await runCommand(workspaceCommand, dir, ["delete", "-force", "dev"], { env });
  assert.equal(del.code, 0, del.stderr);
  assert.deepEqual((await query<{ name: string }>("SELECT name FROM terraform_remote_state.states")).map((r) => r.name), ["default"]);
});

test("pg lock: a second taker fails at once naming the holder, or waits with a timeout until it is free", { skip: unavailable }, async () => {
  const backend = PgBackend.shared({ conn_str: cluster!.connStr }, {}, tempDir("pg-lock"));
  const a = backend.stateStore("locks", {});
  const b = backend.stateStore("locks", {});
  const held = await a.lock({ operation: "OperationTypeApply", version: "t", timeoutMs: 0 });
  assert.ok(held.ok);
  const refused = await b.lock({ operation: "OperationTypeApply", version: "t", timeoutMs: 0 });
  assert.ok(!refused.ok);
  const text = refused.diags.map((d) => d.detail).join("\n");
  assert.match(text, new RegExp(`ID:\\s+${held.id}`));
  assert.match(text, /Operation: OperationTypeApply/);
  const waiting = b.lock({ operation: "OperationTypePlan", version: "t", timeoutMs: 60_000 });
  assert.deepEqual(await a.unlock(held.id), []);
  const got = await waiting;
  assert.ok(got.ok);
  assert.deepEqual(await b.unlock(got.id), []);
});

test("pg lock: freed when its holder is killed with SIGKILL", { skip: unavailable }, async () => {
  const backend = PgBackend.shared({ conn_str: cluster!.connStr }, {}, tempDir("pg-kill"));
  const { child } = await holder("killed", "wait");
  const store = backend.stateStore("killed", {});
  assert.ok(!(await store.lock({ operation: "OperationTypeApply", version: "t", timeoutMs: 0 })).ok);
  child.kill("SIGKILL");
  // The server notices the closed session; bounded by the timeout, not by a sleep.
  const got = await store.lock({ operation: "OperationTypeApply", version: "t", timeoutMs: 60_000 });
  assert.ok(got.ok, JSON.stringify(!got.ok && got.diags));
  assert.deepEqual(await store.unlock(got.id), []);
});

test("pg lock: a holder that hangs with its session open loses the lock once its lease has run out", { skip: unavailable }, async () => {
  const env = { CAIRN_PG_LOCK_LEASE: "1s" };
  const backend = PgBackend.shared({ conn_str: cluster!.connStr }, env, tempDir("pg-hang"));
  const hung = await holder("hung", "hang", env);
  const store = backend.stateStore("hung", {});
  const got = await store.lock({ operation: "OperationTypeApply", version: "t", timeoutMs: 60_000 });
  assert.ok(got.ok, JSON.stringify(!got.ok && got.diags));
  const info = await store.lockInfo();
  assert.ok(info !== undefined && info !== "unreadable" && info.ID === got.id && info.ID !== hung.id);
  assert.deepEqual(await store.unlock(got.id), []);
  hung.child.kill("SIGKILL");
});

test("force-unlock removes a lock whose holder is still running, ending its session", { skip: unavailable }, async () => {
  const dir = tempDir("pg-force");
  const env = { PG_CONN_STR: cluster!.connStr };
  writeFileSync(join(dir, "main.tf"), PG_CONFIG);
  assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  const { child, id } = await holder("default", "wait");
  const blocked = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env });
  assert.equal(blocked.code, 1);
  assert.ok(blocked.flat.includes(id), blocked.flat);
  const wrong = await runCommand(forceUnlockCommand, dir, ["-force", "not-the-id"], { env });
  assert.equal(wrong.code, 1);
  const unlocked = await runCommand(forceUnlockCommand, dir, ["-force", id], { env });
  assert.equal(unlocked.code, 0, unlocked.stderr);
  const apply = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color", "-lock-timeout=60s"], { env });
  assert.equal(apply.code, 0, apply.stderr);
  child.kill("SIGKILL");
});

test("pg history: every working directory sees every version; a row edited in the database is named by state audit", { skip: unavailable }, async () => {
  const env = { PG_CONN_STR: cluster!.connStr, PG_SCHEMA_NAME: "team_history" };
  const alice = tempDir("pg-alice");
  const bob = tempDir("pg-bob");
  for (const dir of [alice, bob]) {
    writeFileSync(join(dir, "main.tf"), PG_CONFIG.replace("terraform.workspace", "var.v") + 'variable "v" {\n  default = "one"\n}\n');
    assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  }
  assert.equal((await runCommand(applyCommand, alice, ["-auto-approve", "-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, bob, ["-auto-approve", "-no-color", "-var=v=two"], { env })).code, 0);
  const history = await runCommand(stateCommand, alice, ["history", "-json"], { env });
  assert.equal(history.code, 0, history.stderr);
  const versions = (JSON.parse(history.stdout) as { records: { event: string }[] }).records.filter((r) => r.event === "version");
  assert.equal(versions.length, 2, history.stdout);
  const clean = await runCommand(stateCommand, bob, ["audit"], { env });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  // Edit the first record's time by hand, in the database.
  const rows = await query<{ line: string }>("SELECT line FROM team_history.history_records WHERE workspace = 'default' AND line_no = 1");
  await query("UPDATE team_history.history_records SET line = $1 WHERE workspace = 'default' AND line_no = 1", [rows[0]!.line.replace(/"time":"[^"]+"/, '"time":"2000-01-01T00:00:00.000Z"')]);
  const audit = await runCommand(stateCommand, alice, ["audit"], { env });
  assert.equal(audit.code, 2, audit.stdout + audit.stderr);
  assert.match(audit.stdout, /\[edited-record\] Version \d+: the record was edited/);
});

test("pg history: a rollback and a drift check made in one working directory are in the history every other one sees", { skip: unavailable }, async () => {
  const env = { PG_CONN_STR: cluster!.connStr, PG_SCHEMA_NAME: "team_writes" };
  const alice = tempDir("pg-alice-w");
  const bob = tempDir("pg-bob-w");
  for (const dir of [alice, bob]) {
    writeFileSync(join(dir, "main.tf"), PG_CONFIG.replace("terraform.workspace", "var.v") + 'variable "v" {\n  default = "one"\n}\n');
    assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  }
  assert.equal((await runCommand(applyCommand, alice, ["-auto-approve", "-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, alice, ["-auto-approve", "-no-color", "-var=v=two"], { env })).code, 0);
  const records = async (dir: string) => {
    const h = await runCommand(stateCommand, dir, ["history", "-json"], { env });
    assert.equal(h.code, 0, h.stderr);
    return (JSON.parse(h.stdout) as { records: { event: string; serial: number }[] }).records;
  };
  const first = Math.min(...(await records(alice)).filter((r) => r.event === "version").map((r) => r.serial));
  const rolled = await runCommand(stateCommand, bob, ["rollback", `-serial=${first}`, "-auto-approve"], { env });
  assert.equal(rolled.code, 0, rolled.stdout + rolled.stderr);
  assert.match(rolled.stdout, /Rolled back to version \d+: the state is now version \d+\./);
  const drift = await runCommand(driftCommand, bob, ["terraform_data.a"], { env });
  assert.equal(drift.code, 0, drift.stdout + drift.stderr);
  const seen = await records(alice);
  assert.equal(seen.filter((r) => r.event === "version").length, 3, JSON.stringify(seen));
  assert.equal(seen.filter((r) => r.event === "drift").length, 1, JSON.stringify(seen));
  const audit = await runCommand(stateCommand, alice, ["audit"], { env });
  assert.equal(audit.code, 0, audit.stdout + audit.stderr);
});

test("PostgreSQL stopped mid-apply: the apply fails clearly, the local journal keeps what completed, the next apply adopts it", { skip: unavailable }, async () => {
  const dir = tempDir("pg-down");
  const env = { PG_CONN_STR: cluster!.connStr, PG_SCHEMA_NAME: "down" };
  writeFileSync(join(dir, "main.tf"), 'terraform {\n  backend "pg" {}\n}\nresource "terraform_data" "x" {\n  input = "first"\n}\nresource "terraform_data" "y" {\n  input = "second"\n}\n');
  assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color", "-target=terraform_data.x"], { env })).code, 0);
  // An apply that completed y's create and recorded it in its journal, then lost the database.
  const store = PgBackend.shared({}, env, dir).stateStore("default", {});
  const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
  const journal = opened.journal!;
  journal.recordResult({ ref: { mode: "managed", type: "terraform_data", name: "y" }, provider: 'provider["terraform.io/builtin/terraform"]', instance: Y });
  assert.deepEqual(await journal.flush(), []);
  cluster!.stop();
  try {
    await journal.close();
    const down = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env });
    assert.equal(down.code, 1, down.stdout);
    assert.match(down.flat, /PostgreSQL/);
  } finally {
    cluster!.start();
  }
  const back = await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env });
  assert.equal(back.code, 0, back.stdout + back.stderr);
  const [row] = await query<{ data: string }>("SELECT data FROM down.states WHERE name = 'default'");
  const state = JSON.parse(row!.data) as { resources: { name: string; instances: { attributes: { id: string } }[] }[] };
  assert.deepEqual(state.resources.map((r) => r.name).sort(), ["x", "y"]);
  assert.equal(state.resources.find((r) => r.name === "y")!.instances[0]!.attributes.id, Y.attributes.id, "y adopted from the journal, not created again");
});

const Y: InstanceState = {
  schema_version: 0,
  attributes: { id: "11111111-2222-3333-4444-555555555555", input: { type: "string", value: "second" }, output: { type: "string", value: "second" }, triggers_replace: null },
  sensitive_attributes: [],
};

/** Every file under dir, by relative path, with its bytes. */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name)).toString("base64"));
  }
  return out;
}

test("init -migrate-state local → pg → local round-trips the state and its history byte for byte", { skip: unavailable }, async () => {
  const dir = tempDir("pg-roundtrip");
  const env = { PG_CONN_STR: cluster!.connStr, PG_SCHEMA_NAME: "roundtrip" };
  const config = (backend: string) => `terraform {\n  backend "${backend}" {}\n}\nvariable "v" {\n  default = "one"\n}\nresource "terraform_data" "a" {\n  input = var.v\n}\n`;
  writeFileSync(join(dir, "main.tf"), config("local"));
  assert.equal((await runCommand(initCommand, dir, ["-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color"], { env })).code, 0);
  assert.equal((await runCommand(applyCommand, dir, ["-auto-approve", "-no-color", "-var=v=two"], { env })).code, 0);
  const historyDir = join(dir, ".cairn/history/cairn.tfstate");
  const state = readFileSync(join(dir, "cairn.tfstate"), "utf8");
  const history = filesUnder(historyDir);
  assert.ok(history.size >= 3, [...history.keys()].join(", "));

  writeFileSync(join(dir, "main.tf"), config("pg"));
  const toPg = await runCommand(initCommand, dir, ["-migrate-state", "-force-copy", "-no-color"], { env });
  assert.equal(toPg.code, 0, toPg.stdout + toPg.stderr);
  const pgAudit = await runCommand(stateCommand, dir, ["audit"], { env });
  assert.equal(pgAudit.code, 0, pgAudit.stdout + pgAudit.stderr);
  rmSync(join(dir, "cairn.tfstate"));
  rmSync(join(dir, "cairn.tfstate.backup"), { force: true });
  rmSync(historyDir, { recursive: true });

  writeFileSync(join(dir, "main.tf"), config("local"));
  const back = await runCommand(initCommand, dir, ["-migrate-state", "-force-copy", "-no-color"], { env });
  assert.equal(back.code, 0, back.stdout + back.stderr);
  assert.equal(readFileSync(join(dir, "cairn.tfstate"), "utf8"), state);
  assert.deepEqual(filesUnder(historyDir), history);
  const audit = await runCommand(stateCommand, dir, ["audit"], { env });
  assert.equal(audit.code, 0, audit.stdout + audit.stderr);
});
