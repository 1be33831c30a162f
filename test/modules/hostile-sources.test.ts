// Module sources built to attack `cairn init` (issue 17, point 5): each test builds its hostile archive or
// repository in a temporary directory. Refusals are diagnostics naming the source; nothing is installed,
// no staging directory stays behind, no file outside the package is read, and git never takes a ref for an
// option. The bombs' memory is measured in a child process (its peak RSS, reported by the kernel); how long
// they take is not asserted (docs/modules.md has the figures).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { DEFAULT_ARCHIVE_LIMITS } from "../../modules/archive-limits.js";
import { extractArchive } from "../../modules/extract-archive.js";
import { fetchGit } from "../../modules/git.js";
import { installModules } from "../../modules/install.js";
import { parseModuleSource } from "../../modules/source-addr.js";
import { git, gitRepo, only, snapshot, tempDir, webModule, writeFiles } from "./helpers.js";
import { hugeDeclaredZip, lyingZipBomb, manyFilesTarGz, oneHugeFileTarGz, overlappingZipBomb, tarOf } from "./hostile-archives.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const OPTS = { limits: DEFAULT_ARCHIVE_LIMITS, signal: new AbortController().signal };
const MB = 1024 * 1024;

/** Runs fn with TMPDIR pointing at a fresh directory, and returns what fn left in it. */
async function leftInTmp<T>(fn: () => Promise<T>): Promise<{ result: T; left: string[] }> {
  const tmp = tempDir("tmpdir");
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const result = await fn();
    return { result, left: readdirSync(tmp) };
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

function rootCalling(source: string): string {
  const dir = tempDir("hostile-root");
  writeFiles(dir, { "main.tf": `module "web" {\n  source = "${source}"\n}\n` });
  return dir;
}

/** A package (at pkg) whose links each point inside, but which together lead to the package's parent. */
function linkChainPackage(pkg: string): void {
  writeFiles(pkg, { "main.tf": 'output "x" { value = file("${path.module}/escape/secret.txt") }\n', "sub/keep.tf": "" });
  symlinkSync("..", join(pkg, "sub/self")); // sub/self -> the package root: inside
  symlinkSync("sub/self/..", join(pkg, "escape")); // "sub" as text: inside; followed: the package's parent
}

test("a chain of symbolic links that each point inside but lead outside: archives and repositories are refused", async () => {
  const src = tempDir("chain-src");
  linkChainPackage(join(src, "pkg"));
  writeFileSync(join(src, "secret.txt"), "the contents of a file outside the package\n");
  const archive = join(tempDir("chain"), "pkg.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", join(src, "pkg"), "."]);
  const dest = join(tempDir("chain-out"), "x");
  const r = await extractArchive(archive, "tar.gz", dest, OPTS);
  assert.ok("error" in r, JSON.stringify(r));
  assert.match(r.error, /the symbolic link "escape" \(to "sub\/self\/\.\."\) leads outside the module directory/);
  assert.equal(existsSync(dest), false);

  const zipped = join(tempDir("chain-zip"), "pkg.zip");
  execFileSync("zip", ["-q", "-r", "-y", zipped, "."], { cwd: join(src, "pkg") });
  const z = await extractArchive(zipped, "zip", join(tempDir("chain-zip-out"), "x"), OPTS);
  assert.ok("error" in z && /"escape" .* leads outside the module directory/.test(z.error), JSON.stringify(z));

  // The same package in a git repository, through init: a diagnostic naming the source, nothing installed.
  const repo = tempDir("chain-repo");
  git(repo, "init", "-q");
  linkChainPackage(repo);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "links");
  const root = rootCalling(`git::file://${repo}`);
  const before = snapshot(root);
  const { result, left } = await leftInTmp(() => installModules(root, { upgrade: false }));
  const d = only(result.diags, "Failed to download module");
  assert.match(d.detail!, new RegExp(`from "git::file://${repo}".*the symbolic link "escape" \\(to "sub/self/\\.\\."\\) in the repository leads outside the module package`));
  assert.deepEqual(snapshot(root), before);
  assert.deepEqual(left, []);
});

test("a link loop is refused rather than followed forever", async () => {
  const src = tempDir("loop-src");
  writeFiles(src, { "main.tf": "" });
  symlinkSync("b", join(src, "a"));
  symlinkSync("a", join(src, "b"));
  const archive = join(tempDir("loop"), "pkg.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", src, "."]);
  const r = await extractArchive(archive, "tar.gz", join(tempDir("loop-out"), "x"), OPTS);
  assert.ok("error" in r && /never resolves: it leads through a loop of links/.test(r.error), JSON.stringify(r));
});

test("git: a ref starting with '-' is refused where the source is written; git never reads it as an option", async () => {
  const secret = join(tempDir("secret"), "FILE");
  writeFileSync(secret, "top-secret-pathspec-contents\n");
  const repo = gitRepo(webModule);
  const source = `git::file://${repo}?ref=--pathspec-from-file=${secret}`;
  const parsed = parseModuleSource(source);
  assert.ok("error" in parsed && /must not start with "-"/.test(parsed.error), JSON.stringify(parsed));

  const root = rootCalling(source);
  const r = await installModules(root, { upgrade: false });
  const d = only(r.diags, "Invalid module source address");
  assert.match(d.detail!, /The "ref" argument of a git source must not start with "-"/);
  assert.doesNotMatch(JSON.stringify(r.diags), /top-secret/);

  // Below the parser too: the fetcher passes the ref after --end-of-options, so git looks for a ref by that name.
  const direct = await fetchGit({ kind: "git", url: `file://${repo}`, ref: `--pathspec-from-file=${secret}`, subdir: "" }, join(tempDir("direct"), "x"), OPTS.signal);
  assert.ok("error" in direct, JSON.stringify(direct));
  assert.match(direct.error, /no tag, branch or commit named "--pathspec-from-file=/);
  assert.doesNotMatch(direct.error, /top-secret/);
  assert.ok("error" in (parseModuleSource(`git::-upload-pack=touch /tmp/x`) as object));
});

test("tar: an entry that is first a file and then a symbolic link (or the reverse, or beneath a link) is a diagnostic", async () => {
  const cases: { name: string; entries: Parameters<typeof tarOf>[0]; error: RegExp }[] = [
    { name: "file then link", entries: [{ name: "main.tf", type: "0", data: "# x\n" }, { name: "main.tf", type: "2", link: "other.tf" }], error: /contains "main\.tf" twice, first as a file and then as a symbolic link/ },
    { name: "link then file", entries: [{ name: "l", type: "2", link: "." }, { name: "l", type: "0", data: "x" }], error: /contains "l" twice, first as a symbolic link and then as a file/ },
    { name: "beneath a link", entries: [{ name: "l", type: "2", link: "sub" }, { name: "l/x.tf", type: "0", data: "x" }], error: /"l\/x\.tf" lies beneath the symbolic link "l"/ },
    { name: "file then directory", entries: [{ name: "d", type: "0", data: "x" }, { name: "d/x.tf", type: "0", data: "x" }], error: /"d\/x\.tf" lies beneath "d", which the archive made a file/ },
    { name: "hard link to nothing", entries: [{ name: "h", type: "1", link: "nope" }], error: /the hard link "h" names "nope", which is not a file earlier in the archive/ },
  ];
  for (const c of cases) {
    const dir = tempDir("dup");
    const archive = join(dir, "pkg.tar.gz");
    writeFileSync(archive, gzipSync(tarOf(c.entries)));
    const r = await extractArchive(archive, "tar.gz", join(dir, "out"), OPTS);
    assert.ok("error" in r, c.name);
    assert.match(r.error, c.error, c.name);
    assert.equal(existsSync(join(dir, "out")), false, c.name);
  }
  // Through init: the diagnostic names the module and the archive; no stack trace, nothing installed.
  const root = tempDir("dup-root");
  writeFileSync(join(root, "pkg.tgz"), gzipSync(tarOf(cases[0]!.entries)));
  writeFiles(root, { "main.tf": 'module "web" {\n  source = "./pkg.tgz"\n}\n' });
  const { result, left } = await leftInTmp(() => installModules(root, { upgrade: false }));
  const d = only(result.diags, "Failed to download module");
  assert.match(d.detail!, /"\.\/pkg\.tgz".*contains "main\.tf" twice/);
  assert.equal(existsSync(join(root, ".cairn")), false);
  assert.deepEqual(left, []);
});

const bombs: { name: string; file: string; build: () => Buffer; error: RegExp }[] = [
  { name: "tar.gz: one entry declaring a gibibyte", file: "bomb.tar.gz", build: oneHugeFileTarGz, error: /unpacks to more than 67108864 bytes \(the limit CAIRN_MODULE_ARCHIVE_MAX_BYTES sets\)/ },
  { name: "tar.gz: thousands of files of zeros", file: "many.tar.gz", build: manyFilesTarGz, error: /unpacks to more than 67108864 bytes/ },
  { name: "zip: thousands of entries overlapping one record", file: "overlap.zip", build: () => overlappingZipBomb(), error: /has 16000 entries, more than the 10000 the limit CAIRN_MODULE_ARCHIVE_MAX_ENTRIES sets/ },
  { name: "zip: an entry declaring a gibibyte", file: "huge.zip", build: hugeDeclaredZip, error: /unpacks to more than 67108864 bytes/ },
  { name: "zip: an entry that inflates past its declared size", file: "lying.zip", build: lyingZipBomb, error: /the entry small\.tf inflates to more than the 100 bytes its header records/ },
];

for (const b of bombs) {
  test(`archive bomb refused with bounded memory, staging removed: ${b.name}`, async () => {
    const root = tempDir("bomb-root");
    const bytes = b.build();
    writeFileSync(join(root, b.file), bytes);
    writeFiles(root, { "main.tf": `module "web" {\n  source = "./${b.file}"\n}\n` });
    // `cairn init` in a child process, so that its peak memory is its own.
    const tmp = tempDir("bomb-tmp");
    const preload = join(tmp, "..", `${b.file}-rss.mjs`);
    writeFileSync(preload, 'process.on("exit", () => process.stderr.write(`maxrss_kb=${process.resourceUsage().maxRSS}\\n`));\n');
    const r = spawnSync(process.execPath, ["--import", pathToFileURL(preload).href, join(repoRoot, "bin/cairn"), "init", "-no-color"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TMPDIR: tmp },
    });
    if (r.error !== undefined) throw r.error;
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /Failed to download module/);
    assert.match(r.stderr.replace(/[\s│]+/g, " "), b.error);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    assert.ok(rss > 0, r.stderr);
    assert.ok(rss * 1024 < 200 * MB, `peak RSS ${Math.round(rss / 1024)} MB for a ${bytes.length}-byte archive`);
    assert.deepEqual(readdirSync(tmp), [], "staging removed");
    assert.equal(existsSync(join(root, ".cairn/modules")), false);
  });
}

test("the archive limits come from the environment; a bad setting is a diagnostic", async () => {
  const dir = tempDir("limits");
  const archive = join(dir, "pkg.tar.gz");
  writeFileSync(archive, gzipSync(tarOf([{ name: "a.tf", type: "0", data: "x".repeat(2000) }, { name: "b.tf", type: "0", data: "" }])));
  const small = { limits: { maxBytes: 1000, maxEntries: 10 }, signal: OPTS.signal };
  const r = await extractArchive(archive, "tar.gz", join(dir, "o1"), small);
  assert.ok("error" in r && /unpacks to more than 1000 bytes/.test(r.error), JSON.stringify(r));
  const few = { limits: { maxBytes: 1e6, maxEntries: 1 }, signal: OPTS.signal };
  const f = await extractArchive(archive, "tar.gz", join(dir, "o2"), few);
  assert.ok("error" in f && /more than 1 entries \(the limit CAIRN_MODULE_ARCHIVE_MAX_ENTRIES sets\)/.test(f.error), JSON.stringify(f));

  const root = tempDir("limits-root");
  writeFileSync(join(root, "pkg.tgz"), gzipSync(tarOf([{ name: "main.tf", type: "0", data: "# big enough\n".repeat(100) }])));
  writeFiles(root, { "main.tf": 'module "web" {\n  source = "./pkg.tgz"\n}\n' });
  const refused = await installModules(root, { upgrade: false, env: { CAIRN_MODULE_ARCHIVE_MAX_BYTES: "512" } });
  assert.match(only(refused.diags, "Failed to download module").detail!, /unpacks to more than 512 bytes/);
  const bad = await installModules(root, { upgrade: false, env: { CAIRN_MODULE_ARCHIVE_MAX_ENTRIES: "many" } });
  assert.match(only(bad.diags, "Invalid archive limit").detail!, /CAIRN_MODULE_ARCHIVE_MAX_ENTRIES must be a positive whole number, not "many"/);
  const ok = await installModules(root, { upgrade: false, env: {} });
  assert.deepEqual(ok.diags.filter((d) => d.severity === "error"), []);
});

test("Ctrl-C during init: the download stops, nothing is installed and the staging directory is removed", async () => {
  // A git that never finishes, so the interrupt is certain to arrive mid-download.
  const bin = tempDir("slowgit");
  writeFileSync(join(bin, "git"), "#!/bin/sh\necho started >&2\nexec sleep 60\n");
  chmodSync(join(bin, "git"), 0o755);
  const root = rootCalling("git::file:///nowhere/repo");
  const tmp = tempDir("int-tmp");
  const child = spawn(process.execPath, [join(repoRoot, "bin/cairn"), "init", "-no-color"], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp, PATH: `${bin}:${process.env.PATH ?? ""}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  // Wait until a staging directory exists (the download is under way), then interrupt.
  for (let i = 0; i < 600 && readdirSync(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.notDeepEqual(readdirSync(tmp), [], "init started downloading");
  await new Promise((r) => setTimeout(r, 200));
  child.kill("SIGINT");
  const status = await new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  assert.equal(status, 1, out);
  assert.match(out, /Module installation interrupted/);
  assert.deepEqual(readdirSync(tmp), [], "staging removed");
  assert.equal(existsSync(join(root, ".cairn/modules")), false);
  assert.equal(existsSync(join(root, ".cairn.lock.hcl")), false);
});
