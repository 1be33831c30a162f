// Acceptance: the provider plugin killed with SIGKILL in the middle of an apply. Cairn stops with an error
// naming the provider, keeps every completed change, and the next apply finishes the work, adopting an
// object whose create was cut off (through the client token, Cairn's addition to the protocol) instead of
// making it twice. No plugin process is left behind, also when Ctrl-C comes twice.
//
// Both kills land while the fourth create is in flight (-parallelism=1: its "Creating..." is printed as it
// is sent): before or after the cluster made the object, which the test does not control; either way the
// intent stays pending (the plugin could not say what happened) and the next apply looks it up.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { currentPlatform } from "../../../providers/install/platform.js";
import { cairnBin, makeClusterMirror, noPluginsLeft, pluginProcessesIn, run, versionsTf } from "./support.js";

const count = 30;
const inFlight = 4;

describe("the provider plugin killed mid-apply", () => {
  let root = "";
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    root = mkdtempSync(join(tmpdir(), "cairn-plugin-kill-"));
    makeClusterMirror(join(root, "mirror"), currentPlatform());
    writeFileSync(join(root, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${join(root, "mirror")}"\n  }\n}\n`);
    env = { TF_CLI_CONFIG_FILE: join(root, "cli.tfrc") };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function workdir(name: string): Promise<string> {
    const d = join(root, name);
    mkdirSync(d);
    writeFileSync(join(d, "versions.tf"), versionsTf);
    writeFileSync(join(d, "main.tf"), `resource "cluster_namespace" "ns" {\n  count = ${count}\n  name  = "ns-\${count.index}"\n}\n`);
    const init = await run(cairnBin, ["init"], d, env);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    return d;
  }

  /** Runs an apply in `d` and calls `interrupt` (once) when the in-flight create has been sent. */
  async function interruptedApply(d: string, interrupt: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number; stdout: string; stderr: string; interrupted: boolean }> {
    const child = spawn(cairnBin, ["apply", "-auto-approve", "-parallelism=1"], { cwd: d, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout!.on("data", (b: Buffer) => {
      stdout += b.toString();
      if (!interrupted && (stdout.match(/Creating\.\.\./g) ?? []).length >= inFlight) {
        interrupted = true;
        interrupt(child);
      }
    });
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    return { code, stdout, stderr, interrupted };
  }

  /** The state left behind is valid and holds every completed create. */
  async function keptCompleted(d: string, stdout: string): Promise<void> {
    const created = (stdout.match(/Creation complete/g) ?? []).length;
    assert.ok(created < count, "the apply stopped part-way");
    const listed = await run(cairnBin, ["state", "list"], d, env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.split("\n").filter((l) => l.startsWith("cluster_namespace.ns[")).length >= created, `every completed create is in state:\n${listed.stdout}`);
  }

  /** The next apply finishes the work: every namespace exists once, a plan after it has nothing to do. */
  async function finishes(d: string): Promise<void> {
    const again = await run(cairnBin, ["apply", "-auto-approve"], d, env);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const noop = await run(cairnBin, ["plan", "-detailed-exitcode"], d, env);
    assert.equal(noop.code, 0, noop.stdout + noop.stderr);
    const namespaces = await run(cairnBin, ["cluster", "get", "namespaces"], d, {});
    assert.equal(namespaces.stdout.split("\n").filter((l) => /^ns-\d+\s/.test(l)).length, count, namespaces.stdout);
    assert.deepEqual(await noPluginsLeft(d), []);
  }

  it("fails naming the provider, loses nothing, and the next apply adopts and finishes", async () => {
    const d = await workdir("killed");
    let killed: number[] = [];
    const r = await interruptedApply(d, () => {
      killed = pluginProcessesIn(d);
      for (const pid of killed) process.kill(pid, "SIGKILL");
    });
    assert.ok(killed.length > 0, "a plugin process was found and killed");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr.replace(/\s*\n[│╷╵]?\s*/g, " "), /The plugin process for provider cairn\/cluster killed by SIGKILL/);
    await keptCompleted(d, r.stdout);
    assert.deepEqual(await noPluginsLeft(d), []);
    await finishes(d);
  });

  it("Ctrl-C twice to the whole process group (as a terminal sends it): Cairn exits at once, no plugin is left, the next apply finishes", async () => {
    const d = await workdir("interrupted");
    const r = await interruptedApply(d, (child) => {
      process.kill(-child.pid!, "SIGINT");
      setTimeout(() => process.kill(-child.pid!, "SIGINT"), 20);
    });
    assert.ok(r.interrupted, r.stdout + r.stderr);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    await keptCompleted(d, r.stdout);
    assert.deepEqual(await noPluginsLeft(d), []);
    await finishes(d);
  });
});
