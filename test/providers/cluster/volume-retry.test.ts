// cluster_volume is two API objects (a claim and its volume). A failure between the two steps must not block
// later applies with 409: a leftover claim whose volume was never made is adopted by the next apply, and two
// resources whose objects would share a name are refused at plan time, naming both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterCore } from "../../../cluster/controllers/core.js";

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../../.."), "bin/cairn");

function cairn(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function dir(config: string): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-volume-retry-"));
  writeFileSync(join(d, "main.tf"), config);
  return d;
}

test("two volumes whose objects map to one name are a plan-time error naming both addresses", () => {
  const d = dir(`
resource "cluster_volume" "first" {
  name      = "c"
  namespace = "a-b"
  size      = "1Gi"
  zone      = "z"
}
resource "cluster_volume" "second" {
  name      = "b-c"
  namespace = "a"
  size      = "1Gi"
  zone      = "z"
}
`);
  const r = cairn(d, ["plan", "-no-color"]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, /Conflicting cluster object names/);
  assert.match(r.err.replace(/\s*│\s*/g, " "), /cluster_volume\.(first|second) and cluster_volume\.(second|first) would both make the volume\s+"a-b-c"/);
});

test("a claim left without its volume by a failed create is adopted by the next apply, not a 409 forever", async () => {
  const d = dir(`
resource "cluster_node" "n" {
  name   = "n1"
  cpu    = "2"
  memory = "4Gi"
  zone   = "z"
}
resource "cluster_volume" "v" {
  name = "data"
  size = "1Gi"
  zone = "z"
}
`);
  assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
  // Make the half state a failure between the two steps leaves: the claim without its volume, unrecorded.
  assert.equal(cairn(d, ["state", "rm", "cluster_volume.v"]).code, 0);
  const core = ClusterCore.open(join(d, ".cairn", "cluster"));
  try {
    await core.client().delete("PersistentVolume", "default-data");
  } finally {
    core.close();
  }
  const again = cairn(d, ["apply", "-auto-approve", "-no-color"]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /Apply complete! Resources: 1 added/);
  const plan = cairn(d, ["plan", "-detailed-exitcode", "-no-color"]);
  assert.equal(plan.code, 0, plan.out + plan.err);
  const core2 = ClusterCore.open(join(d, ".cairn", "cluster"));
  try {
    const pvs = await core2.client().list("PersistentVolume");
    const claims = await core2.client().list("PersistentVolumeClaim");
    assert.deepEqual(pvs.items.map((o) => o.metadata.name), ["default-data"]);
    assert.deepEqual(claims.items.map((o) => o.metadata.name), ["data"]);
    // The adopted claim carries this apply's client token, as its volume does.
    const token = (o: { metadata: { annotations?: Record<string, string> } }) => o.metadata.annotations?.["cairn.dev/client-token"];
    assert.equal(token(claims.items[0]!), token(pvs.items[0]!));
  } finally {
    core2.close();
  }
});

const oneVolume = `
resource "cluster_node" "n" {
  name   = "n1"
  cpu    = "2"
  memory = "4Gi"
  zone   = "z"
}
resource "cluster_volume" "v" {
  name = "data"
  size = "1Gi"
  zone = "z"
}
`;

/** What a destroy killed between its two deletes leaves: the claim gone, the volume still there. */
async function dropClaimOnly(d: string): Promise<void> {
  const core = ClusterCore.open(join(d, ".cairn", "cluster"));
  try {
    await core.client().delete("PersistentVolumeClaim", "data", "default");
  } finally {
    core.close();
  }
}

async function objectNames(d: string): Promise<{ pvs: string[]; claims: string[] }> {
  const core = ClusterCore.open(join(d, ".cairn", "cluster"));
  try {
    const pvs = (await core.client().list("PersistentVolume")).items.map((o) => o.metadata.name);
    const claims = (await core.client().list("PersistentVolumeClaim")).items.map((o) => o.metadata.name);
    return { pvs, claims };
  } finally {
    core.close();
  }
}

for (const c of [
  { name: "a destroy re-run deletes the volume an interrupted destroy left", command: ["destroy", "-auto-approve", "-no-color"], done: /Destroy complete! Resources: 2 destroyed/, want: { pvs: [], claims: [] } },
  { name: "an apply replaces the claim and volume pair an interrupted destroy broke", command: ["apply", "-auto-approve", "-no-color"], done: /Apply complete! Resources: 1 added, 0 changed, 1 destroyed/, want: { pvs: ["default-data"], claims: ["data"] } },
]) {
  test(`cluster_volume whose claim is gone but whose volume is not: ${c.name}`, async () => {
    const d = dir(oneVolume);
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
    await dropClaimOnly(d);
    const plan = cairn(d, ["plan", "-detailed-exitcode", "-no-color", ...(c.command[0] === "destroy" ? ["-destroy"] : [])]);
    assert.equal(plan.code, 2, plan.out + plan.err);
    const r = cairn(d, c.command);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, c.done);
    assert.deepEqual(await objectNames(d), c.want);
    const again = cairn(d, ["plan", "-detailed-exitcode", "-no-color", ...(c.command[0] === "destroy" ? ["-destroy"] : [])]);
    assert.equal(again.code, 0, again.out + again.err);
  });
}
