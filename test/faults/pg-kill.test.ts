// Issue 12's reliability tests 2 and 3 on the pg backend (state, lock and history in a real PostgreSQL,
// encrypted: the harness sets a passphrase): kill -9 of the apply holding the lock, and PostgreSQL stopped
// during an apply and started again; each once at a fixed point (right after the apply's first create
// completed, so the fault always lands mid-apply) and in random trials. After each, a plain re-run (waiting
// at most one lease for the lock) converges: nothing lost, nothing duplicated (every object the faulted apply
// reported created is in the state with its id, adopted from the journal), the history audits clean.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { SEED, TERRAFORM_DATA, TRIALS, assertConverged, bin, killedRun, must, random, workdir, type Scenario } from "./harness.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../bench/support/postgres.js";

const unavailable = postgresUnavailable();
if (unavailable !== undefined) process.stdout.write(`# pg fault tests skipped: ${unavailable}\n`);
let cluster: PostgresCluster | undefined;
before(() => {
  if (unavailable === undefined) cluster = startPostgres();
});
after(() => cluster?.destroy());

/** The harness's terraform_data scenario with its state in the test cluster (one schema per test). */
function pgScenario(schema: string): Scenario {
  const backend = `terraform {\n  backend "pg" {\n    conn_str = ${JSON.stringify(cluster!.connStr)}\n    schema_name = "${schema}"\n  }\n}\n`;
  return { ...TERRAFORM_DATA, name: `pg-${schema}`, config: backend + TERRAFORM_DATA.config };
}

/** The lock of a killed holder is free within one lease (60 s): the re-run waits at most that long. */
const RERUN = ["-auto-approve", "-no-color", "-lock-timeout=60s"];

test(`pg: kill -9 of the lock holder during apply and destroy (${TRIALS} trials, seed ${SEED}): a re-run converges`, { skip: unavailable, timeout: 30 * 60_000 }, async () => {
  const s = pgScenario("killed");
  const rnd = random(SEED + 12);
  const d = workdir(s);
  must(d, ["init", "-no-color"], "init");
  let killed = 0;
  for (let t = 0; t < TRIALS; t++) {
    const why = `trial ${t} (seed ${SEED})`;
    const a = await killedRun(d, ["apply", "-auto-approve", "-no-color"], Math.floor(rnd() * 1500));
    if (a.killed) killed++;
    else assert.equal(a.code, 0, `${why}: an apply that was not killed succeeds\n${a.err}`);
    must(d, ["apply", ...RERUN], `${why}: re-run of the killed apply`);
    assertConverged(d, s, "applied", `${why} after apply`);
    const x = await killedRun(d, ["destroy", "-auto-approve", "-no-color"], Math.floor(rnd() * 1200));
    if (x.killed) killed++;
    must(d, ["destroy", ...RERUN], `${why}: re-run of the killed destroy`);
    assertConverged(d, s, "destroyed", `${why} after destroy`);
  }
  process.stdout.write(`# pg: ${killed} of ${TRIALS * 2} commands were killed mid-way\n`);
});

test(`pg: PostgreSQL stopped during an apply and started again (${TRIALS} trials, seed ${SEED}): the apply fails clearly, a re-run converges`, { skip: unavailable, timeout: 30 * 60_000 }, async () => {
  const s = pgScenario("stopped");
  const rnd = random(SEED + 13);
  const d = workdir(s);
  must(d, ["init", "-no-color"], "init");
  let stops = 0;
  for (let t = 0; t < TRIALS; t++) {
    const why = `trial ${t} (seed ${SEED})`;
    const run = await stoppedDuring(d, ["apply", "-auto-approve", "-no-color"], Math.floor(rnd() * 1500));
    // Never "success" with work undone: either it finished before the stop, or it failed and said why.
    if (run.stopped) stops++;
    if (run.code !== 0) assert.match(run.err, /PostgreSQL|state/i, `${why}: a clear error\n${run.err}`);
    assert.doesNotMatch(run.err, /\n\s+at .*\(.*\.js:\d+:\d+\)/, `${why}: no stack trace\n${run.err}`);
    must(d, ["apply", ...RERUN], `${why}: re-run with the database back`);
    assertConverged(d, s, "applied", `${why} after apply`);
    must(d, ["destroy", ...RERUN], `${why}: destroy`);
  }
  process.stdout.write(`# pg: the database was stopped during ${stops} of ${TRIALS} applies\n`);
});

/** Runs cairn; `delayMs` after it starts creating, stops PostgreSQL; starts it again once cairn has exited. */
function stoppedDuring(cwd: string, args: string[], delayMs: number): Promise<{ code: number | null; err: string; stopped: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TF_IN_AUTOMATION: "1", CAIRN_STATE_PASSPHRASE: "fault-injection-passphrase" } });
    let out = "";
    let err = "";
    let scheduled = false;
    let stopped = false;
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (!scheduled && /Creating\.\.\./.test(out)) {
        scheduled = true;
        setTimeout(() => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          cluster!.stop();
          stopped = true;
        }, delayMs);
      }
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("exit", (code) => {
      if (stopped) cluster!.start();
      done({ code, err, stopped });
    });
  });
}

/** Long enough that a fault right after the first completed create always lands mid-apply. */
function wideScenario(schema: string): Scenario {
  const backend = `terraform {\n  backend "pg" {\n    conn_str = ${JSON.stringify(cluster!.connStr)}\n    schema_name = "${schema}"\n  }\n}\n`;
  const config = `resource "terraform_data" "a" {\n  count = 100\n  input = "a-\${count.index}"\n}\nresource "terraform_data" "b" {\n  count = 100\n  input = terraform_data.a[count.index].output\n}\n`;
  return { name: `pg-${schema}`, instances: 200, config: backend + config };
}

/**
 * Runs an apply and calls `fault` once, right after the first "Creation complete" line; returns how the apply
 * ended and the ids of every object it reported created.
 */
function faultAfterFirstCreate(cwd: string, fault: (child: ChildProcess) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; created: Set<string> }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, "apply", "-auto-approve", "-no-color"], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TF_IN_AUTOMATION: "1", CAIRN_STATE_PASSPHRASE: "fault-injection-passphrase" } });
    let out = "";
    let err = "";
    let faulted = false;
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (!faulted && /Creation complete/.test(out)) {
        faulted = true;
        fault(child);
      }
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("close", (code, signal) => done({ code, signal, err, created: new Set([...out.matchAll(/Creation complete after [^[]*\[id=([^\]]+)\]/g)].map((m) => m[1]!)) }));
  });
}

/** The ids in the workspace's state (pulled through cairn, which opens the sealed state). */
function stateIds(cwd: string): string[] {
  const pulled = must(cwd, ["state", "pull"], "state pull");
  const state = JSON.parse(pulled.out) as { resources: { instances: { attributes: { id: string } }[] }[] };
  return state.resources.flatMap((r) => r.instances.map((i) => i.attributes.id));
}

test("pg: kill -9 of the apply holding the lock right after its first create: the lock is free within the lease, the re-run adopts what completed", { skip: unavailable, timeout: 10 * 60_000 }, async () => {
  const s = wideScenario("killed_first");
  const d = workdir(s);
  must(d, ["init", "-no-color"], "init");
  const run = await faultAfterFirstCreate(d, (child) => child.kill("SIGKILL"));
  assert.equal(run.signal, "SIGKILL", `the apply was killed mid-way (it exited ${run.code} first)`);
  assert.ok(run.created.size >= 1);
  must(d, ["apply", ...RERUN], "re-run of the killed apply");
  assertConverged(d, s, "applied", "after the killed apply");
  const ids = stateIds(d);
  assert.equal(new Set(ids).size, 200);
  for (const id of run.created) assert.ok(ids.includes(id), `${id}, reported created before the kill, is in the state (adopted, not created again)`);
});

test("pg: PostgreSQL stopped right after an apply's first create: the apply fails clearly, the re-run with the database back adopts what completed", { skip: unavailable, timeout: 10 * 60_000 }, async () => {
  const s = wideScenario("stopped_first");
  const d = workdir(s);
  must(d, ["init", "-no-color"], "init");
  let stopped = false;
  try {
    const run = await faultAfterFirstCreate(d, () => {
      cluster!.stop();
      stopped = true;
    });
    assert.notEqual(run.code, 0, "never success with the database gone");
    assert.match(run.err, /PostgreSQL/, run.err);
    assert.doesNotMatch(run.err, /\n\s+at .*\(.*\.js:\d+:\d+\)/, `no stack trace\n${run.err}`);
    cluster!.start();
    stopped = false;
    must(d, ["apply", ...RERUN], "re-run with the database back");
    assertConverged(d, s, "applied", "after the stopped apply");
    const ids = stateIds(d);
    for (const id of run.created) assert.ok(ids.includes(id), `${id}, reported created while the database was away, is in the state (adopted, not created again)`);
  } finally {
    if (stopped) cluster!.start();
  }
});
