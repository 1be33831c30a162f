// Packed provider packages: extracted with their modes; an archive whose entry would land outside the
// package directory, or that is not a zip at all, is refused with a reason (nothing written outside).

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { extractZip } from "../../providers/install/zip-package.js";
import { writeZip } from "./plugin/support.js";

describe("packed provider packages", () => {
  const root = mkdtempSync(join(tmpdir(), "cairn-zip-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  it("extracts files with their Unix modes, in subdirectories too", () => {
    const zip = join(root, "ok.zip");
    writeZip(zip, [
      { name: "terraform-provider-x_v1.0.0", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
      { name: "docs/README.md", data: Buffer.from("hello"), mode: 0o644 },
    ]);
    const out = join(root, "ok");
    assert.equal(extractZip(zip, out), undefined);
    assert.equal(statSync(join(out, "terraform-provider-x_v1.0.0")).mode & 0o111, 0o111);
    assert.equal(readFileSync(join(out, "docs", "README.md"), "utf8"), "hello");
  });

  const refused: [string, (p: string) => void, RegExp][] = [
    ["an entry that climbs out", (p) => writeZip(p, [{ name: "../escaped", data: Buffer.from("x"), mode: 0o644 }]), /points outside the package/],
    ["an entry with an absolute path", (p) => writeZip(p, [{ name: "/tmp/escaped-abs", data: Buffer.from("x"), mode: 0o644 }]), /points outside the package/],
    ["a file that is not a zip", (p) => writeFileSync(p, "not a zip at all, just text"), /not a zip archive/],
  ];
  for (const [name, make, reason] of refused) {
    it(`refuses ${name}`, () => {
      const zip = join(root, `${name.replace(/\W+/g, "-")}.zip`);
      make(zip);
      const out = join(root, "sub", name.replace(/\W+/g, "-"));
      assert.match(extractZip(zip, out) ?? "", reason);
      assert.equal(existsSync(join(root, "sub", "escaped")), false);
      assert.equal(existsSync("/tmp/escaped-abs"), false);
    });
  }
});
