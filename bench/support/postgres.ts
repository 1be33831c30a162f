// A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory, postgres listening on a unix
// socket in that directory only (no TCP port at all), trust authentication (nothing else can reach the
// socket: the directory is private), stopped with `pg_ctl stop -m immediate` in the test's `after`.
// initdb and postgres refuse to run as root: then they run as the `postgres` user (runuser), with the
// directory handed to it. The binaries are looked up on the PATH, in /usr/local/bin, and where Debian puts
// them (/usr/lib/postgresql/<version>/bin). One cluster per test file.

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PostgresCluster {
  /** A libpq connection string for the database "postgres" over the cluster's socket. */
  readonly connStr: string;
  readonly dir: string;
  /** Stops the server at once (as a crash would) and keeps the data directory, for start() again. */
  stop(): void;
  start(): void;
  /** Stops the server and removes everything. */
  destroy(): void;
}

/** The directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const candidates = [...(process.env.PATH ?? "").split(":"), "/usr/local/bin", "/usr/lib/postgresql"];
  for (const c of candidates) {
    if (c === "/usr/lib/postgresql") {
      if (!existsSync(c)) continue;
      const versions = readdirSync(c).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
      for (const v of versions) if (existsSync(join(c, v, "bin", "initdb"))) return join(c, v, "bin");
      continue;
    }
    if (c !== "" && existsSync(join(c, "initdb")) && existsSync(join(c, "pg_ctl"))) return c;
  }
  return undefined;
}

/** Why pg tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  if (postgresBinDir() === undefined) return "PostgreSQL is not installed (no initdb on the PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin)";
  if (process.getuid?.() === 0 && spawnSync("id", ["postgres"]).status !== 0) return "running as root and there is no postgres user to run PostgreSQL as";
  return undefined;
}

export function startPostgres(): PostgresCluster {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error("PostgreSQL is not installed");
  const root = mkdtempSync(join(tmpdir(), "cairn-pg-"));
  const data = join(root, "data");
  const asRoot = process.getuid?.() === 0;
  let uid = process.getuid?.() ?? 0;
  if (asRoot) {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (cmd: string, args: string[]) => {
    const argv = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]] as const : [join(bin, cmd), args] as const;
    const r = spawnSync(argv[0], [...argv[1]], { encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  // No TCP at all: the socket in the private directory is the only way in. fsync off: a test cluster.
  const options = `-c listen_addresses='' -c unix_socket_directories='${root}' -c fsync=off -c max_connections=100`;
  // After an immediate stop, the old server's children can outlive it for a moment and keep its shared memory:
  // a start then fails ("pre-existing shared memory block is still in use"). Retried, within a bound.
  const start = () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        run("pg_ctl", ["-D", data, "-o", options, "-l", join(root, "log"), "-w", "-t", "60", "start"]);
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          let log = "";
          try {
            log = readFileSync(join(root, "log"), "utf8").slice(-2000);
          } catch {
            // no log yet
          }
          throw new Error(`${(err as Error).message}\nserver log:\n${log}`);
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      }
    }
  };
  start();
  let stopped = false;
  return {
    connStr: `postgresql://postgres@/postgres?host=${encodeURIComponent(root)}`,
    dir: root,
    stop: () => run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    start,
    destroy: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
