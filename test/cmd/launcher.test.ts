// The first line of bin/cairn and bin/terraform-provider-cluster, run by sh when the file is run as a
// program: it starts Node with V8's worker pool one thread short of the cores (at most 4, at least 1), passes
// the file and every argument on unchanged, and hands NODE_EXTRA_CA_CERTS to Cairn as CAIRN_EXTRA_CA_CERTS
// (cmd/extra-ca-certs.ts puts it back). Checked with the real sh against stand-ins for `nproc` (the core count
// each case sets, or none at all) and `node` (which prints what it was given and the two variables), and once
// for real: the file run as a program starts the CLI.

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
  script("node", `for a in "$@"; do printf '%s\\n' "$a"; done; echo "NODE_EXTRA_CA_CERTS=\${NODE_EXTRA_CA_CERTS-unset}"; echo "CAIRN_EXTRA_CA_CERTS=\${CAIRN_EXTRA_CA_CERTS-unset}"`);
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
          assert.deepEqual(r.stdout.trimEnd().split("\n"), [`--v8-pool-size=${c.pool}`, file, "plan", "-var", "a=b c", "NODE_EXTRA_CA_CERTS=unset", "CAIRN_EXTRA_CA_CERTS=unset"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});

describe("NODE_EXTRA_CA_CERTS through the launcher line", () => {
  const cases: readonly { name: string; value: string | undefined; node: string; moved: string }[] = [
    { name: "set: handed to Cairn", value: "/etc/ssl/extra certs.pem", node: "unset", moved: "/etc/ssl/extra certs.pem" },
    { name: "empty: left alone", value: "", node: "", moved: "unset" },
    { name: "absent: nothing set", value: undefined, node: "unset", moved: "unset" },
  ];
  for (const program of programs) {
    for (const c of cases) {
      test(`${program}, ${c.name}`, () => {
        const dir = standIns(2);
        try {
          const env: NodeJS.ProcessEnv = { PATH: dir, ...(c.value !== undefined ? { NODE_EXTRA_CA_CERTS: c.value } : {}) };
          const r = spawnSync("/bin/sh", [join(binDir, program), "version"], { env, encoding: "utf8" });
          assert.equal(r.status, 0, r.stderr);
          assert.deepEqual(r.stdout.trimEnd().split("\n").slice(-2), [`NODE_EXTRA_CA_CERTS=${c.node}`, `CAIRN_EXTRA_CA_CERTS=${c.moved}`]);
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
