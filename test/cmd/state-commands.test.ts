import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stateCommand } from "../../cmd/commands/state.js";
import { LocalStateStore } from "../../state/local-store.js";
import { parseState } from "../../state/parse.js";
import { copyFixture, fixtures, golden, readText, runCommand } from "./state-harness.js";

const run = async (dir: string, ...args: string[]) => {
  const r = await runCommand(stateCommand, dir, args);
  // Diagnostics wrap their detail at 78 columns; match whole sentences on the joined text.
  return { ...r, stderr: r.flat };
};
const stateOf = (dir: string) => {
  const p = parseState(readText(join(dir, "cairn.tfstate")), "cairn.tfstate");
  assert.deepEqual(p.diags, []);
  return p.state!;
};

test("state list prints every instance in Terraform's order (data first, root before modules)", async () => {
  const r = await run(fixtures + "state-basic", "list");
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    'data.terraform_data.lookup\nterraform_data.pool[0]\nterraform_data.pool[1]\nterraform_data.web\nmodule.app.terraform_data.cfg["blue"]\n',
  );
});

test("state list filters by resource, module and -id", async () => {
  assert.equal((await run(fixtures + "state-basic", "list", "terraform_data.pool")).stdout, "terraform_data.pool[0]\nterraform_data.pool[1]\n");
  assert.equal((await run(fixtures + "state-basic", "list", "module.app")).stdout, 'module.app.terraform_data.cfg["blue"]\n');
  assert.equal((await run(fixtures + "state-basic", "list", "-id=p-1")).stdout, "terraform_data.pool[1]\n");
  assert.equal((await run(fixtures + "state-basic", "list", "-id=nothing")).stdout, "");
});

test("state list: an address not in state is an error, as is a missing state file", async () => {
  const r = await run(fixtures + "state-basic", "list", "terraform_data.nope");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error: Unknown resource/);
  assert.match(r.stderr, /The current state contains no resource terraform_data\.nope\./);
  const none = await run(fixtures + "validate-ok", "list");
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^No state file was found!\n\nState management commands require a state file\./);
});

test("state show renders the object as Terraform does (golden), with sensitive values hidden", async () => {
  const r = await run(fixtures + "state-basic", "show", "terraform_data.web");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, golden("state-show-web.txt"));
  assert.match(r.stdout, /triggers_replace = \(sensitive value\)/);
  assert.doesNotMatch(r.stdout, /s3cr3t/);
});

test("state show: keys, modules, missing instances and bad addresses", async () => {
  const keyed = await run(fixtures + "state-basic", "show", 'module.app.terraform_data.cfg["blue"]');
  assert.equal(keyed.stdout, '# module.app.terraform_data.cfg["blue"]:\nresource "terraform_data" "cfg" {\n    id = "c-blue"\n}\n');
  const whole = await run(fixtures + "state-basic", "show", "terraform_data.pool");
  assert.equal(whole.code, 1);
  assert.match(whole.stderr, /Error: No instance found for the given address!/);
  const bad = await run(fixtures + "state-basic", "show", "terraform_data");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Error: Error parsing instance address: terraform_data/);
  const noArg = await run(fixtures + "state-basic", "show");
  assert.equal(noArg.code, 1);
  assert.match(noArg.stderr, /Required argument missing/);
});

test("state mv moves one count instance to another key, keeps a timestamped 0600 backup", async () => {
  const dir = copyFixture("state-basic");
  const before = readText(join(dir, "cairn.tfstate"));
  const r = await run(dir, "mv", "terraform_data.pool[1]", "terraform_data.pool[5]");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Move "terraform_data.pool[1]" to "terraform_data.pool[5]"\nSuccessfully moved 1 object(s).\n');
  const s = stateOf(dir);
  assert.equal(s.serial, 4);
  const pool = s.resources.find((x) => x.name === "pool")!;
  assert.deepEqual(pool.instances.map((i) => i.index_key), [0, 5]);
  assert.equal(pool.instances[1]!.attributes.id, "p-1");
  assert.equal(statSync(join(dir, "cairn.tfstate")).mode & 0o777, 0o600);
  const backups = readdirSync(dir).filter((n) => /^cairn\.tfstate\.\d+\.backup$/.test(n));
  assert.equal(backups.length, 1);
  assert.equal(readText(join(dir, backups[0]!)), before);
  assert.equal(existsSync(join(dir, ".cairn.tfstate.lock.info")), false, "lock released");
});

test("state mv renames whole resources, turns a count instance into a single one, and moves modules", async () => {
  const dir = copyFixture("state-basic");
  assert.equal((await run(dir, "mv", "terraform_data.pool", "terraform_data.workers")).stdout, 'Move "terraform_data.pool" to "terraform_data.workers"\nSuccessfully moved 1 object(s).\n');
  assert.equal((await run(dir, "mv", "terraform_data.workers[0]", "terraform_data.solo")).code, 0);
  assert.equal((await run(dir, "mv", "module.app", "module.site")).stdout, 'Move "module.app" to "module.site"\nSuccessfully moved 1 object(s).\n');
  const list = await run(dir, "list");
  assert.equal(
    list.stdout,
    'data.terraform_data.lookup\nterraform_data.solo\nterraform_data.web\nterraform_data.workers[1]\nmodule.site.terraform_data.cfg["blue"]\n',
  );
  const s = stateOf(dir);
  assert.equal(s.resources.find((x) => x.name === "solo")!.each, undefined);
  // Terraform 1.x writes no resource-level `each`: the instances' keys say how the resource repeats.
  assert.equal(s.resources.find((x) => x.name === "workers")!.each, undefined);
  assert.ok(s.resources.find((x) => x.name === "workers")!.instances.every((i) => typeof i.index_key === "number"));
  // web depended on the moved pool: its recorded dependencies are dropped, as Terraform does.
  assert.equal(s.resources.find((x) => x.name === "web")!.instances[0]!.dependencies, undefined);
});

test("state mv refuses an occupied destination, a type change and an unknown source, leaving the file alone", async () => {
  const dir = copyFixture("state-basic");
  const before = readText(join(dir, "cairn.tfstate"));
  const taken = await run(dir, "mv", "terraform_data.pool[0]", "terraform_data.pool[1]");
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, /Invalid target address/);
  assert.match(taken.stderr, /Cannot move to terraform_data\.pool\[1\]: there is already a resource instance at that address in the current state\./);
  const typeChange = await run(dir, "mv", "terraform_data.web", "null_resource.web");
  assert.match(typeChange.stderr, /Invalid state move request/);
  assert.match(typeChange.stderr, /resource types don't match/);
  const unknown = await run(dir, "mv", "terraform_data.nope", "terraform_data.other");
  assert.match(unknown.stderr, /Cannot move terraform_data\.nope: does not match anything in the current state\./);
  const dry = await run(dir, "mv", "-dry-run", "terraform_data.web", "terraform_data.site");
  assert.equal(dry.stdout, 'Would move "terraform_data.web" to "terraform_data.site"\n');
  assert.equal(readText(join(dir, "cairn.tfstate")), before);
  const args = await run(dir, "mv", "terraform_data.web");
  assert.match(args.stderr, /Exactly two arguments expected: the source and destination addresses\./);
});

test("state rm removes instances, whole resources and modules; -dry-run and unknown addresses", async () => {
  const dir = copyFixture("state-basic");
  const before = readText(join(dir, "cairn.tfstate"));
  const dry = await run(dir, "rm", "-dry-run", "terraform_data.pool");
  assert.equal(dry.stdout, "Would remove terraform_data.pool[0]\nWould remove terraform_data.pool[1]\n");
  assert.equal(readText(join(dir, "cairn.tfstate")), before);
  const none = await run(dir, "rm", "terraform_data.nope");
  assert.equal(none.code, 1);
  assert.match(none.stderr, /Error: Invalid target address/);
  assert.match(none.stderr, /No matching objects found\./);
  assert.equal(readText(join(dir, "cairn.tfstate")), before);
  const r = await run(dir, "rm", "terraform_data.web", "module.app");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Removed terraform_data.web\nRemoved module.app.terraform_data.cfg["blue"]\nSuccessfully removed 2 resource instance(s).\n');
  assert.equal((await run(dir, "list")).stdout, "data.terraform_data.lookup\nterraform_data.pool[0]\nterraform_data.pool[1]\n");
  const one = await run(dir, "rm", "terraform_data.pool[0]");
  assert.equal(one.stdout, "Removed terraform_data.pool[0]\nSuccessfully removed 1 resource instance(s).\n");
  assert.deepEqual(stateOf(dir).resources.find((x) => x.name === "pool")!.instances.map((i) => i.index_key), [1]);
});

test("writing commands fail at once on a locked state with the holder's lock info; the file is unchanged", async () => {
  const dir = copyFixture("state-basic");
  const before = readText(join(dir, "cairn.tfstate"));
  const holder = new LocalStateStore({ workingDir: dir });
  const held = await holder.lock({ operation: "OperationTypeApply", version: "0.1.0" });
  assert.ok(held.ok);
  const pushed = join(dir, "pushed.tfstate");
  writeFileSync(pushed, before.replace('"serial": 3', '"serial": 9'));
  for (const args of [
    ["rm", "terraform_data.web"],
    ["mv", "terraform_data.web", "terraform_data.site"],
    ["push", pushed],
  ]) {
    const r = await run(dir, ...args); // no -lock-timeout: fails while the lock is still held
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.stderr, /Error: Error acquiring the state lock/);
    assert.match(r.stderr, new RegExp(`ID:\\s+${held.id}`));
    assert.match(r.stderr, /Operation: OperationTypeApply/);
    assert.equal(readText(join(dir, "cairn.tfstate")), before);
  }
  // -lock=false skips the lock, as Terraform allows.
  const unlocked = await run(dir, "rm", "-lock=false", "terraform_data.web");
  assert.equal(unlocked.code, 0, unlocked.stderr);
  assert.ok(existsSync(join(dir, ".cairn.tfstate.lock.info")), "the other holder's lock is left alone");
  await holder.unlock(held.id);
});

test("-lock-timeout waits for the lock and rejects a bad duration", async () => {
  const dir = copyFixture("state-basic");
  const holder = new LocalStateStore({ workingDir: dir });
  const held = await holder.lock({ operation: "OperationTypeApply", version: "0.1.0" });
  assert.ok(held.ok);
  setTimeout(() => void holder.unlock(held.id), 150);
  const r = await run(dir, "rm", "-lock-timeout=5s", "terraform_data.web");
  assert.equal(r.code, 0, r.stderr);
  const bad = await run(dir, "rm", "-lock-timeout=soon", "terraform_data.pool");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid value "soon" for flag -lock-timeout: parse error/);
});

test("a corrupt state gives its diagnostic and is never touched", async () => {
  const dir = copyFixture("state-corrupt");
  const before = readText(join(dir, "cairn.tfstate"));
  for (const args of [["list"], ["show", "terraform_data.web"], ["rm", "terraform_data.web"], ["mv", "terraform_data.a", "terraform_data.b"], ["pull"], ["push", fixtures + "state-basic/cairn.tfstate"]]) {
    const r = await run(dir, ...args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.stderr, /Error: Failed to load state/, args.join(" "));
    assert.equal(readText(join(dir, "cairn.tfstate")), before, args.join(" "));
  }
  // Nothing but the state (and the OS lock's database, which holds no state: state/README.md).
  assert.deepEqual(readdirSync(dir).filter((n) => n !== ".cairn.tfstate.lock.db").sort(), ["cairn.tfstate"]);
});

test("state pull prints the stored state (plus the UI's newline); nothing without state", async () => {
  const r = await run(fixtures + "state-basic", "pull");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, readText(fixtures + "state-basic/cairn.tfstate") + "\n");
  const none = await run(fixtures + "validate-ok", "pull");
  assert.deepEqual([none.code, none.stdout], [0, ""]);
});

test("state push refuses another lineage and older or same-serial different states unless -force", async () => {
  const dir = copyFixture("state-basic");
  const original = readText(join(dir, "cairn.tfstate"));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const foreign = write("foreign.tfstate", original.replace("3f1c2b9a-1111-4222-8333-444455556666", "00000000-0000-4000-8000-000000000000"));
  const r1 = await run(dir, "push", foreign);
  assert.equal(r1.code, 1);
  assert.equal(
    r1.stderr,
    'Failed to write state: cannot import state with lineage "00000000-0000-4000-8000-000000000000" over unrelated state with lineage "3f1c2b9a-1111-4222-8333-444455556666"\n',
  );
  const older = write("older.tfstate", original.replace('"serial": 3', '"serial": 2'));
  assert.equal((await run(dir, "push", older)).stderr, "Failed to write state: cannot import state with serial 2 over newer state with serial 3\n");
  const same = write("same.tfstate", original.replace('"p-0"', '"p-zero"'));
  assert.equal(
    (await run(dir, "push", same)).stderr,
    "Failed to write state: cannot overwrite existing state with serial 3 with a different state that has the same serial\n",
  );
  assert.equal(readText(join(dir, "cairn.tfstate")), original);
  // An identical state at the same serial is accepted and changes nothing.
  assert.equal((await run(dir, "push", write("copy.tfstate", original))).code, 0);
  assert.equal(readText(join(dir, "cairn.tfstate")), original);
  // A newer serial is accepted and keeps its serial; -force overrides the lineage check.
  const newer = write("newer.tfstate", original.replace('"serial": 3', '"serial": 7').replace('"p-0"', '"p-new"'));
  assert.equal((await run(dir, "push", newer)).code, 0);
  assert.equal(stateOf(dir).serial, 7);
  const beforeForce = readText(join(dir, "cairn.tfstate"));
  assert.equal((await run(dir, "push", "-force", foreign)).code, 0);
  assert.equal(stateOf(dir).lineage, "00000000-0000-4000-8000-000000000000");
  assert.equal(readText(join(dir, "cairn.tfstate.backup")), beforeForce, "the backup is the state before the command");
});

test("state push reads standard input with -", async () => {
  const dir = copyFixture("state-basic");
  const text = readText(join(dir, "cairn.tfstate")).replace('"serial": 3', '"serial": 4').replace('"p-1"', '"p-one"');
  const r = await runCommand(stateCommand, dir, ["push", "-"], { stdin: text });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(stateOf(dir).resources.find((x) => x.name === "pool")!.instances[1]!.attributes.id, "p-one");
  const bad = await runCommand(stateCommand, dir, ["push", "-"], { stdin: "{not json" });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^Error reading source state "-": /);
  const missing = await run(dir, "push", "nope.tfstate");
  assert.equal(missing.stderr, "open nope.tfstate: no such file or directory\n");
});

test("cairn state without a subcommand prints its usage, exit 1", async () => {
  const r = await run(fixtures + "state-basic");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Usage: cairn \[global options\] state <subcommand>/);
  assert.match(r.stderr, /list\s+List resources in the state/);
});
