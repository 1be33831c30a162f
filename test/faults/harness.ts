// The fault-injection suite's harness: configurations, running bin/cairn, killing it with SIGKILL at a
// random moment, and the checks every trial ends with (a plain re-run converges: no force-unlock, nothing
// lost or duplicated, `plan -detailed-exitcode` 0, `state audit` 0). `npm run faults` runs many trials
// (CAIRN_FAULT_TRIALS, 25 by default there); `npm test` runs a few.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const bin = join(root, "bin/cairn");

/** Trials per scenario: a few inside `npm test`, CAIRN_FAULT_TRIALS in `npm run faults`. */
export const TRIALS = Number(process.env.CAIRN_FAULT_TRIALS ?? "1");

/** A seeded generator, so that a failing trial can be replayed (the seed is in the assertion messages). */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export const SEED = Number(process.env.CAIRN_FAULT_SEED ?? Date.now() % 100000);

export interface Scenario {
  readonly name: string;
  readonly config: string;
  /** Instances the configuration manages. */
  readonly instances: number;
  /** Cluster objects by kind that the configuration makes (the embedded core's database is counted). */
  readonly objects?: Readonly<Record<string, number>>;
}

export const TERRAFORM_DATA: Scenario = {
  name: "terraform_data",
  instances: 120,
  config: `
resource "terraform_data" "a" {
  count = 60
  input = "a-\${count.index}"
}
resource "terraform_data" "b" {
  count = 60
  input = terraform_data.a[count.index].output
}
output "n" { value = length(terraform_data.b) }
`,
};

export const CLUSTER: Scenario = {
  name: "cluster",
  instances: 2 + 1 + 30 + 1,
  objects: { Node: 2, PersistentVolumeClaim: 30, PersistentVolume: 30, ConfigMap: 1 },
  config: `
resource "cluster_node" "n" {
  count  = 2
  name   = "n\${count.index}"
  cpu    = "4"
  memory = "8Gi"
  zone   = "z1"
}
resource "cluster_namespace" "app" { name = "app" }
resource "cluster_volume" "v" {
  count     = 30
  name      = "vol-\${count.index}"
  namespace = cluster_namespace.app.name
  size      = "1Gi"
  zone      = "z1"
}
resource "cluster_config" "c" {
  name      = "settings"
  namespace = cluster_namespace.app.name
  data      = { volumes = length(cluster_volume.v) }
}
`,
};

export function workdir(s: Scenario, parent?: string): string {
  const d = mkdtempSync(join(parent ?? tmpdir(), `cairn-fault-${s.name}-`));
  writeFileSync(join(d, "main.tf"), s.config);
  return d;
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** State encryption on: the cluster configuration holds sensitive values (an audit finding in plaintext), and
 * the sealed journal and history take the same kills. */
const ENV = { ...process.env, TF_IN_AUTOMATION: "1", CAIRN_STATE_PASSPHRASE: "fault-injection-passphrase" };

export function cairn(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: ENV });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Runs the command and SIGKILLs it `delayMs` after it printed its first "...ing..." line (or exits first). */
export function killedRun(cwd: string, args: string[], delayMs: number): Promise<Run & { killed: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: ENV });
    let out = "";
    let err = "";
    let armed = false;
    let killed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) killed = child.kill("SIGKILL");
      }, delayMs);
    };
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (/(Creating|Destroying|Modifying)\.\.\.|Rolled back|rollback/i.test(out)) arm();
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    // A command that prints nothing first (state rollback) is killed after the delay from its start.
    if (args[0] === "state") arm();
    child.on("exit", (code, signal) => done({ code, signal, out, err, killed }));
  });
}

export function must(cwd: string, args: string[], why: string): Run {
  const r = cairn(cwd, args);
  assert.equal(r.code, 0, `${why}: cairn ${args.join(" ")} exited ${r.code}\n${r.out.slice(-2000)}\n${r.err.slice(-4000)}`);
  assert.doesNotMatch(r.err, /force-unlock/, `${why}: no force-unlock is ever suggested`);
  return r;
}

/** The end of every trial: the configuration is applied exactly once over and the history is whole. */
export function assertConverged(cwd: string, s: Scenario, want: "applied" | "destroyed", why: string): void {
  const plan = cairn(cwd, ["plan", "-detailed-exitcode", "-no-color", ...(want === "destroyed" ? ["-destroy"] : [])]);
  assert.equal(plan.code, 0, `${why}: plan -detailed-exitcode\n${plan.out.slice(-3000)}\n${plan.err.slice(-3000)}`);
  const list = must(cwd, ["state", "list"], why);
  const addrs = list.out.split("\n").filter((l) => l !== "");
  assert.equal(new Set(addrs).size, addrs.length, `${why}: no duplicate in the state`);
  assert.equal(addrs.length, want === "applied" ? s.instances : 0, `${why}: every instance exactly once`);
  const audit = cairn(cwd, ["state", "audit"]);
  assert.equal(audit.code, 0, `${why}: state audit\n${audit.out}\n${audit.err}`);
  assert.ok(!existsSync(join(cwd, ".cairn.tfstate.lock.info")), `${why}: no lock left behind`);
  if (s.objects) {
    const counts = clusterObjects(cwd);
    for (const [kind, n] of Object.entries(s.objects)) assert.equal(counts[kind] ?? 0, want === "applied" ? n : 0, `${why}: ${kind} objects in the cluster`);
  }
}

/** Objects Cairn made in the embedded core, by kind (read from its database, as a second process would). */
export function clusterObjects(cwd: string): Record<string, number> {
  const file = join(cwd, ".cairn", "cluster", "cluster.db");
  if (!existsSync(file)) return {};
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT kind, value FROM objects").all() as { kind: string; value: string }[];
    const out: Record<string, number> = {};
    for (const r of rows) if (r.value.includes('"app.kubernetes.io/managed-by":"cairn"')) out[r.kind] = (out[r.kind] ?? 0) + 1;
    return out;
  } finally {
    db.close();
  }
}
