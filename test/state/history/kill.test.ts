// The history's crash test: a child records versions (each a pack of about 2,000 objects, fsync on) and the
// parent SIGKILLs it at random moments, also in the middle of writing a pack. After each kill: every version
// the child acknowledged is in the trail and its whole snapshot reads back; no version is named whose objects
// are not all stored; the audit finds nothing but, at most, a record torn at the very end of the trail (which
// the next recording cuts off); and recording continues.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { auditHistory, openHistory } from "../../../state/history/index.js";
import { tempWorkdir } from "./fixture.js";

const child = fileURLToPath(new URL("./record-child.js", import.meta.url));

/** Kills the child killAfterMs after it starts, or (untilAck) that long after its first acknowledged version,
 * so that the last trial ends with a recording done however slow the machine is. */
function runChild(statePath: string, killAfterMs: number, untilAck = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, statePath], { stdio: ["ignore", "pipe", "inherit"] });
    let last = 0;
    let pending = "";
    p.stdout.setEncoding("utf8");
    p.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const l of lines) {
        const m = /^ack (\d+)$/.exec(l);
        if (m) {
          if (untilAck && last === 0) timer = setTimeout(() => p.kill("SIGKILL"), killAfterMs);
          last = Number(m[1]);
        }
      }
    });
    let timer = untilAck ? undefined : setTimeout(() => p.kill("SIGKILL"), killAfterMs);
    p.on("error", reject);
    p.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`child exited by itself (code ${code})`));
      else resolve(last);
    });
  });
}

test("kill -9 while recording versions: acknowledged versions survive whole, nothing dangling, the audit stays clean", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    let acked = 0;
    // Fixed delays keep the test reproducible; the child's timing spreads the kills over every step of a recording.
    for (const [delay, untilAck] of [[350, false], [500, false], [620, false], [740, false], [900, false], [150, true]] as const) {
      acked = Math.max(acked, await runChild(statePath, delay, untilAck));
      const { history } = openHistory(statePath);
      const versions = history.versions();
      assert.ok(versions.length >= acked, `acknowledged ${acked}, recorded ${versions.length}`);
      for (const v of versions) {
        const snap = history.snapshotAt(v.serial);
        assert.deepEqual(snap.diags, [], `version ${v.serial}`);
        assert.equal(snap.state!.resources.length, 2000);
        assert.equal(snap.state!.resources.find((r) => r.name === "r7")!.instances[0]!.attributes.input, `version ${v.serial} of r7`);
      }
      const findings = auditHistory(history).findings;
      assert.ok(
        findings.every((f) => f.kind === "damaged-record"),
        JSON.stringify(findings),
      );
    }
    assert.ok(acked >= 1, "the last trial kills only after an acknowledged recording");
  } finally {
    cleanup();
  }
});
