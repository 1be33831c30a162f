// A working directory as an apply killed with kill -9 leaves it, for the tests of the commands that must
// not lose what it completed: the journal written through the state/ API (records flushed, no compaction,
// no close), beside the state file of the selected workspace.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "../../cmd/registry.js";
import { applyCommand } from "../../cmd/commands/apply.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { resolveStatePath } from "../../modules/workspace.js";
import { StateJournal } from "../../state/journal.js";
import { LocalStateStore } from "../../state/local-store.js";
import type { InstanceState } from "../../state/model.js";
import { keyringFor } from "../../state/encryption/index.js";
import { runCommand, type RunResult } from "./state-harness.js";

const CONFIG = `resource "terraform_data" "x" {
  input = "first"
}

resource "terraform_data" "y" {
  input = "second"
}

output "y" {
  value = terraform_data.y.output
}
`;

async function must(cmd: Command, dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const r = await runCommand(cmd, dir, args, { env });
  assert.equal(r.code, 0, `${cmd.name} ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r;
}

const PROVIDER = 'provider["terraform.io/builtin/terraform"]';

/** terraform_data.y as its create's result record holds it. */
const Y: InstanceState = {
  schema_version: 0,
  attributes: { id: "11111111-2222-3333-4444-555555555555", input: { type: "string", value: "second" }, output: { type: "string", value: "second" }, triggers_replace: null },
  sensitive_attributes: [],
};

export interface KilledApplyOptions {
  /** Rewrites the journal's header to another lineage (a journal that does not belong to the state). */
  readonly lineage?: string;
  /** False: the killed apply was the workspace's first, so the state file is the empty state the journal
   * persisted when it opened. Default true: an earlier apply created terraform_data.x. */
  readonly firstApply?: boolean;
  /** The commands' environment; CAIRN_STATE_PASSPHRASE there encrypts the state and seals the journal. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A working directory after an apply that created terraform_data.x, then a second apply killed after its
 * journal recorded y's create and the output, and the intent of a create with no outcome (z).
 * `workspace` selects where the state lives, so the journal beside a non-default workspace's state is read.
 */
export async function killedApply(workspace: string, opts: KilledApplyOptions = {}): Promise<{ dir: string; statePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-killed-apply-"));
  writeFileSync(join(dir, "main.tf"), CONFIG);
  const env = opts.env ?? {};
  if (workspace !== "default") await must(workspaceCommand, dir, ["new", workspace], env);
  if (opts.firstApply !== false) await must(applyCommand, dir, ["-auto-approve", "-no-color", "-target=terraform_data.x"], env);
  const statePath = resolveStatePath(dir, env);
  const store = new LocalStateStore({ path: statePath, keyring: keyringFor(undefined, { env }).keyring });
  const opened = await StateJournal.open(store, store.journalPath, { cairnVersion: "0.1.0", compactAfterRecords: 0 });
  const journal = opened.journal!;
  journal.recordResult({ ref: { mode: "managed", type: "terraform_data", name: "y" }, provider: PROVIDER, instance: Y });
  journal.recordOutput({ name: "y", output: { value: "second", type: "string" } });
  journal.recordIntent({ ref: { mode: "managed", type: "terraform_data", name: "z" }, token: "tok-z", action: "create", provider: PROVIDER });
  assert.deepEqual(await journal.flush(), []);
  // kill -9 now: the state file and the journal stay exactly as they are. (close() would compact; put the
  // files back as they were before it.)
  const stateBytes = readFileSync(statePath);
  let journalText = readFileSync(store.journalPath, "utf8");
  await journal.close();
  if (opts.lineage !== undefined) journalText = journalText.replace(/"lineage":"[^"]+"/, `"lineage":"${opts.lineage}"`);
  writeFileSync(statePath, stateBytes);
  writeFileSync(store.journalPath, journalText);
  return { dir, statePath };
}
