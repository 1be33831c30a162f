// `cairn cluster etcd` as a real process: a 1-member etcd on loopback answering /health, stopped by SIGTERM
// (its member with it); a wrong -members is a usage error.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ETCD_MISSING } from "../cluster/helpers/etcd.js";
import { tempDir } from "../cluster/helpers/tmp.js";

const bin = join(process.cwd(), "bin", "cairn");

describe("cairn cluster etcd", { timeout: 60_000 }, () => {
  const tmp = tempDir("cairn-cluster-etcd-");
  after(() => tmp.remove());

  it("rejects a member count other than 1 or 3", () => {
    const r = spawnSync(process.execPath, [bin, "cluster", "etcd", "-members", "2"], { cwd: tmp.dir, encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /invalid value "2" for -members: 1 or 3/);
  });

  it("serves a 1-member etcd on loopback until SIGTERM", { skip: ETCD_MISSING }, async () => {
    const child = spawn(process.execPath, [bin, "cluster", "etcd", "-data-dir", "etcd"], { cwd: tmp.dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!/Press Ctrl-C/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const endpoint = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      assert.ok(endpoint, out);
      const health = (await (await fetch(`${endpoint}/health`)).json()) as { health: string };
      assert.equal(health.health, "true");
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      assert.match(out, /Stopped \(SIGTERM\)/);
      await assert.rejects(fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(2_000) }), "the member stopped with the command");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
