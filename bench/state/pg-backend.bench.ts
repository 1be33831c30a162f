// The pg backend against local state (issue 12, Performance): N terraform_data resources applied once per
// backend, then no-op plans (median of --runs); bar: the pg no-op plan within 1.3x of the local one. Starts a
// throw-away PostgreSQL on a unix socket (bench/support/postgres.ts) and removes it; without PostgreSQL
// installed it says so and exits 1.
// Options: --n=5000, --runs=3.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { postgresUnavailable, startPostgres } from "../support/postgres.js";
import { median, option, removeDir, Report, runCairn, tempDir } from "../planner/harness.js";

const n = Number(option("n") ?? 5000);
const runs = Number(option("runs") ?? 3);

function config(backend: string): string {
  const parts = [`terraform {\n  backend "${backend}" {}\n}\n`];
  for (let i = 0; i < n; i++) parts.push(`resource "terraform_data" "r${i}" {\n  input = "value-${i}"\n}\n`);
  return parts.join("\n");
}

async function measure(backend: string, report: Report): Promise<number | undefined> {
  const dir = tempDir(`pg-${backend}`);
  try {
    writeFileSync(join(dir, "main.tf"), config(backend));
    for (const args of [["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"]]) {
      const r = await runCairn(dir, args);
      if (r.code !== 0) {
        report.failure(`${backend}: cairn ${args[0]} exited ${r.code}: ${r.stderr.slice(-2000)}`);
        return undefined;
      }
      if (args[0] === "apply") report.figure(`${backend}: apply of ${n}`, r.wallMs / 1000, "s");
    }
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runCairn(dir, ["plan", "-input=false", "-no-color", "-detailed-exitcode"]);
      if (r.code !== 0) {
        report.failure(`${backend}: the no-op plan exited ${r.code}: ${r.stderr.slice(-2000)}`);
        return undefined;
      }
      walls.push(r.wallMs / 1000);
    }
    report.figure(`${backend}: no-op plan of ${n} (median of ${runs})`, median(walls), "s");
    return median(walls);
  } finally {
    removeDir(dir);
  }
}

const report = new Report(`pg backend vs local state: N = ${n}`);
const unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  report.failure(`PostgreSQL is not available (${unavailable}): nothing measured`);
} else {
  const cluster = startPostgres();
  try {
    process.env.PG_CONN_STR = cluster.connStr;
    const local = await measure("local", report);
    const pg = await measure("pg", report);
    if (local !== undefined && pg !== undefined) {
      const ratio = pg / local;
      if (ratio > 1.3) report.failure(`the pg no-op plan is ${ratio.toFixed(2)}x the local one (bar 1.3x)`);
      else console.log(`  ok   the pg no-op plan is ${ratio.toFixed(2)}x the local one (bar 1.3x)`);
    }
  } finally {
    cluster.destroy();
  }
}
process.exit(report.exitCode());
