import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { extractArchive } from "../../modules/extract-archive.js";
import { hashModulePackage } from "../../modules/content-hash.js";
import { DEFAULT_ARCHIVE_LIMITS } from "../../modules/archive-limits.js";
import { tempDir, writeFiles } from "./helpers.js";

const OPTS = { limits: DEFAULT_ARCHIVE_LIMITS, signal: new AbortController().signal };

function sampleTree(): string {
  const src = tempDir("archive-src");
  writeFiles(src, { "pkg/main.tf": 'output "x" { value = 1 }\n', "pkg/sub/inner.tf": "# inner\n", [`pkg/${"long-".repeat(30)}name.tf`]: "# a name over 100 bytes\n" });
  execFileSync("ln", ["-s", "main.tf", join(src, "pkg/link.tf")]);
  return src;
}

test("tar.gz written by GNU tar (ustar, long names, symlinks) extracts to the same tree", async () => {
  const src = sampleTree();
  const archive = join(tempDir("tgz"), "pkg.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", src, "pkg"]);
  const dest = tempDir("tgz-out");
  const r = (await extractArchive(archive, "tar.gz", dest, OPTS));
  assert.ok("digest" in r, JSON.stringify(r));
  assert.match(r.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(readFileSync(join(dest, "pkg/sub/inner.tf"), "utf8"), "# inner\n");
  assert.ok(existsSync(join(dest, `pkg/${"long-".repeat(30)}name.tf`)));
  assert.equal(readlinkSync(join(dest, "pkg/link.tf")), "main.tf");
  assert.equal(hashModulePackage(join(dest, "pkg")), hashModulePackage(join(src, "pkg")));
});

test("tar in pax format (bsdtar/posix) extracts too", async () => {
  const src = sampleTree();
  const archive = join(tempDir("pax"), "pkg.tgz");
  execFileSync("tar", ["--format=posix", "-czf", archive, "-C", src, "pkg"]);
  const dest = tempDir("pax-out");
  assert.ok("digest" in (await extractArchive(archive, "tar.gz", dest, OPTS)));
  assert.equal(hashModulePackage(join(dest, "pkg")), hashModulePackage(join(src, "pkg")));
});

test("zip written by Info-ZIP (deflated and stored, symlinks) extracts to the same tree", async () => {
  const src = sampleTree();
  const archive = join(tempDir("zip"), "pkg.zip");
  execFileSync("zip", ["-q", "-r", "-y", archive, "pkg"], { cwd: src });
  const dest = tempDir("zip-out");
  const r = (await extractArchive(archive, "zip", dest, OPTS));
  assert.ok("digest" in r, JSON.stringify(r));
  assert.equal(readlinkSync(join(dest, "pkg/link.tf")), "main.tf");
  assert.equal(hashModulePackage(join(dest, "pkg")), hashModulePackage(join(src, "pkg")));
  const stored = join(tempDir("zip0"), "stored.zip");
  execFileSync("zip", ["-q", "-0", "-r", stored, "pkg"], { cwd: src });
  const dest0 = tempDir("zip0-out");
  assert.ok("digest" in (await extractArchive(stored, "zip", dest0, OPTS)));
  assert.equal(readFileSync(join(dest0, "pkg/main.tf"), "utf8"), 'output "x" { value = 1 }\n');
});

/** A one-entry tar with the given name, built by hand so the name can be hostile. */
function tarWith(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(content.length.toString(8).padStart(11, "0") + "\0", 124);
  header.write("00000000000\0", 136);
  header.write("0", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  const data = Buffer.alloc(512);
  data.write(content);
  return Buffer.concat([header, data, Buffer.alloc(1024)]);
}

test("an archive entry that escapes the package is refused and nothing is written", async () => {
  const dir = tempDir("evil");
  const archive = join(dir, "evil.tar.gz");
  writeFileSync(archive, gzipSync(tarWith("../evil.tf", "x")));
  const dest = join(dir, "out");
  const r = (await extractArchive(archive, "tar.gz", dest, OPTS));
  assert.ok("error" in r);
  assert.match(r.error, /"\.\.\/evil\.tf" would be written outside the module directory/);
  assert.equal(existsSync(dest), false);
  assert.equal(existsSync(join(dir, "evil.tf")), false);
});

test("bytes that are not an archive give a reason", async () => {
  const dir = tempDir("notarchive");
  writeFileSync(join(dir, "x.tgz"), "plain text");
  writeFileSync(join(dir, "x.zip"), "plain text");
  const a = (await extractArchive(join(dir, "x.tgz"), "tar.gz", join(dir, "o1"), OPTS));
  const b = (await extractArchive(join(dir, "x.zip"), "zip", join(dir, "o2"), OPTS));
  assert.ok("error" in a && /not a gzip-compressed tar archive/.test(a.error));
  assert.ok("error" in b && /no zip end-of-central-directory record/.test(b.error));
  const corrupt = gzipSync(Buffer.alloc(1024, 0x41));
  writeFileSync(join(dir, "c.tgz"), corrupt);
  const c = (await extractArchive(join(dir, "c.tgz"), "tar.gz", join(dir, "o3"), OPTS));
  assert.ok("error" in c && /checksum mismatch/.test(c.error));
  assert.equal(statSync(dir).isDirectory(), true);
});
