// The read-only commands (state list, state show, state pull, output, show, console, graph) show what an apply killed
// with kill -9 completed: its results are durable only in "<state>.journal" until the next compaction. The
// journal is written here through the state/ API exactly as a killed apply leaves it (records flushed, no
// compaction, no close); the commands fold it in memory and change nothing on disk, so the next apply still
// recovers from the same journal. A journal that does not belong to the state file is an error, as for plan.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import type { Command } from "../../cmd/registry.js";
import { consoleCommand } from "../../cmd/commands/console.js";
import { graphCommand } from "../../cmd/commands/graph.js";
import { outputCommand } from "../../cmd/commands/output.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { showCommand } from "../../cmd/commands/show.js";
import { stateCommand } from "../../cmd/commands/state.js";
import { snapshot } from "../modules/helpers.js";
import { killedApply } from "./killed-apply.js";
import { runCommand, type RunResult } from "./state-harness.js";

interface Case {
  readonly name: string;
  readonly args: string[];
  readonly cmd: Command;
  readonly stdin?: string;
  check(r: RunResult): void;
}

const Y = "terraform_data.y";
const cases: Case[] = [
  { name: "state list", cmd: stateCommand, args: ["list"], check: (r) => assert.equal(r.stdout, "terraform_data.x\nterraform_data.y\n") },
  { name: "state show", cmd: stateCommand, args: ["show", Y], check: (r) => assert.match(r.stdout, /# terraform_data\.y:\nresource "terraform_data" "y" \{\n\s+id\s+= "11111111-2222-3333-4444-555555555555"/) },
  {
    name: "state pull",
    cmd: stateCommand,
    args: ["pull"],
    check: (r) => assert.deepEqual(JSON.parse(r.stdout).resources.map((x: { name: string }) => x.name), ["x", "y"]),
  },
  { name: "output", cmd: outputCommand, args: [], check: (r) => assert.equal(r.stdout, 'y = "second"\n') },
  { name: "output -json", cmd: outputCommand, args: ["-json"], check: (r) => assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ["y"]) },
  { name: "show", cmd: showCommand, args: ["-no-color"], check: (r) => assert.ok(r.stdout.includes("# terraform_data.y:") && r.stdout.includes("Outputs:"), r.stdout) },
  { name: "show -json", cmd: showCommand, args: ["-json"], check: (r) => assert.deepEqual(JSON.parse(r.stdout).values.root_module.resources.map((x: { address: string }) => x.address), ["terraform_data.x", Y]) },
  { name: "console", cmd: consoleCommand, args: [], stdin: `${Y}.id\n`, check: (r) => assert.equal(r.stdout, '"11111111-2222-3333-4444-555555555555"\n') },
  // Planning to destroy starts from the same state as plan: y, only journaled, gets its destroy node.
  { name: "graph -type=plan-destroy", cmd: graphCommand, args: ["-type=plan-destroy"], check: (r) => assert.ok(r.stdout.includes('"terraform_data.y (destroy)" ['), r.stdout) },
];
/** The commands that point out the pending create (the others resolve it in memory as plan does, or print
 * only machine-readable output). */
const warns = (c: Case) => !c.args.includes("-json") && c.cmd !== consoleCommand && c.cmd !== graphCommand;

for (const workspace of ["default", "dev"]) {
  test(`read-only commands show what a killed apply journaled, writing nothing (workspace ${workspace})`, async (t) => {
    const { dir, statePath } = await killedApply(workspace);
    for (const c of cases) {
      await t.test(c.name, async () => {
        const before = snapshot(dir);
        const r = await runCommand(c.cmd, dir, c.args, c.stdin !== undefined ? { stdin: c.stdin } : {});
        assert.equal(r.code, 0, r.stdout + r.stderr);
        c.check(r);
        assert.deepEqual(snapshot(dir), before, "nothing on disk changed (no compaction, no lock file)");
        // The object whose create has no outcome is not shown, and the user is told why (-json views stay quiet).
        if (warns(c)) assert.match(r.flat, /Interrupted apply[\s\S]*1 operation\(s\)[\s\S]*create terraform_data\.z/);
      });
    }
    assert.ok(existsSync(`${statePath}.journal`));
    assert.ok(!JSON.parse(readFileSync(statePath, "utf8")).resources.some((r: { name: string }) => r.name === "y"), "y is still only in the journal");
    // The next plan sees the same state: y exists, nothing to add for it.
    const plan = await runCommand(planCommand, dir, ["-no-color"]);
    assert.ok(!plan.stdout.includes("terraform_data.y will be created"), plan.stdout + plan.stderr);
  });
}

test("a journal of another lineage: read commands refuse, naming the journal, and change nothing", async () => {
  const { dir } = await killedApply("default", { lineage: "00000000-0000-0000-0000-000000000000" });
  for (const c of cases) {
    const before = snapshot(dir);
    const r = await runCommand(c.cmd, dir, c.args, c.stdin !== undefined ? { stdin: c.stdin } : {});
    assert.equal(r.code, 1, `${c.name}: ${r.stdout}`);
    assert.match(r.flat, /Failed to load state journal/, c.name);
    assert.deepEqual(snapshot(dir), before, c.name);
  }
});

test("an encrypted state and its sealed journal: read commands open both with the state's passphrase", async () => {
  const env = { CAIRN_STATE_PASSPHRASE: "correct horse battery staple" };
  const { dir, statePath } = await killedApply("dev", { env });
  assert.ok(!readFileSync(`${statePath}.journal`, "utf8").includes("second"), "the journal's records are sealed");
  for (const c of cases) {
    const r = await runCommand(c.cmd, dir, c.args, { env, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}) });
    assert.equal(r.code, 0, `${c.name}: ${r.stdout}${r.stderr}`);
    c.check(r);
  }
  const wrong = await runCommand(stateCommand, dir, ["list"], { env: { CAIRN_STATE_PASSPHRASE: "wrong" } });
  assert.equal(wrong.code, 1);
});
