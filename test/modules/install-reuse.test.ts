// One download per package address in a `cairn init` run, as Terraform's reusingGetter: every other call of
// the same package is a copy of the first. A `git` wrapper first on PATH counts the clones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installModules } from "../../modules/install.js";
import { loadModuleTree } from "../../modules/load-tree.js";
import { readLockFile } from "../../modules/lock-file.js";
import { git, gitRepo, summaries, tempDir, webModule, writeFiles } from "./helpers.js";

/** Runs fn with a `git` on PATH that logs its arguments and runs the real git; returns the clone count. */
function countingClones(fn: () => void): number {
  const bin = tempDir("gitwrap");
  const log = join(bin, "calls.log");
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, "git"), 0o755);
  writeFileSync(log, "");
  const before = process.env.PATH;
  process.env.PATH = `${bin}:${before ?? ""}`;
  try {
    fn();
  } finally {
    process.env.PATH = before;
  }
  return readFileSync(log, "utf8").split("\n").filter((l) => l === "clone").length;
}

const cases: { name: string; sources: (repo: string, sub: string) => string[]; clones: number }[] = [
  { name: "three calls of one source", sources: (r) => [`git::file://${r}?ref=main`, `git::file://${r}?ref=main`, `git::file://${r}?ref=main`], clones: 1 },
  { name: "subdirectories of one package", sources: (_r, s) => [`git::file://${s}//modules/web?ref=main`, `git::file://${s}//modules/db?ref=main`], clones: 1 },
  { name: "two refs are two packages", sources: (r) => [`git::file://${r}?ref=main`, `git::file://${r}?ref=main`, `git::file://${r}?ref=v1`], clones: 2 },
  { name: "an unreachable source is tried once and reported for each call", sources: (r) => [`git::file://${r}-gone?ref=main`, `git::file://${r}-gone?ref=main`], clones: 1 },
];

for (const c of cases) {
  test(`git packages are fetched once per init: ${c.name}`, () => {
    const repo = gitRepo(webModule);
    git(repo, "tag", "v1");
    const sub = gitRepo({ "modules/web/main.tf": webModule["main.tf"], "modules/db/main.tf": 'output "db" {\n  value = 1\n}\n' });
    const sources = c.sources(repo, sub);
    const root = tempDir("reuse");
    writeFiles(root, {
      "main.tf": sources.map((s, i) => `module "m${i}" {\n  source = "${s}"\n${s.includes("//modules/db") ? "" : "  size   = 1\n"}}\n`).join("\n"),
    });
    let diags: string[] = [];
    const clones = countingClones(() => {
      diags = summaries(installModules(root, { upgrade: false }).diags);
    });
    assert.equal(clones, c.clones);
    if (c.name.startsWith("an unreachable")) {
      assert.deepEqual(diags, sources.map(() => "Failed to download module"));
      return;
    }
    assert.deepEqual(diags, []);
    // Every call has its own installed copy, locked with the package's commit and the copy's own hash.
    const { lock } = readLockFile(root);
    assert.equal(lock.modules.size, sources.length);
    const loaded = loadModuleTree(root);
    assert.deepEqual(summaries(loaded.diags), []);
    assert.equal(loaded.tree.nodes.length, sources.length + 1);
  });
}

