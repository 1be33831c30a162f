// The first line of bin/cairn and bin/terraform-provider-cluster, run by sh when the file is run as a
// program: it starts Node with V8's worker pool one thread short of the cores (at most 4, at least 1), and
// passes the file and every argument on unchanged. Checked with the real sh against stand-ins for `nproc`
// (the core count each case sets, or none at all) and `node` (which prints what it was given), and once for
// real: the file run as a program starts the CLI.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const binDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "..", "bin");
const programs = ["cairn", "terraform-provider-cluster"];

const cases: readonly { cores: number | undefined; pool: number }[] = [
  { cores: 1, pool: 1 },
  { cores: 2, pool: 1 },
  { cores: 3, pool: 2 },
  { cores: 4, pool: 3 },
  { cores: 5, pool: 4 },
  { cores: 16, pool: 4 },
  { cores: undefined, pool: 4 }, // no nproc on the PATH: V8's own default
];

function standIns(cores: number | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-launcher-"));
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  if (cores !== undefined) script("nproc", `echo ${cores}`);
  script("node", `for a in "$@"; do printf '%s\\n' "$a"; done`);
  return dir;
}

describe("the launcher line", () => {
  for (const program of programs) {
    for (const c of cases) {
      test(`${program} on ${c.cores ?? "unknown"} core(s): --v8-pool-size=${c.pool}, then the file and the arguments`, () => {
        const dir = standIns(c.cores);
        try {
          const file = join(binDir, program);
          const r = spawnSync("/bin/sh", [file, "plan", "-var", "a=b c"], { env: { PATH: dir }, encoding: "utf8" });
          assert.equal(r.status, 0, r.stderr);
          assert.deepEqual(r.stdout.trimEnd().split("\n"), [`--v8-pool-size=${c.pool}`, file, "plan", "-var", "a=b c"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});

test("bin/cairn run as a program starts the CLI", () => {
  const r = spawnSync(join(binDir, "cairn"), ["version"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Cairn v\d+\.\d+\.\d+/);
});
