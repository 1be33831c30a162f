// Every command that reads or writes state uses the selected workspace's state file (Terraform's local
// backend: `default` → cairn.tfstate, others → cairn.tfstate.d/NAME/cairn.tfstate), whether the workspace is
// selected by .cairn/environment or by TF_WORKSPACE, and -state replaces that path where a command takes it.
// Two workspaces hold different objects (terraform_data.x["default"] and terraform_data.x["dev"], keyed
// by terraform.workspace), so a command that opens the wrong state shows, plans or changes the wrong one.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "../../cmd/registry.js";
import { applyCommand } from "../../cmd/commands/apply.js";
import { consoleCommand } from "../../cmd/commands/console.js";
import { destroyCommand } from "../../cmd/commands/destroy.js";
import { driftCommand } from "../../cmd/commands/drift.js";
import { forceUnlockCommand } from "../../cmd/commands/force-unlock.js";
import { graphCommand } from "../../cmd/commands/graph.js";
import { outputCommand } from "../../cmd/commands/output.js";
import { planCommand } from "../../cmd/commands/plan.js";
import { refreshCommand } from "../../cmd/commands/refresh.js";
import { showCommand } from "../../cmd/commands/show.js";
import { stateCommand } from "../../cmd/commands/state.js";
import { workspaceCommand } from "../../cmd/commands/workspace.js";
import { selectWorkspace } from "../../modules/workspace.js";
import { LocalStateStore } from "../../state/local-store.js";
import { snapshot } from "../modules/helpers.js";
import { runCommand, type RunResult } from "./state-harness.js";

const CONFIG = `resource "terraform_data" "x" {
  for_each = toset([terraform.workspace])
  input    = terraform.workspace
}

output "ws" {
  value = terraform.workspace
}
`;

const DEFAULT_STATE = "cairn.tfstate";
const DEV_STATE = "cairn.tfstate.d/dev/cairn.tfstate";
/** Where the -state selection moves dev's state (with its history, kept beside it). */
const MOVED_STATE = "elsewhere/cairn.tfstate";

async function must(cmd: Command, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const r = await runCommand(cmd, dir, args, { env });
  assert.equal(r.code, 0, `${cmd.name} ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r;
}

/** Applied once in each workspace; every case works on its own copy. */
let base: string | undefined;
async function twoWorkspaces(): Promise<string> {
  if (base !== undefined) return base;
  const dir = mkdtempSync(join(tmpdir(), "cairn-ws-state-"));
  writeFileSync(join(dir, "main.tf"), CONFIG);
  await must(applyCommand, dir, ["-auto-approve", "-no-color"]);
  await must(workspaceCommand, dir, ["new", "dev"]);
  await must(applyCommand, dir, ["-auto-approve", "-no-color"]);
  base = dir;
  return dir;
}

interface Selection {
  readonly name: string;
  /** The workspace terraform.workspace evaluates to, and whose objects the command must see. */
  readonly ws: "default" | "dev";
  /** The state file the command must use, relative to the working directory. */
  readonly statePath: string;
  /** The other state file, which must never change. */
  readonly otherPath: string;
  readonly env: NodeJS.ProcessEnv;
  /** Extra arguments (-state); cases of commands without -state skip a selection that has them. */
  readonly stateArgs: string[];
  prepare(dir: string): void;
}

const selections: Selection[] = [
  { name: ".cairn/environment selects dev", ws: "dev", statePath: DEV_STATE, otherPath: DEFAULT_STATE, env: {}, stateArgs: [], prepare: (d) => selectWorkspace(d, "dev") },
  { name: "TF_WORKSPACE=default overrides the file's dev", ws: "default", statePath: DEFAULT_STATE, otherPath: DEV_STATE, env: { TF_WORKSPACE: "default" }, stateArgs: [], prepare: (d) => selectWorkspace(d, "dev") },
  { name: "TF_WORKSPACE=dev overrides the file's default", ws: "dev", statePath: DEV_STATE, otherPath: DEFAULT_STATE, env: { TF_WORKSPACE: "dev" }, stateArgs: [], prepare: (d) => selectWorkspace(d, "default") },
  {
    name: "-state names dev's state moved elsewhere (dev selected, its own directory empty)",
    ws: "dev",
    statePath: MOVED_STATE,
    otherPath: DEFAULT_STATE,
    env: {},
    stateArgs: [`-state=${MOVED_STATE}`],
    prepare: (d) => {
      selectWorkspace(d, "dev");
      renameSync(join(d, "cairn.tfstate.d/dev"), join(d, "elsewhere"));
      mkdirSync(join(d, "cairn.tfstate.d/dev"));
    },
  },
];

const key = (ws: string) => `terraform_data.x["${ws}"]`;
const other = (ws: string) => (ws === "dev" ? "default" : "dev");

interface Case {
  readonly name: string;
  /** False: the command has no -state flag (Terraform's show, state pull, force-unlock). */
  readonly takesState: boolean;
  run(dir: string, s: Selection): Promise<RunResult>;
  check(r: RunResult, dir: string, s: Selection): void;
}

function stateFile(dir: string, path: string): { serial: number; resources: { instances: { index_key?: string }[] }[] } {
  return JSON.parse(readFileSync(join(dir, path), "utf8"));
}
const keysIn = (dir: string, path: string) => stateFile(dir, path).resources.flatMap((r) => r.instances.map((i) => i.index_key));

const st = (args: string[]) => (dir: string, s: Selection) => runCommand(stateCommand, dir, [...args.slice(0, 1), ...s.stateArgs, ...args.slice(1)], { env: s.env });

const cases: Case[] = [
  {
    name: "plan",
    takesState: true,
    run: (dir, s) => runCommand(planCommand, dir, ["-no-color", "-detailed-exitcode", ...s.stateArgs], { env: s.env }),
    // The wrong state (or the wrong terraform.workspace) would plan a create and a destroy: exit 2.
    check: (r) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /No changes\./);
    },
  },
  {
    name: "apply",
    takesState: true,
    run: (dir, s) => runCommand(applyCommand, dir, ["-auto-approve", "-no-color", ...s.stateArgs], { env: s.env }),
    check: (r) => {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /No changes\./);
    },
  },
  {
    name: "apply of a saved plan",
    takesState: true,
    // A plan saved against the selected state; applied against another it would be "does not match".
    run: async (dir, s) => {
      const plan = await runCommand(planCommand, dir, ["-no-color", "-out=tfplan", ...s.stateArgs], { env: s.env });
      assert.equal(plan.code, 0, plan.stderr);
      return runCommand(applyCommand, dir, ["-no-color", ...s.stateArgs, "tfplan"], { env: s.env });
    },
    check: (r) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Apply complete! Resources: 0 added, 0 changed, 0 destroyed\./);
    },
  },
  {
    name: "refresh",
    takesState: true,
    run: (dir, s) => runCommand(refreshCommand, dir, ["-json", ...s.stateArgs], { env: s.env }),
    // The objects refreshed are those of the state it opened.
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      const refreshed = r.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)).filter((m) => m.type === "refresh_start").map((m) => m.hook.resource.addr);
      assert.deepEqual(refreshed, [key(s.ws)]);
    },
  },
  {
    name: "destroy",
    takesState: true,
    run: (dir, s) => runCommand(destroyCommand, dir, ["-auto-approve", "-no-color", ...s.stateArgs], { env: s.env }),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`${key(s.ws)}: Destruction complete`), r.stdout);
      assert.deepEqual(keysIn(dir, s.statePath), []);
    },
  },
  {
    name: "show",
    takesState: false,
    run: (dir, s) => runCommand(showCommand, dir, ["-no-color"], { env: s.env }),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`# ${key(s.ws)}:`), r.stdout);
      assert.ok(!r.stdout.includes(key(other(s.ws))), r.stdout);
    },
  },
  {
    name: "output",
    takesState: true,
    run: (dir, s) => runCommand(outputCommand, dir, [...s.stateArgs, "ws"], { env: s.env }),
    check: (r, _dir, s) => assert.deepEqual([r.code, r.stdout], [0, `"${s.ws}"\n`], r.stderr),
  },
  {
    name: "state list",
    takesState: true,
    run: st(["list"]),
    check: (r, _dir, s) => assert.deepEqual([r.code, r.stdout], [0, `${key(s.ws)}\n`], r.stderr),
  },
  {
    name: "state show",
    takesState: true,
    run: (dir, s) => st(["show", key(s.ws)])(dir, s),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`# ${key(s.ws)}:`), r.stdout);
    },
  },
  {
    name: "state pull",
    takesState: false,
    run: st(["pull"]),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).resources[0].instances.map((i: { index_key: string }) => i.index_key), [s.ws]);
    },
  },
  {
    name: "state history",
    takesState: true,
    run: st(["history", "-json"]),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      const addrs = JSON.parse(r.stdout).records.flatMap((x: { changes: { address: string }[] }) => x.changes.map((c) => c.address));
      assert.deepEqual(addrs, [key(s.ws)]);
    },
  },
  {
    name: "state diff",
    takesState: true,
    run: st(["diff"]),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`# ${key(s.ws)} was created`), r.stdout);
      assert.ok(!r.stdout.includes(key(other(s.ws))), r.stdout);
    },
  },
  {
    name: "state audit",
    takesState: true,
    run: st(["audit"]),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(r.stdout.includes(`of ${join(dir, s.statePath)}:`), r.stdout);
    },
  },
  {
    name: "state mv",
    takesState: true,
    run: (dir, s) => st(["mv", key(s.ws), "terraform_data.moved"])(dir, s),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, s.statePath), "utf8")).resources.map((x: { name: string }) => x.name), ["moved"]);
    },
  },
  {
    name: "state rm",
    takesState: true,
    run: (dir, s) => st(["rm", key(s.ws)])(dir, s),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(keysIn(dir, s.statePath), []);
    },
  },
  {
    name: "state push",
    takesState: true,
    // The other workspace's state, forced over the selected one's.
    run: (dir, s) => st(["push", "-force", join(dir, s.otherPath)])(dir, s),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(keysIn(dir, s.statePath), [other(s.ws)]);
    },
  },
  {
    name: "state rollback (after a state rm)",
    takesState: true,
    run: async (dir, s) => {
      const rm = await st(["rm", key(s.ws)])(dir, s);
      assert.equal(rm.code, 0, rm.stderr);
      return st(["rollback", "-serial", String(stateFile(dir, s.statePath).serial - 1), "-auto-approve"])(dir, s);
    },
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Rolling back to version \d+ will/);
      assert.deepEqual(keysIn(dir, s.statePath), [s.ws]);
    },
  },
  {
    name: "drift (an address given)",
    takesState: true,
    run: (dir, s) => runCommand(driftCommand, dir, [...s.stateArgs, key(s.ws)], { env: s.env }),
    check: (r, _dir, s) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`~ ${key(s.ws)} has changed outside of Cairn`), r.stdout);
    },
  },
  {
    name: "drift (refresh-only)",
    takesState: true,
    run: (dir, s) => runCommand(driftCommand, dir, ["-json", ...s.stateArgs], { env: s.env }),
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      // Recorded in the selected state's history (which sits beside it).
      const h = readFileSync(join(dir, s.statePath, "..", ".cairn/history/cairn.tfstate/records.jsonl"), "utf8");
      assert.match(h, /"event":"drift"/);
    },
  },
  {
    name: "console",
    takesState: true,
    run: (dir, s) => runCommand(consoleCommand, dir, [...s.stateArgs], { env: s.env, stdin: `terraform.workspace\n${key(s.ws)}.input\n` }),
    check: (r, _dir, s) => assert.deepEqual([r.code, r.stdout], [0, `"${s.ws}"\n"${s.ws}"\n`], r.stderr),
  },
  {
    name: "graph -type=apply",
    takesState: true,
    run: (dir, s) => runCommand(graphCommand, dir, ["-type=apply", ...s.stateArgs], { env: s.env }),
    // Against the wrong state the apply would replace the object: a "(destroy)" node appears.
    check: (r) => {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes("(destroy)"), r.stdout);
    },
  },
  {
    name: "force-unlock",
    takesState: false,
    run: async (dir, s) => {
      const held = await new LocalStateStore({ workingDir: dir, path: s.statePath }).lock({ operation: "test", version: "0", timeoutMs: 0 });
      assert.ok(held.ok);
      return runCommand(forceUnlockCommand, dir, ["-force", held.id], { env: s.env });
    },
    check: (r, dir, s) => {
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(existsSync(join(dir, s.statePath, "..", ".cairn.tfstate.lock.info")), false);
    },
  },
];

for (const s of selections) {
  test(`each command uses the selected workspace's state: ${s.name}`, async (t) => {
    const from = await twoWorkspaces();
    for (const c of cases) {
      if (!c.takesState && s.stateArgs.length > 0) continue;
      await t.test(c.name, async () => {
        const dir = mkdtempSync(join(tmpdir(), "cairn-ws-case-"));
        cpSync(from, dir, { recursive: true });
        s.prepare(dir);
        const otherBefore = readFileSync(join(dir, s.otherPath), "utf8");
        const r = await c.run(dir, s);
        c.check(r, dir, s);
        assert.equal(readFileSync(join(dir, s.otherPath), "utf8"), otherBefore, `${c.name} left ${s.otherPath} alone`);
      });
    }
  });
}

test("TF_WORKSPACE naming a workspace that does not exist yet: apply creates it, as the local backend does", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-ws-new-"));
  writeFileSync(join(dir, "main.tf"), CONFIG);
  const env = { TF_WORKSPACE: "qa" };
  await must(applyCommand, dir, ["-auto-approve", "-no-color"], env);
  assert.deepEqual(keysIn(dir, "cairn.tfstate.d/qa/cairn.tfstate"), ["qa"]);
  assert.equal(existsSync(join(dir, DEFAULT_STATE)), false);
  assert.equal((await must(stateCommand, dir, ["list"], env)).stdout, `${key("qa")}\n`);
  assert.equal((await must(workspaceCommand, dir, ["list"])).stdout, "* default\n  qa\n\n");
});

test("an invalid TF_WORKSPACE: every state command refuses before touching any file, as Terraform's Meta.Workspace", async () => {
  const from = await twoWorkspaces();
  const root = mkdtempSync(join(tmpdir(), "cairn-ws-bad-"));
  const dir = join(root, "work");
  cpSync(from, dir, { recursive: true });
  // Would put the state at <root>/escaped/cairn.tfstate.
  const env = { TF_WORKSPACE: "../../escaped" };
  const runs: [Command, string[], string?][] = [
    [planCommand, []],
    [applyCommand, ["-auto-approve"]],
    [refreshCommand, []],
    [destroyCommand, ["-auto-approve"]],
    [graphCommand, []],
    [showCommand, []],
    [outputCommand, []],
    [consoleCommand, [], "terraform.workspace\n"],
    [driftCommand, []],
    [driftCommand, [key("default")]],
    [forceUnlockCommand, ["-force", "some-id"]],
    ...[["list"], ["show", key("default")], ["pull"], ["push", "-force", DEFAULT_STATE], ["mv", key("default"), "terraform_data.y"], ["rm", key("default")], ["history"], ["diff"], ["audit"], ["rollback", "-serial", "1", "-auto-approve"]].map(
      (a): [Command, string[]] => [stateCommand, a],
    ),
  ];
  const shown = await runCommand(workspaceCommand, dir, ["show"], { env });
  assert.deepEqual([shown.code, shown.stdout, shown.stderr], [1, "", "Error selecting workspace: Invalid workspace name set using TF_WORKSPACE\n"]);
  const before = snapshot(root);
  for (const [cmd, args, stdin] of runs) {
    const r = await runCommand(cmd, dir, args, { env, ...(stdin !== undefined ? { stdin } : {}) });
    const what = `${cmd.name} ${args.join(" ")}`;
    assert.equal(r.code, 1, `${what}: ${r.stdout}`);
    assert.match(r.flat, /Invalid workspace name set using TF_WORKSPACE/, what);
    assert.deepEqual(snapshot(root), before, `${what} changed nothing`);
  }
});

test("a workspace directory that cannot be created is reported as a diagnostic, not a crash", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-ws-blocked-"));
  writeFileSync(join(dir, "main.tf"), CONFIG);
  writeFileSync(join(dir, "cairn.tfstate.d"), "a file where the workspaces directory goes\n");
  const env = { TF_WORKSPACE: "qa" };
  for (const [cmd, args] of [[stateCommand, ["list"]], [applyCommand, ["-auto-approve", "-no-color"]]] as const) {
    const r = await runCommand(cmd, dir, [...args], { env });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.flat, /Error: (Failed to load state|Error acquiring the state lock)[\s\S]*ENOTDIR/, r.stderr);
  }
});
