import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installModules } from "../../modules/install.js";
import { loadModuleTree } from "../../modules/load-tree.js";
import { readLockFile } from "../../modules/lock-file.js";
import { hashModulePackage } from "../../modules/content-hash.js";
import { commitFiles, git, gitRepo, only, snapshot, summaries, tempDir, webModule, writeFiles } from "./helpers.js";

function rootCalling(source: string, extra = ""): string {
  const dir = tempDir("root");
  writeFiles(dir, { "main.tf": `module "web" {\n  source = "${source}"\n  size   = 2\n}\n${extra}` });
  return dir;
}

test("git: a tag installs into .cairn/modules, is locked with its commit and hash, and verifies", async () => {
  const repo = gitRepo(webModule);
  const v1 = git(repo, "rev-parse", "HEAD");
  git(repo, "tag", "v1");
  commitFiles(repo, { "main.tf": webModule["main.tf"] + "# after v1\n" }, "later");
  const root = rootCalling(`git::file://${repo}?ref=v1`);
  const r = (await installModules(root, { upgrade: false }));
  assert.deepEqual(summaries(r.diags), []);
  assert.deepEqual(r.lines, [`Downloading git::file://${repo}?ref=v1 for web...`, "- web in .cairn/modules/web"]);
  assert.equal(readFileSync(join(root, ".cairn/modules/web/main.tf"), "utf8"), webModule["main.tf"]);
  assert.equal(existsSync(join(root, ".cairn/modules/web/.git")), false);
  const { lock } = readLockFile(root);
  const entry = lock.modules.get("web")!;
  assert.equal(entry.source, `git::file://${repo}?ref=v1`);
  assert.equal(entry.commit, v1);
  assert.equal(entry.hash, hashModulePackage(join(root, ".cairn/modules/web")));
  const lockText = readFileSync(join(root, ".cairn.lock.hcl"), "utf8");
  assert.match(lockText, /^# This file is maintained automatically by "cairn init"\.\n/);
  assert.match(lockText, new RegExp(`module "web" \\{\\n  source = "git::file://${repo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?ref=v1"\\n  commit = "${v1}"\\n  hash   = "h1:`));

  const loaded = loadModuleTree(root);
  assert.deepEqual(summaries(loaded.diags), []);
  const web = loaded.tree.root.children.get("web")!;
  assert.equal(web.dir, ".cairn/modules/web");
  assert.ok(web.module.variables.has("size"));
  assert.ok(web.module.primaryFiles.includes(".cairn/modules/web/main.tf"));
});

test("git: branches, commits and //subdir", async () => {
  const repo = gitRepo({ "modules/web/main.tf": webModule["main.tf"], "README.md": "repo\n" });
  git(repo, "checkout", "-q", "-b", "feature");
  const featureCommit = commitFiles(repo, { "modules/web/extra.tf": 'output "extra" {\n  value = 1\n}\n' }, "feature work");
  git(repo, "checkout", "-q", "main");
  const mainCommit = git(repo, "rev-parse", "HEAD");

  const onBranch = rootCalling(`git::file://${repo}//modules/web?ref=feature`);
  assert.deepEqual(summaries((await installModules(onBranch, { upgrade: false })).diags), []);
  assert.ok(existsSync(join(onBranch, ".cairn/modules/web/modules/web/extra.tf")));
  assert.equal(readLockFile(onBranch).lock.modules.get("web")!.commit, featureCommit);
  const tree = loadModuleTree(onBranch).tree;
  assert.equal(tree.root.children.get("web")!.dir, ".cairn/modules/web/modules/web");
  assert.ok(tree.root.children.get("web")!.module.outputs.has("extra"));

  const atCommit = rootCalling(`git::file://${repo}//modules/web?ref=${mainCommit}`);
  assert.deepEqual(summaries((await installModules(atCommit, { upgrade: false })).diags), []);
  assert.equal(existsSync(join(atCommit, ".cairn/modules/web/modules/web/extra.tf")), false);
  assert.equal(readLockFile(atCommit).lock.modules.get("web")!.commit, mainCommit);

  const defaultBranch = rootCalling(`git::file://${repo}//modules/web`);
  assert.deepEqual(summaries((await installModules(defaultBranch, { upgrade: false })).diags), []);
  assert.equal(readLockFile(defaultBranch).lock.modules.get("web")!.commit, mainCommit);
});

test("git: a ref that does not exist is a diagnostic at the source, with git's reason, and nothing changes", async () => {
  const repo = gitRepo(webModule);
  const root = rootCalling(`git::file://${repo}?ref=no-such-tag`);
  const before = snapshot(root);
  const r = (await installModules(root, { upgrade: false }));
  const d = only(r.diags, "Failed to download module");
  assert.match(d.detail!, /Could not download module "web" \(main\.tf:1\) source code from "git::file:\/\/.*\?ref=no-such-tag": git could not check out ref "no-such-tag"/);
  assert.match(d.detail!, /no tag, branch or commit named "no-such-tag" exists in the repository\.$/);
  assert.equal(d.subject!.filename, "main.tf");
  assert.equal(d.subject!.start.line, 2);
  assert.deepEqual(snapshot(root), before);
});

test("git: a URL that is not a repository is a diagnostic and nothing changes", async () => {
  const notRepo = tempDir("notrepo");
  const root = rootCalling(`git::file://${notRepo}`);
  const before = snapshot(root);
  const d = only((await installModules(root, { upgrade: false })).diags, "Failed to download module");
  assert.match(d.detail!, /git clone of file:\/\/.* failed: fatal: .*(not appear to be a git repository|repository .* does not exist)/);
  assert.deepEqual(snapshot(root), before);
});

test("a moved tag is caught by init against the lock, naming the module; -upgrade accepts it", async () => {
  const repo = gitRepo(webModule);
  git(repo, "tag", "v1");
  const root = rootCalling(`git::file://${repo}?ref=v1`);
  assert.deepEqual(summaries((await installModules(root, { upgrade: false })).diags), []);
  const lockedCommit = readLockFile(root).lock.modules.get("web")!.commit;

  // Upstream moves the tag to a new commit; a fresh checkout (no .cairn/) must not silently take it.
  const moved = commitFiles(repo, { "main.tf": webModule["main.tf"] + 'output "new" {\n  value = 2\n}\n' }, "moved");
  git(repo, "tag", "-f", "v1");
  rmSync(join(root, ".cairn"), { recursive: true });
  const before = snapshot(root);
  const r = (await installModules(root, { upgrade: false }));
  const d = only(r.diags, "Module does not match the dependency lock file");
  assert.match(d.detail!, new RegExp(`module\\.web \\("git::file://.*\\?ref=v1"\\) now resolves to commit ${moved}, but \\.cairn\\.lock\\.hcl records commit ${lockedCommit}`));
  assert.match(d.detail!, /Run "cairn init -upgrade"/);
  assert.deepEqual(snapshot(root), before);

  const up = (await installModules(root, { upgrade: true }));
  assert.deepEqual(summaries(up.diags), []);
  assert.equal(readLockFile(root).lock.modules.get("web")!.commit, moved);
  assert.deepEqual(summaries(loadModuleTree(root).diags), []);
});

test("an installed module edited afterwards is refused by every later command until init -upgrade", async () => {
  const repo = gitRepo(webModule);
  const root = rootCalling(`git::file://${repo}`);
  assert.deepEqual(summaries((await installModules(root, { upgrade: false })).diags), []);
  appendFileSync(join(root, ".cairn/modules/web/main.tf"), 'resource "terraform_data" "sneaky" {}\n');
  const loaded = loadModuleTree(root);
  const d = only(loaded.diags, "Module does not match the dependency lock file");
  assert.match(d.detail!, /The files of module\.web in \.cairn\/modules\/web have the content hash h1:\S+, but \.cairn\.lock\.hcl records h1:\S+ for them/);
  assert.equal(loaded.tree.root.children.has("web"), false);
  // Plain init refuses as well (and changes nothing); -upgrade downloads it again.
  const before = snapshot(root);
  assert.deepEqual(summaries((await installModules(root, { upgrade: false })).diags), ["Module does not match the dependency lock file"]);
  assert.deepEqual(snapshot(root), before);
  assert.deepEqual(summaries((await installModules(root, { upgrade: true })).diags), []);
  assert.equal(readFileSync(join(root, ".cairn/modules/web/main.tf"), "utf8"), webModule["main.tf"]);
  assert.deepEqual(summaries(loadModuleTree(root).diags), []);
});

test("without init: a remote module is not installed; a changed source must be installed again", async () => {
  const repo = gitRepo(webModule);
  git(repo, "tag", "v1");
  git(repo, "tag", "v2");
  const root = rootCalling(`git::file://${repo}?ref=v1`);
  assert.deepEqual(summaries(loadModuleTree(root).diags), ["Module not installed"]);
  (await installModules(root, { upgrade: false }));
  writeFiles(root, { "main.tf": `module "web" {\n  source = "git::file://${repo}?ref=v2"\n  size   = 2\n}\n` });
  const d = only(loadModuleTree(root).diags, "Module source has changed");
  assert.match(d.detail!, /Run "cairn init" to install all modules/);
  // Plain init installs a call whose source changed (as Terraform does) and relocks it.
  assert.deepEqual(summaries((await installModules(root, { upgrade: false })).diags), []);
  assert.equal(readLockFile(root).lock.modules.get("web")!.source, `git::file://${repo}?ref=v2`);
});

test("archives: tar.gz and zip with //subdir install, lock the archive digest, and a replaced archive is caught", async () => {
  const pkg = tempDir("pkg");
  writeFiles(pkg, { "modules/web/main.tf": webModule["main.tf"] });
  for (const [name, make] of [
    ["web.tar.gz", (out: string) => execFileSync("tar", ["-czf", out, "-C", pkg, "modules"])],
    ["web.zip", (out: string) => execFileSync("zip", ["-q", "-r", out, "modules"], { cwd: pkg })],
  ] as const) {
    const root = rootCalling(`./dist/${name}//modules/web`);
    writeFiles(root, { "dist/.keep": "" });
    make(join(root, "dist", name));
    const r = (await installModules(root, { upgrade: false }));
    assert.deepEqual(summaries(r.diags), [], name);
    const entry = readLockFile(root).lock.modules.get("web")!;
    const digest = `sha256:${execFileSync("sha256sum", [join(root, "dist", name)], { encoding: "utf8" }).split(" ")[0]}`;
    assert.equal(entry.digest, digest, name);
    assert.equal(entry.commit, undefined);
    assert.equal(loadModuleTree(root).tree.root.children.get("web")!.dir, ".cairn/modules/web/modules/web");

    // The archive is rebuilt with other content; a fresh install must notice.
    writeFiles(pkg, { "modules/web/extra.tf": "# new\n" });
    rmSync(join(root, "dist", name));
    make(join(root, "dist", name));
    rmSync(join(pkg, "modules/web/extra.tf"));
    rmSync(join(root, ".cairn"), { recursive: true });
    const again = (await installModules(root, { upgrade: false }));
    assert.match(only(again.diags, "Module does not match the dependency lock file").detail!, /is now an archive with digest sha256:/, name);
    assert.deepEqual(summaries((await installModules(root, { upgrade: true })).diags), [], name);
  }
});

test("nested remote modules inside installed ones are installed under their call path; local calls stay in the package", async () => {
  const inner = gitRepo(webModule);
  const outer = gitRepo({
    "main.tf": `module "db" {\n  source = "git::file://${inner}"\n  size   = 1\n}\n\nmodule "helper" {\n  source = "./helper"\n}\n`,
    "helper/main.tf": 'output "h" {\n  value = 1\n}\n',
  });
  const root = tempDir("nested");
  writeFiles(root, { "main.tf": `module "app" {\n  source = "git::file://${outer}"\n}\n` });
  const r = (await installModules(root, { upgrade: false }));
  assert.deepEqual(summaries(r.diags), []);
  assert.deepEqual(r.lines, [
    `Downloading git::file://${outer} for app...`,
    "- app in .cairn/modules/app",
    `Downloading git::file://${inner} for app.db...`,
    "- app.db in .cairn/modules/app.db",
    "- app.helper in .cairn/modules/app/helper",
  ]);
  assert.deepEqual([...readLockFile(root).lock.modules.keys()], ["app", "app.db"]);
  const tree = loadModuleTree(root).tree;
  assert.deepEqual(tree.nodes.map((n) => n.path.toString()), ["", "module.app", "module.app.module.db", "module.app.module.helper"]);
});

test("a local path in an installed package may not leave the package", async () => {
  const repo = gitRepo({ "main.tf": 'module "up" {\n  source = "../../elsewhere"\n}\n' });
  const root = rootCalling(`git::file://${repo}`);
  const before = snapshot(root);
  const d = only((await installModules(root, { upgrade: false })).diags, "Local module path escapes module package");
  assert.equal(d.subject!.filename, ".cairn/modules/web/main.tf");
  assert.deepEqual(snapshot(root), before);
});

test("a lock file that does not parse stops init (nothing changes) unless -upgrade rewrites it", async () => {
  const repo = gitRepo(webModule);
  const root = rootCalling(`git::file://${repo}`);
  writeFiles(root, { ".cairn.lock.hcl": 'module "web" {\n  source = \n}\n' });
  const before = snapshot(root);
  assert.ok(summaries((await installModules(root, { upgrade: false })).diags).length > 0);
  assert.deepEqual(snapshot(root), before);
  assert.deepEqual(summaries((await installModules(root, { upgrade: true })).diags), []);
  assert.ok(readLockFile(root).lock.modules.has("web"));
});
