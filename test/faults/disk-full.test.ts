// Disk full at many points: the working directory lives on a small tmpfs, filled so that only so many bytes
// are left before an apply; the point where the space runs out moves through the state, the journal, the
// backup, the history and the cluster database. Every run must either finish its work (then a plan shows no
// changes) or exit non-zero; the state must still load; and once space is freed a plain re-run converges.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLUSTER, TERRAFORM_DATA, assertConverged, cairn, must, workdir } from "./harness.js";

const LONG = process.env.CAIRN_FAULT_LONG === "1";
/** Bytes left free before the apply starts. */
const POINTS = LONG ? [0, 4096, 16384, 40960, 81920, 163840, 327680, 655360, 1310720] : [16384, 163840];

const whyNot = process.getuid?.() !== 0 ? "needs root to mount a tmpfs (mount -t tmpfs)" : undefined;

function mount(dir: string, size: string): boolean {
  return spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).status === 0;
}

function freeBytes(dir: string): number {
  const r = spawnSync("df", ["-B1", "--output=avail", dir], { encoding: "utf8" });
  return Number(r.stdout.trim().split("\n")[1]);
}

for (const s of [TERRAFORM_DATA, CLUSTER]) {
  test(`disk full at ${POINTS.length} points during apply (${s.name}): never exit 0 with work undone; a re-run after freeing space converges`, { skip: whyNot, timeout: 60 * 60_000 }, () => {
    const mnt = mkdtempSync(join(tmpdir(), "cairn-diskfull-"));
    assert.ok(mount(mnt, "16m"), "mounted a tmpfs");
    try {
      for (const left of POINTS) {
        const why = `${s.name}, ${left} bytes left`;
        const d = workdir(s, mnt);
        must(d, ["init", "-no-color"], why);
        const filler = join(mnt, "filler");
        // Leave `left` bytes: fill in 64 KiB steps, then the rest.
        writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes(mnt) - left)));
        const r = cairn(d, ["apply", "-auto-approve", "-no-color"]);
        assert.ok(r.signal === null, `${why}: exited by itself (${r.signal})`);
        if (r.code === 0) {
          const p = cairn(d, ["plan", "-detailed-exitcode", "-no-color"]);
          assert.equal(p.code, 0, `${why}: an apply that exited 0 left nothing undone\n${p.out.slice(-2000)}`);
        } else {
          assert.equal(r.code, 1, `${why}: a failure is exit 1\n${r.err.slice(-3000)}`);
          assert.doesNotMatch(r.err, /Internal error|at .*\.js:\d+/, `${why}: diagnostics, not a crash\n${r.err.slice(-3000)}`);
        }
        rmSync(filler);
        // The state still loads (nothing half-written replaced it); with no room at all none was written yet.
        if (existsSync(join(d, "cairn.tfstate"))) must(d, ["state", "list"], `${why}: the state loads after the failure`);
        // ...and a plain re-run with space converges, with no force-unlock.
        must(d, ["apply", "-auto-approve", "-no-color"], `${why}: re-run with space`);
        assertConverged(d, s, "applied", why);
        rmSync(d, { recursive: true, force: true });
      }
    } finally {
      spawnSync("umount", [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
}

