// Issue 12's reliability test 1 against a real PostgreSQL: many applies from separate processes at once, on
// separate workspaces of one pg backend, plus several on the same workspace. The same-workspace ones either
// wait for the lock (-lock-timeout) or fail at once naming the holder; afterwards every workspace's state holds
// exactly its resources and every history audits clean. `npm test` runs a narrow form (4 + 2 processes);
// `npm run faults` (CAIRN_FAULT_TRIALS > 1) the 20 + 5.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { bin, TRIALS } from "./harness.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../bench/support/postgres.js";

const unavailable = postgresUnavailable();
if (unavailable !== undefined) process.stdout.write(`# pg concurrency test skipped: ${unavailable}\n`);
const WIDE = TRIALS > 1 ? 20 : 4;
const SAME = TRIALS > 1 ? 5 : 2;
let cluster: PostgresCluster | undefined;

before(() => {
  if (unavailable === undefined) cluster = startPostgres();
});
after(() => cluster?.destroy());

function cairn(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

test(`${WIDE} applies on ${WIDE} pg workspaces at once, plus ${SAME} on one workspace`, { skip: unavailable, timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-pg-concurrent-"));
  writeFileSync(join(dir, "main.tf"), 'terraform {\n  backend "pg" {}\n}\nvariable "n" {\n  type = number\n}\nresource "terraform_data" "r" {\n  count = var.n\n  input = "${terraform.workspace}-${count.index}"\n}\n');
  const env = { PG_CONN_STR: cluster!.connStr, TF_CLI_CONFIG_FILE: "/dev/null" };
  const init = await cairn(dir, ["init", "-no-color"], env);
  assert.equal(init.code, 0, init.out);
  const count = (i: number) => (i % 3) + 1;
  const runs = [
    ...Array.from({ length: WIDE }, (_, i) => cairn(dir, ["apply", "-auto-approve", "-no-color", `-var=n=${count(i)}`], { ...env, TF_WORKSPACE: `w${i}` })),
    // Same workspace: half wait for the lock, half fail at once when it is held.
    ...Array.from({ length: SAME }, (_, i) => cairn(dir, ["apply", "-auto-approve", "-no-color", "-var=n=2", ...(i % 2 === 0 ? ["-lock-timeout=300s"] : [])], { ...env, TF_WORKSPACE: "shared" })),
  ];
  const results = await Promise.all(runs);
  for (const [i, r] of results.slice(0, WIDE).entries()) assert.equal(r.code, 0, `w${i}: ${r.out}`);
  const shared = results.slice(WIDE);
  for (const [i, r] of shared.entries()) {
    if (i % 2 === 0) assert.equal(r.code, 0, `shared waiter ${i}: ${r.out}`);
    else if (r.code !== 0) {
      assert.match(r.out, /Error acquiring the state lock/, r.out);
      assert.match(r.out, /Lock Info:\s+ID:/, r.out);
    }
  }
  const c = new pg.Client({ connectionString: cluster!.connStr });
  await c.connect();
  try {
    const rows = (await c.query<{ name: string; data: string }>("SELECT name, data FROM terraform_remote_state.states")).rows;
    const byName = new Map(rows.map((r) => [r.name, JSON.parse(r.data) as { resources: { instances: { attributes: { input: { value: string } } }[] }[] }]));
    const expect = [...Array.from({ length: WIDE }, (_, i) => [`w${i}`, count(i)] as const), ["shared", 2] as const];
    for (const [name, n] of expect) {
      const state = byName.get(name);
      assert.ok(state !== undefined, `no state for ${name}`);
      const inputs = state.resources.flatMap((r) => r.instances.map((x) => x.attributes.input.value)).sort();
      assert.deepEqual(inputs, Array.from({ length: n }, (_, k) => `${name}-${k}`), name);
    }
  } finally {
    await c.end();
  }
  for (const name of [...Array.from({ length: WIDE }, (_, i) => `w${i}`), "shared"]) {
    const audit = await cairn(dir, ["state", "audit"], { ...env, TF_WORKSPACE: name });
    assert.equal(audit.code, 0, `${name}: ${audit.out}`);
  }
});
