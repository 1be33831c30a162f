import { test } from "node:test";
import assert from "node:assert/strict";
import { parseModuleSource } from "../../modules/source-addr.js";

test("module source addresses: the supported forms", () => {
  const cases: [string, unknown][] = [
    ["./web", { kind: "local", path: "./web" }],
    ["../shared/web", { kind: "local", path: "../shared/web" }],
    ["git::https://example.com/web.git", { kind: "git", url: "https://example.com/web.git", subdir: "" }],
    ["git::https://example.com/web.git?ref=v1.2.0", { kind: "git", url: "https://example.com/web.git", ref: "v1.2.0", subdir: "" }],
    ["git::file:///tmp/repo//modules/web?ref=main", { kind: "git", url: "file:///tmp/repo", ref: "main", subdir: "modules/web" }],
    ["git::ssh://git@example.com/org/web.git//sub/", { kind: "git", url: "ssh://git@example.com/org/web.git", subdir: "sub" }],
    ["git::https://example.com/web.git?ref=release%2F1.0", { kind: "git", url: "https://example.com/web.git", ref: "release/1.0", subdir: "" }],
    ["git::git@example.com:org/web.git//x?ref=abc123&depth=1", { kind: "git", url: "git@example.com:org/web.git", ref: "abc123", depth: 1, subdir: "x" }],
    ["./dist/web.tar.gz", { kind: "archive", path: "./dist/web.tar.gz", format: "tar.gz", subdir: "" }],
    ["./web.tgz//modules/web", { kind: "archive", path: "./web.tgz", format: "tar.gz", subdir: "modules/web" }],
    ["/opt/modules/web.zip", { kind: "archive", path: "/opt/modules/web.zip", format: "zip", subdir: "" }],
  ];
  for (const [raw, want] of cases) assert.deepEqual(parseModuleSource(raw), { source: want }, raw);
});

test("module source addresses: unsupported sources say what is supported", () => {
  for (const raw of ["hashicorp/consul/aws", "app.terraform.io/org/web/aws", "https://example.com/web.zip", "s3::https://s3.amazonaws.com/b/web.zip", "github.com/org/web", "web"]) {
    const r = parseModuleSource(raw);
    assert.ok("error" in r && r.unsupported, raw);
    assert.match(r.error, /Cairn installs modules from local directories \("\.\/x" or "\.\.\/x"\), git repositories/, raw);
  }
  const gh = parseModuleSource("github.com/org/web");
  assert.ok("error" in gh && gh.error.includes('"git::https://github.com/org/web"'));
  const reg = parseModuleSource("hashicorp/consul/aws");
  assert.ok("error" in reg && reg.error.includes("module registry address"));
});

test("module source addresses: malformed ones are invalid", () => {
  for (const raw of ["", "git::", "git::https://x/y.git?ref=", "git::https://x/y.git?depth=0", "./web.zip//../..", "./web//sub", "/abs/dir", "git::https://x/y.git?ref=%zz", "git::https://x/y.git?%E0%A4%A=1"]) {
    const r = parseModuleSource(raw);
    assert.ok("error" in r && !r.unsupported, raw);
  }
});
