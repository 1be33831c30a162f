// A local etcd of 1 or 3 members on loopback in a data directory (`cairn cluster etcd`, and the tests): the
// quick start of the HA control plane. Each member gets its own client and peer port and its own directory;
// a member killed and started again rejoins with its data. Not for production: plain HTTP on loopback.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, closeSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export interface LocalEtcdOptions {
  dataDir: string;
  members?: 1 | 3;
  /** The etcd executable (default: `etcd` on the PATH). */
  binary?: string;
  /** How long to wait for the members to elect a leader, in ms (default 30,000). */
  readyTimeoutMs?: number;
}

export interface LocalEtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dir: string;
  pid(): number | undefined;
  /** Kills the member (SIGKILL by default) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped member again (it rejoins with its data). */
  start(): void;
}

export interface LocalEtcd {
  readonly endpoints: string[];
  readonly members: LocalEtcdMember[];
  /** Resolves when every running member answers /health with a leader elected. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The path of the etcd executable, or undefined when it is not installed. */
export function findEtcd(binary = "etcd"): string | undefined {
  const r = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? binary : undefined;
}

interface Layout {
  token: string;
  members: { name: string; client: number; peer: number }[];
}

const LAYOUT_FILE = "etcd-cluster.json";

export async function startLocalEtcd(options: LocalEtcdOptions): Promise<LocalEtcd> {
  const binary = options.binary ?? "etcd";
  if (!findEtcd(binary)) throw new Error(`etcd is not installed (${binary} not found): on Debian, apt-get install etcd-server`);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const layout = await loadOrCreateLayout(options.dataDir, options.members ?? 1);
  const host = "127.0.0.1";
  const initialCluster = layout.members.map((m) => `${m.name}=http://${host}:${m.peer}`).join(",");
  const members = layout.members.map((m) => {
    const clientUrl = `http://${host}:${m.client}`;
    const peerUrl = `http://${host}:${m.peer}`;
    const dir = join(options.dataDir, m.name);
    let child: ChildProcess | undefined;
    const member: LocalEtcdMember = {
      name: m.name,
      clientUrl,
      peerUrl,
      dir,
      pid: () => child?.pid,
      start: () => {
        if (child && child.exitCode === null && child.signalCode === null) return;
        const log = openSync(join(options.dataDir, `${m.name}.log`), "a", 0o600);
        // Large enough for a controller's batch as one transaction (etcd's defaults: 128 ops, 1.5 MiB).
        child = spawn(binary, [
          "--name", m.name, "--data-dir", dir,
          "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
          "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
          "--initial-cluster", initialCluster, "--initial-cluster-state", "new", "--initial-cluster-token", layout.token,
          "--max-txn-ops", "10000", "--max-request-bytes", String(10 * 1024 * 1024),
          "--logger", "zap", "--log-level", "warn",
        ], { stdio: ["ignore", log, log], env: memberEnv(layout.members.length) });
        closeSync(log);
        child.on("error", () => undefined);
      },
      kill: async (signal = "SIGKILL") => {
        const c = child;
        if (!c || c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
        c.kill(signal);
        await exited;
      },
    };
    return member;
  });
  const cluster: LocalEtcd = {
    endpoints: members.map((m) => m.clientUrl),
    members,
    ready: (timeoutMs = options.readyTimeoutMs ?? 30_000) => waitHealthy(members, timeoutMs),
    stop: async () => {
      await Promise.all(members.map(async (m) => {
        const t = setTimeout(() => void m.kill("SIGKILL"), 5_000);
        await m.kill("SIGTERM");
        clearTimeout(t);
      }));
    },
  };
  for (const m of members) m.start();
  try {
    await cluster.ready();
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** The members' names and ports, kept in the data directory so that a restart serves the same endpoints. */
async function loadOrCreateLayout(dataDir: string, count: number): Promise<Layout> {
  const file = join(dataDir, LAYOUT_FILE);
  if (existsSync(file)) {
    const layout = JSON.parse(readFileSync(file, "utf8")) as Layout;
    if (layout.members.length !== count) {
      throw new Error(`${dataDir} holds an etcd of ${layout.members.length} member(s), not ${count}: use another directory`);
    }
    return layout;
  }
  const ports = await freePorts(count * 2);
  const layout: Layout = {
    token: `cairn-${randomBytes(6).toString("hex")}`,
    members: Array.from({ length: count }, (_, i) => ({ name: `m${i}`, client: ports[2 * i]!, peer: ports[2 * i + 1]! })),
  };
  writeFileSync(file, `${JSON.stringify(layout, null, 2)}\n`, { mode: 0o600 });
  return layout;
}

/** Ports free on loopback now (held together while picking, so they differ). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

async function waitHealthy(members: LocalEtcdMember[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const running = members.filter((m) => m.pid() !== undefined);
  for (;;) {
    const ok = await Promise.all(running.map((m) => healthy(m.clientUrl)));
    if (ok.every(Boolean)) return;
    if (Date.now() > deadline) {
      throw new Error(`etcd did not become healthy within ${timeoutMs} ms (${running.filter((_, i) => !ok[i]).map((m) => m.name).join(", ")}); see the members' logs in the data directory`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    const body = (await res.json()) as { health?: string };
    return body.health === "true";
  } catch {
    return false;
  }
}

/**
 * The members of one local cluster share this machine's cores. Each Go runtime sizes itself to all of them
 * by default (GOMAXPROCS), and an idle one spins its extra threads looking for work before sleeping: with 3
 * members on 2 cores, one thread each took a tenth to a quarter less of the members' CPU per write. So each
 * member gets its share of the cores (at least one), unless GOMAXPROCS is set already. Durability is untouched
 * (every write is still fsynced by a quorum).
 */
function memberEnv(members: number): NodeJS.ProcessEnv {
  if (members <= 1 || process.env.GOMAXPROCS) return process.env;
  return { ...process.env, GOMAXPROCS: String(Math.max(1, Math.floor(availableParallelism() / members))) };
}
