// The round trips an apply makes to PostgreSQL (issue 12, Performance: "state and history written in
// O(changes) round trips, not one per resource"). PostgreSQL itself counts them: the throw-away cluster logs
// every statement it receives and every connection (log_statement = all, log_connections), and the
// statements of Cairn's sessions (application_name "cairn") are counted per command. With node-postgres one
// query is one round trip (Parse/Bind/Execute/Sync go out together). For each size N: an apply creating N
// terraform_data resources, an apply changing all N, a no-op plan; the same steps on the local backend give
// the state versions written there. Bar: the pg statements of each step are the same for every N (the lease
// heartbeat, one UPDATE per third of the lease while a command holds the lock, is time-based and reported
// apart). Options: --sizes=10,100,1000,5000.

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../support/postgres.js";
import { option, removeDir, Report, runCairn, tempDir } from "../planner/harness.js";

const sizes = (option("sizes") ?? "10,100,1000,5000").split(",").map(Number);

const PREFIX = "cairn|";

/** What one command sent to PostgreSQL, from the server's log. */
interface Traffic {
  readonly statements: number;
  readonly heartbeats: number;
  readonly connections: number;
  /** Statement kinds (the first words of each) and their counts, for the breakdown. */
  readonly kinds: ReadonlyMap<string, number>;
}

class ServerLog {
  private offset: number;
  constructor(private readonly path: string) {
    this.offset = statSync(path).size;
  }

  /** Everything logged since the last call. */
  take(): Traffic {
    const text = readFileSync(this.path).subarray(this.offset).toString("utf8");
    this.offset += Buffer.byteLength(text);
    let statements = 0;
    let heartbeats = 0;
    let connections = 0;
    const kinds = new Map<string, number>();
    for (const line of text.split("\n")) {
      if (line.includes("connection authorized:") && line.includes("application_name=cairn")) connections++;
      if (!line.startsWith(PREFIX)) continue;
      const m = /LOG: {2}(?:statement|execute [^:]*): (.*)$/.exec(line);
      if (m === null) continue;
      const sql = m[1]!;
      if (sql.startsWith("UPDATE") && sql.includes("lease_until")) {
        heartbeats++;
        continue;
      }
      statements++;
      const kind = sql.replace(/\s+/g, " ").split(" ").slice(0, 3).join(" ").replace(/"[^"]*"\./g, "");
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return { statements, heartbeats, connections, kinds };
  }
}

async function admin(cluster: PostgresCluster, sql: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: cluster.connStr });
  await c.connect();
  try {
    for (const s of sql) await c.query(s);
  } finally {
    await c.end();
  }
}

async function pgSerial(cluster: PostgresCluster, schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: cluster.connStr });
  await c.connect();
  try {
    const r = await c.query<{ data: string }>(`SELECT data FROM "${schema}".states WHERE name = 'default'`);
    return (JSON.parse(r.rows[0]!.data) as { serial: number }).serial;
  } finally {
    await c.end();
  }
}

function config(backend: string, n: number): string {
  return `terraform {\n  backend "${backend}" {}\n}\nvariable "v" {\n  default = "a"\n}\nresource "terraform_data" "r" {\n  count = ${n}\n  input = "\${var.v}-\${count.index}"\n}\n`;
}

const steps = [
  { name: "apply creating N", args: ["apply", "-auto-approve", "-input=false", "-no-color"] },
  { name: "apply changing N", args: ["apply", "-auto-approve", "-input=false", "-no-color", "-var=v=b"] },
  { name: "no-op plan", args: ["plan", "-input=false", "-no-color", "-var=v=b"] },
] as const;

interface StepFigures {
  readonly traffic?: Traffic;
  /** Serial increase: state versions written. */
  readonly versions: number;
}

async function run(backend: "pg" | "local", n: number, report: Report, cluster: PostgresCluster, log: ServerLog): Promise<StepFigures[] | undefined> {
  const dir = tempDir(`pg-rt-${backend}-${n}`);
  const schema = `rt_${n}`;
  process.env.PG_SCHEMA_NAME = schema;
  try {
    writeFileSync(join(dir, "main.tf"), config(backend, n));
    const init = await runCairn(dir, ["init", "-input=false", "-no-color"]);
    if (init.code !== 0) {
      report.failure(`${backend} N=${n}: init exited ${init.code}: ${init.stderr.slice(-1500)}`);
      return undefined;
    }
    const serial = async () => (backend === "pg" ? pgSerial(cluster, schema) : (JSON.parse(readFileSync(join(dir, "cairn.tfstate"), "utf8")) as { serial: number }).serial);
    log.take();
    const out: StepFigures[] = [];
    let before = 0;
    for (const step of steps) {
      const r = await runCairn(dir, step.args);
      const traffic = log.take();
      if (r.code !== 0) {
        report.failure(`${backend} N=${n}: ${step.name} exited ${r.code}: ${r.stderr.slice(-1500)}`);
        return undefined;
      }
      const after = await serial();
      out.push({ ...(backend === "pg" ? { traffic } : {}), versions: after - before });
      before = after;
    }
    return out;
  } finally {
    removeDir(dir);
  }
}

const report = new Report(`round trips of an apply to PostgreSQL: N = ${sizes.join(", ")}`);
const unavailable = postgresUnavailable();
if (unavailable !== undefined) {
  report.failure(`PostgreSQL is not available (${unavailable}): nothing measured`);
} else {
  const cluster = startPostgres();
  try {
    process.env.PG_CONN_STR = cluster.connStr;
    await admin(cluster, ["ALTER SYSTEM SET log_statement = 'all'", "ALTER SYSTEM SET log_connections = on", "ALTER SYSTEM SET log_line_prefix = '%a|%p|'", "SELECT pg_reload_conf()"]);
    const log = new ServerLog(join(cluster.dir, "log"));
    const byStep: { n: number; pg: StepFigures; local: StepFigures }[][] = steps.map(() => []);
    for (const n of sizes) {
      const pgFigures = await run("pg", n, report, cluster, log);
      const localFigures = await run("local", n, report, cluster, log);
      if (pgFigures === undefined || localFigures === undefined) continue;
      steps.forEach((_, i) => byStep[i]!.push({ n, pg: pgFigures[i]!, local: localFigures[i]! }));
    }
    steps.forEach((step, i) => {
      const rows = byStep[i]!;
      for (const r of rows) {
        const t = r.pg.traffic!;
        console.log(
          `  ${step.name.padEnd(17)} N=${String(r.n).padStart(5)}: pg ${t.statements} statements over ${t.connections} connections` +
            ` (+${t.heartbeats} lease renewals), ${r.pg.versions} state version(s); local ${r.local.versions} state version(s)`,
        );
      }
      const counts = new Set(rows.map((r) => r.pg.traffic!.statements));
      if (rows.length > 1 && counts.size === 1) console.log(`  ok   ${step.name}: ${[...counts][0]} statements for every N (constant, not one per resource)`);
      else if (rows.length > 1) report.failure(`${step.name}: the statements change with N (${rows.map((r) => `${r.n}: ${r.pg.traffic!.statements}`).join(", ")})`);
      const largest = rows[rows.length - 1];
      if (largest !== undefined) {
        const kinds = [...largest.pg.traffic!.kinds].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${c}x ${k}`);
        console.log(`       N=${largest.n} by kind: ${kinds.join("; ")}`);
      }
    });
  } finally {
    cluster.destroy();
  }
}
process.exit(report.exitCode());
