// The commands on a (fake) terminal: `cairn cluster status` draws the ink table from a real embedded cluster,
// `cairn apply`/`destroy` show ink's live progress and leave the finished lines and the summary; -no-color
// and -json keep the plain output on a terminal too.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { clusterCommand } from "../../../cmd/commands/cluster.js";
import { applyCommand } from "../../../cmd/commands/apply.js";
import { destroyCommand } from "../../../cmd/commands/destroy.js";
import type { Command, CommandContext } from "../../../cmd/registry.js";
import { Harness } from "../../providers/cluster/support.js";
import { FakeStdout, count, plain } from "./fake-stdout.js";

async function onTerminal(cmd: Command, cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new FakeStdout({ columns: 120, rows: 40 });
  const err = new FakeStdout({ isTTY: false });
  const ctx: CommandContext = { cwd, stdin: new PassThrough(), stdout: out, stderr: err, env: {} };
  const code = await cmd.run(args, ctx);
  return { code, out: plain(out.text), err: err.text };
}

describe("commands on a terminal", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-tty-cmd-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("cairn cluster status", () => {
    const cwd = join(dir, "cluster");
    before(async () => {
      mkdirSync(cwd, { recursive: true });
      const h = await Harness.open({}, { cwd });
      await h.converge("cluster_node", { name: "n1", cpu: "2", memory: "4Gi", zone: "a" });
      await h.converge("cluster_node", { name: "n2", cpu: "2", memory: "4Gi", zone: "b", taint: [{ key: "gpu", value: "true", effect: "NoSchedule" }] });
      await h.converge("cluster_workload", { kind: "deployment", name: "web", image: "nginx", replicas: 1, cpu_request: "1", memory_request: "1Gi", timeouts: { create: "20s" } });
      await h.close();
    });

    it("draws the ink table", async () => {
      const r = await onTerminal(clusterCommand, cwd, ["status"]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Nodes 2\/2 ready {3}Pods 1 running, 0 pending\n\nNODE +STATUS +ZONE +CPU +MEMORY +PODS\n/);
      assert.match(r.out, /\nn1 +Ready +a +█{10}░{10} +50% 1\/2 +█{5}░{15} +25% 1Gi\/4Gi +1\/110\n/);
      assert.match(r.out, /\nn2 +Ready +b +░{20} +0% 0\/2 +░{20} +0% 0\/4Gi +0\/110\n +taints: gpu=true:NoSchedule\n/);
    });

    it("keeps plain text with -no-color and JSON with -json", async () => {
      const p = await onTerminal(clusterCommand, cwd, ["status", "-no-color"]);
      assert.match(p.out, /^Nodes: 2\/2 ready/);
      assert.equal(count(p.out, "█"), 0);
      const j = await onTerminal(clusterCommand, cwd, ["status", "-json"]);
      assert.equal((JSON.parse(j.out) as { totals: { nodes: number } }).totals.nodes, 2);
    });
  });

  describe("cairn apply and destroy", () => {
    const cwd = join(dir, "apply");
    it("shows live progress with ink and leaves the finished lines and the summary", async () => {
      mkdirSync(cwd, { recursive: true });
      writeFileSync(join(cwd, "main.tf"), `resource "terraform_data" "a" { input = "x" }\nresource "terraform_data" "b" { input = terraform_data.a.output }\n`);
      const a = await onTerminal(applyCommand, cwd, ["-auto-approve"]);
      assert.equal(a.code, 0, a.err);
      assert.equal(count(a.out, "✓ terraform_data.a: Creation complete after 0s [id="), 1);
      assert.equal(count(a.out, "✓ terraform_data.b: Creation complete after 0s [id="), 1);
      assert.match(a.out, /█{30} 2\/2 operations finished \[\d+s\]/);
      assert.doesNotMatch(a.out, /Creating\.\.\./, "no Terraform-style start lines on a terminal");
      assert.match(a.out, /Apply complete! Resources: 2 added, 0 changed, 0 destroyed\./);
      assert.ok(a.out.indexOf("operations finished") < a.out.indexOf("Apply complete!"), "the view is done before the summary");

      const d = await onTerminal(destroyCommand, cwd, ["-auto-approve"]);
      assert.equal(d.code, 0, d.err);
      assert.ok(d.out.indexOf("✓ terraform_data.b: Destruction complete") < d.out.indexOf("✓ terraform_data.a: Destruction complete"));
      assert.match(d.out, /2\/2 operations finished/);
      assert.match(d.out, /Destroy complete! Resources: 2 destroyed\./);
    });

    it("prints Terraform's lines with -no-color on a terminal", async () => {
      const a = await onTerminal(applyCommand, cwd, ["-auto-approve", "-no-color"]);
      assert.equal(a.code, 0, a.err);
      assert.match(a.out, /terraform_data\.a: Creating\.\.\.\n/);
      assert.equal(count(a.out, "operations finished"), 0);
      await onTerminal(destroyCommand, cwd, ["-auto-approve", "-no-color"]);
    });
  });
});
