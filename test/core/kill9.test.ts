// kill -9 during an apply of 500 creates: the next apply loses no completed create and duplicates nothing.
// The test provider's "remote system" is a JSON-lines file, so the objects that exist can be counted.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCloudLines } from "./support/file-cloud.js";

const child = join(dirname(fileURLToPath(import.meta.url)), "support/apply-child.js");
const N = 500;

function liveObjects(path: string): Map<string, string> {
  const live = new Map<string, string>();
  for (const l of readCloudLines(path)) {
    if (l.op === "delete") live.delete(l.id);
    else live.set(l.id, l.token ?? "");
  }
  return live;
}

test("kill -9 mid-apply of 500 resources: nothing lost, nothing duplicated", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-kill9-"));
  const cloud = join(dir, "cloud.jsonl");
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {\n  required_providers {\n    test = { source = "example.com/test/test" }\n  }\n}\nresource "test_thing" "t" {\n  count = ${N}\n  name  = "t\${count.index}"\n}\n`,
  );
  const proc = spawn(process.execPath, [child, dir, cloud, "20"], { stdio: "ignore" });
  // Kill once a good part of the creates happened.
  const deadline = Date.now() + 30_000;
  while (readCloudLines(cloud).length < 120 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  proc.kill("SIGKILL");
  await new Promise((r) => proc.on("exit", r));
  const createdBeforeKill = liveObjects(cloud).size;
  assert.ok(createdBeforeKill >= 120 && createdBeforeKill < N, `killed mid-apply (${createdBeforeKill} created)`);

  const again = spawnSync(process.execPath, [child, dir, cloud, "0"], { encoding: "utf8" });
  assert.equal(again.status, 0, again.stderr);
  const recovered = Number(/recovered (\d+)/.exec(again.stdout)?.[1]);
  const added = Number(/added (\d+)/.exec(again.stdout)?.[1]);
  const live = liveObjects(cloud);
  assert.equal(live.size, N, "exactly one object per instance exists");
  assert.equal(readCloudLines(cloud).filter((l) => l.op === "put").length, N, "no object was created twice");
  assert.equal(added, N - createdBeforeKill, `the second run created only what was missing (${again.stdout})`);
  const state = JSON.parse(readFileSync(join(dir, "cairn.tfstate"), "utf8"));
  const ids = state.resources[0].instances.map((i: { attributes: { id: string } }) => i.attributes.id);
  assert.equal(ids.length, N);
  assert.deepEqual(new Set(ids), new Set(live.keys()), "state holds exactly the objects that exist");
  assert.ok(recovered >= 0);
  // And a further plan has nothing to do.
  const third = spawnSync(process.execPath, [child, dir, cloud, "0"], { encoding: "utf8" });
  assert.match(third.stdout, /added 0 errors 0/);
});
