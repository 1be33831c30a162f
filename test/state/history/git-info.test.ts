// The git part of a history record: the commit and dirty flag of the configuration's work tree, asked of
// the real git; and where git could find no repository, git is not started at all (a stand-in `git` first on
// the PATH records any start).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitInfo } from "../../../state/history/index.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], { cwd, stdio: ["ignore", "pipe", "ignore"], encoding: "utf8" }).trim();

function withTemp(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "cairn-git-info-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` with a stand-in `git` ahead of the real one on the PATH; returns whether it was started. */
function gitStartedDuring(dir: string, fn: () => void): boolean {
  const bin = join(dir, "stand-in-bin");
  const marker = join(dir, "git-was-started");
  mkdirSync(bin);
  writeFileSync(join(bin, "git"), `#!/bin/sh\ntouch '${marker}'\nexit 128\n`);
  chmodSync(join(bin, "git"), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path ?? ""}`;
  try {
    fn();
  } finally {
    process.env.PATH = path;
  }
  return existsSync(marker);
}

const cases: { name: string; layout: (root: string) => string; expect: "none" | "clean" | "dirty" }[] = [
  { name: "no repository anywhere above", layout: (root) => mkdirAll(join(root, "plain", "config")), expect: "none" },
  { name: "the configuration at a work tree's top", layout: (root) => committedRepo(root), expect: "clean" },
  { name: "a configuration in a work tree's subdirectory", layout: (root) => mkdirAll(join(committedRepo(root), "envs", "prod")), expect: "clean" },
  {
    name: "a work tree with an uncommitted file beside the configuration",
    layout: (root) => {
      const repo = committedRepo(root);
      writeFileSync(join(repo, "extra.tf"), "# not committed\n");
      return repo;
    },
    expect: "dirty",
  },
];

function mkdirAll(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

function committedRepo(root: string): string {
  const repo = mkdirAll(join(root, "repo"));
  git(repo, "init", "-q");
  writeFileSync(join(repo, "main.tf"), 'resource "terraform_data" "a" {}\n');
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "one");
  return repo;
}

for (const c of cases) {
  test(`gitInfo: ${c.name}`, () => {
    withTemp((root) => {
      const dir = c.layout(root);
      const info = gitInfo(dir, {});
      if (c.expect === "none") assert.equal(info, undefined);
      else {
        assert.ok(info !== undefined, "a commit is recorded");
        assert.equal(info.commit, git(dir, "rev-parse", "HEAD"));
        assert.equal(info.dirty, c.expect === "dirty");
      }
    });
  });
}

test("gitInfo: where git could find no repository it is not started; in a work tree it is", () => {
  withTemp((root) => {
    const plain = mkdirAll(join(root, "plain"));
    assert.equal(gitStartedDuring(plain, () => assert.equal(gitInfo(plain, {}), undefined)), false);
    const repo = committedRepo(root);
    assert.equal(gitStartedDuring(repo, () => assert.equal(gitInfo(repo, {}), undefined)), true);
  });
});

test("gitInfo: GIT_DIR set means git is asked even without a .git above", () => {
  withTemp((root) => {
    const plain = mkdirAll(join(root, "plain"));
    assert.equal(gitStartedDuring(plain, () => assert.equal(gitInfo(plain, { GIT_DIR: join(root, "elsewhere") }), undefined)), true);
  });
});
