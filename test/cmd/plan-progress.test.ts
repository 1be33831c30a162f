// The progress lines of the plan walk in the human output, as Terraform 1.11 prints them (asked of the real
// binary): "ADDR: Refreshing state... [id=ID]" for each object read back from state, and "ADDR: Reading..." /
// "ADDR: Read complete after 0s" for each data source read, before the plan; none with -refresh=false (for
// the objects) or -concise. Each row runs one command after an apply and lists the progress lines it printed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyCommand } from "../../cmd/commands/apply.js";
import { planCommand } from "../../cmd/commands/plan.js";
import type { Command } from "../../cmd/registry.js";
import { runCommand } from "./state-harness.js";

const config = `
resource "terraform_data" "a" { input = "one" }
data "terraform_remote_state" "other" {
  backend = "local"
  config  = { path = "other.tfstate" }
}
output "seen" { value = data.terraform_remote_state.other.outputs }
`;

const otherState = JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "0d1c5e4e-9a51-4f07-8f0e-3b4b2cf1d001", outputs: { x: { value: "y", type: "string" } }, resources: [], check_results: null });

interface Row {
  readonly name: string;
  readonly command: Command;
  readonly args: string[];
  /** The progress lines, ids replaced by ID, in the order printed (the walk reads in parallel: sorted here). */
  readonly lines: string[];
}

const refreshed = "terraform_data.a: Refreshing state... [id=ID]";
const reading = ["data.terraform_remote_state.other: Read complete after 0s", "data.terraform_remote_state.other: Reading..."];

const rows: Row[] = [
  { name: "plan", command: planCommand, args: ["-no-color"], lines: [...reading, refreshed] },
  { name: "plan -refresh=false", command: planCommand, args: ["-no-color", "-refresh=false"], lines: reading },
  { name: "plan -concise", command: planCommand, args: ["-no-color", "-concise"], lines: [] },
  { name: "apply with nothing to change", command: applyCommand, args: ["-no-color", "-auto-approve"], lines: [...reading, refreshed] },
];

for (const row of rows) {
  test(`progress lines: ${row.name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-plan-progress-"));
    writeFileSync(join(dir, "main.tf"), config);
    writeFileSync(join(dir, "other.tfstate"), otherState);
    const first = await runCommand(applyCommand, dir, ["-no-color", "-auto-approve"]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const r = await runCommand(row.command, dir, row.args);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const progress = r.stdout
      .split("\n")
      .filter((l) => / (Refreshing state|Reading|Read complete)/.test(l))
      .map((l) => l.replace(/\[id=[0-9a-f-]{36}\]/, "[id=ID]"))
      .sort();
    assert.deepEqual(progress, row.lines);
    // Before the plan: the first line of the output is a progress line when there is one.
    if (row.lines.length > 0) assert.match(r.stdout.split("\n")[0]!, /: (Refreshing state|Reading)/);
  });
}
