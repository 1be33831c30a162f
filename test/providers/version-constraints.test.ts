// Provider version constraints with Terraform's meaning (required_providers), and the lock file's
// canonical `constraints` text. The lock-file text is also compared with the real terraform binary in
// test/providers/plugin/packed-mirror.test.ts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { constraintsString, parseProviderConstraints, versionMeets } from "../../providers/install/version-constraints.js";

const meets: [string, string, boolean][] = [
  ["~> 1.2", "1.2.0", true],
  ["~> 1.2", "1.9.7", true],
  ["~> 1.2", "2.0.0", false],
  ["~> 1.2", "1.1.9", false],
  ["~> 1.2.3", "1.2.9", true],
  ["~> 1.2.3", "1.3.0", false],
  ["~> 1", "1.9.0", true],
  ["~> 1", "2.0.0", false],
  [">= 0.1", "0.1.0", true],
  [">= 0.1, < 0.2.4", "0.2.3", true],
  [">= 0.1, < 0.2.4", "0.2.4", false],
  ["!= 0.2.0", "0.2.0", false],
  ["0.2", "0.2.0", true],
  ["= 0.2.0", "0.2.1", false],
  ["> 1.0.0", "1.0.1", true],
  ["<= 1.0.0", "1.0.1", false],
  // A pre-release only when named exactly.
  [">= 0.1", "0.3.0-rc1", false],
  ["0.3.0-rc1", "0.3.0-rc1", true],
];

const canonical: [string[], string][] = [
  [["~> 0.2, >= 0.1", "< 0.2.4"], ">= 0.1.0, ~> 0.2, < 0.2.4"],
  [[">= 1", ">= 1.0.0", "1.2"], ">= 1.0.0, 1.2.0"],
  [["~> 1.2", "~> 1.2.0"], "~> 1.2.0, ~> 1.2"],
  [["!= 1.0.1, < 2, > 0.9"], "> 0.9.0, != 1.0.1, < 2.0.0"],
  [[], ""],
];

describe("provider version constraints", () => {
  for (const [constraint, version, expected] of meets) {
    it(`${JSON.stringify(constraint)} ${expected ? "admits" : "excludes"} ${version}`, () => {
      const parsed = parseProviderConstraints(constraint);
      assert.ok(parsed !== undefined);
      assert.equal(versionMeets(version, parsed), expected);
    });
  }
  for (const bad of ["~>", ">= one", "1.2.3.4", ">= 1,,"]) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.equal(parseProviderConstraints(bad), undefined));
  }
  for (const [texts, expected] of canonical) {
    it(`locks ${JSON.stringify(texts)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(constraintsString(texts.flatMap((t) => parseProviderConstraints(t) ?? [])), expected);
    });
  }
});
