// Which compiled CLI bin/cairn runs (bin/cli-module.mjs): the bundle's entry dist/cli/main.cjs when it is at
// least as new as the TypeScript build, else the unbundled modules, so that `tsc` alone never leaves a stale bundle
// running. Checked on a copy of bin/ beside a dist/ whose files' times each case sets.

import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface Case {
  readonly name: string;
  /** Seconds since the epoch; absent: the file does not exist. */
  readonly bundle?: number;
  readonly tsbuildinfo?: number;
  readonly runs: "dist/cli/main.cjs" | "dist/cmd/main.js";
}

const cases: readonly Case[] = [
  { name: "a bundle made after the build is run", bundle: 2_000, tsbuildinfo: 1_000, runs: "dist/cli/main.cjs" },
  { name: "a bundle made in the same second as the build is run", bundle: 1_000, tsbuildinfo: 1_000, runs: "dist/cli/main.cjs" },
  { name: "a bundle older than the build (tsc ran alone since) is not", bundle: 1_000, tsbuildinfo: 2_000, runs: "dist/cmd/main.js" },
  { name: "no bundle: the modules", tsbuildinfo: 1_000, runs: "dist/cmd/main.js" },
  { name: "a packed install without build info runs the bundle", bundle: 1_000, runs: "dist/cli/main.cjs" },
];

for (const c of cases) {
  test(`bin/cairn's choice: ${c.name}`, async () => {
    const top = mkdtempSync(join(tmpdir(), "cairn-cli-module-"));
    try {
      mkdirSync(join(top, "bin"));
      mkdirSync(join(top, "dist", "cli"), { recursive: true });
      mkdirSync(join(top, "dist", "cmd"), { recursive: true });
      for (const f of ["cli-module.mjs", "cached-scripts.mjs"]) copyFileSync(join(root, "bin", f), join(top, "bin", f));
      writeFileSync(join(top, "dist", "cmd", "main.js"), "");
      const place = (rel: string, seconds: number | undefined) => {
        if (seconds === undefined) return;
        writeFileSync(join(top, rel), "");
        utimesSync(join(top, rel), seconds, seconds);
      };
      place("dist/cli/main.cjs", c.bundle);
      place("dist/.tsbuildinfo", c.tsbuildinfo);
      const { cliModuleUrl } = (await import(pathToFileURL(join(top, "bin", "cli-module.mjs")).href)) as { cliModuleUrl(): string };
      assert.equal(cliModuleUrl(), pathToFileURL(join(top, c.runs)).href);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
}
