// `state mv -state-out=PATH`: objects move from the -state (or workspace) file into another state file, new
// or existing, both under their locks, each with its own backup (-backup, -backup-out). A refused move
// (occupied destination) and -dry-run leave both files byte for byte as they were.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stateCommand } from "../../cmd/commands/state.js";
import { copyFixture, runCommand } from "./state-harness.js";

const names = (path: string): string[] =>
  JSON.parse(readFileSync(path, "utf8")).resources.flatMap((r: { module?: string; mode: string; type: string; name: string; instances: { index_key?: string | number }[] }) =>
    r.instances.map((i) => `${r.module ? r.module + "." : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}${i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`}`),
  );

interface Case {
  readonly name: string;
  readonly args: string[];
  /** Put an existing destination file in place first (a copy of the source: its own objects and lineage). */
  readonly existing?: boolean;
  readonly source: string[];
  readonly out: string[];
}

const ALL = ["data.terraform_data.lookup", "terraform_data.pool[0]", "terraform_data.pool[1]", "terraform_data.web", 'module.app.terraform_data.cfg["blue"]'];

const cases: Case[] = [
  {
    name: "a single resource into a new file, renamed",
    args: ["terraform_data.web", "terraform_data.site"],
    source: ALL.filter((a) => a !== "terraform_data.web"),
    out: ["terraform_data.site"],
  },
  {
    name: "a whole counted resource",
    args: ["terraform_data.pool", "terraform_data.pool"],
    source: ALL.filter((a) => !a.startsWith("terraform_data.pool")),
    out: ["terraform_data.pool[0]", "terraform_data.pool[1]"],
  },
  {
    name: "a module into another module path",
    args: ["module.app", "module.svc"],
    source: ALL.filter((a) => !a.startsWith("module.app")),
    out: ['module.svc.terraform_data.cfg["blue"]'],
  },
  {
    name: "one instance into an existing file that lacks it",
    args: ["terraform_data.pool[1]", "terraform_data.extra"],
    existing: true,
    source: ALL.filter((a) => a !== "terraform_data.pool[1]"),
    out: [...ALL, "terraform_data.extra"].sort(),
  },
];

for (const c of cases) {
  test(`state mv -state-out: ${c.name}`, async () => {
    const dir = copyFixture("state-basic");
    const out = join(dir, "other.tfstate");
    if (c.existing === true) writeFileSync(out, readFileSync(join(dir, "cairn.tfstate")));
    const r = await runCommand(stateCommand, dir, ["mv", "-state-out=other.tfstate", "-backup-out=other.backup", ...c.args]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Successfully moved \d+ object\(s\)\./);
    assert.deepEqual(names(join(dir, "cairn.tfstate")).sort(), [...c.source].sort());
    assert.deepEqual(names(out).sort(), [...c.out].sort());
    // Each file keeps a backup of what it replaced (a new destination had nothing to back up).
    assert.ok(readdirSync(dir).some((f) => /^cairn\.tfstate\.\d+\.backup$/.test(f)), readdirSync(dir).join(" "));
    assert.equal(existsSync(join(dir, "other.backup")), c.existing === true);
  });
}

test("state mv -state-out refuses an occupied destination, and -dry-run moves nothing: both files unchanged", async () => {
  const dir = copyFixture("state-basic");
  const out = join(dir, "other.tfstate");
  writeFileSync(out, readFileSync(join(dir, "cairn.tfstate")));
  const before = [readFileSync(join(dir, "cairn.tfstate"), "utf8"), readFileSync(out, "utf8")];
  const occupied = await runCommand(stateCommand, dir, ["mv", "-state-out=other.tfstate", "terraform_data.web", "terraform_data.web"]);
  assert.equal(occupied.code, 1);
  assert.match(occupied.flat, /Cannot move to terraform_data\.web: there is already a resource instance at that address in the current state\./);
  const dry = await runCommand(stateCommand, dir, ["mv", "-dry-run", "-state-out=new.tfstate", "terraform_data.web", "terraform_data.site"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.stdout, 'Would move "terraform_data.web" to "terraform_data.site"\n');
  assert.deepEqual([readFileSync(join(dir, "cairn.tfstate"), "utf8"), readFileSync(out, "utf8")], before);
  assert.equal(existsSync(join(dir, "new.tfstate")), false);
});
