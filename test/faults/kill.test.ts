// kill -9 at random moments of apply, destroy and state rollback, on terraform_data and on the cluster
// provider; after each kill a plain re-run of the same command must converge with no human step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CLUSTER, SEED, TERRAFORM_DATA, TRIALS, assertConverged, cairn, killedRun, must, random, workdir, type Scenario } from "./harness.js";

for (const s of [TERRAFORM_DATA, CLUSTER]) {
  test(`kill -9 during apply, destroy and rollback (${s.name}, ${TRIALS} trials each, seed ${SEED}): a plain re-run converges`, { timeout: 60 * 60_000 }, async () => {
    const rnd = random(SEED + s.name.length);
    const d = workdir(s);
    must(d, ["init", "-no-color"], "init");
    let killedCount = 0;
    for (let t = 0; t < TRIALS; t++) {
      const why = `${s.name} trial ${t} (seed ${SEED})`;
      // apply, killed
      const a = await killedRun(d, ["apply", "-auto-approve", "-no-color"], Math.floor(rnd() * 1500));
      if (a.killed) killedCount++;
      else assert.equal(a.code, 0, `${why}: an apply that was not killed succeeds\n${a.err}`);
      must(d, ["apply", "-auto-approve", "-no-color"], `${why}: re-run of the killed apply`);
      assertConverged(d, s, "applied", `${why} after apply`);
      // rollback to the newest version holding everything (its resources are real, so nothing needs an apply),
      // killed; then re-run it
      const target = serialWithAll(d, s);
      const rb = await killedRun(d, ["state", "rollback", "-serial", target, "-auto-approve"], Math.floor(rnd() * 400));
      if (rb.killed) killedCount++;
      must(d, ["state", "rollback", "-serial", target, "-auto-approve"], `${why}: re-run of the killed rollback`);
      must(d, ["apply", "-auto-approve", "-no-color"], `${why}: apply after rollback`);
      assertConverged(d, s, "applied", `${why} after rollback`);
      // destroy, killed
      const x = await killedRun(d, ["destroy", "-auto-approve", "-no-color"], Math.floor(rnd() * 1200));
      if (x.killed) killedCount++;
      must(d, ["destroy", "-auto-approve", "-no-color"], `${why}: re-run of the killed destroy`);
      assertConverged(d, s, "destroyed", `${why} after destroy`);
    }
    // Not a pass condition on timing: a count, so the report says how many kills really landed mid-command.
    process.stdout.write(`# ${s.name}: ${killedCount} of ${TRIALS * 3} commands were killed mid-way\n`);
  });
}

/** The newest recorded version that holds every instance (the rollback target that needs no apply). */
function serialWithAll(d: string, s: Scenario): string {
  const h = cairn(d, ["state", "history", "-json"]);
  assert.equal(h.code, 0, h.err);
  const { records } = JSON.parse(h.out) as { records: { serial?: number; instances?: number; event?: string }[] };
  const full = records.filter((r) => r.event === "version" && r.instances === s.instances && typeof r.serial === "number").map((r) => r.serial!);
  assert.ok(full.length > 0, "a recorded version holds every instance");
  return String(Math.max(...full));
}

