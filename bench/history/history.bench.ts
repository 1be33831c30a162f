// History benchmark: a 5,000-resource state with 1,000 recorded versions, each changing one resource.
// Bars (issue 6): `state history` < 1 s, `state diff` between any two versions < 1 s, `state audit` of the
// whole chain < 10 s, total history storage < 20x one state file. The versions are recorded through the
// real History.recordVersion (fsync off while building the fixture; one recording with fsync is timed too).
import { mkdtempSync, rmSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Readable } from "node:stream";
import { openHistory } from "../../state/history/index.js";
import { emptyState, sortState, type StateFile } from "../../state/model.js";
import { serializeState } from "../../state/serialize.js";
import { stateCommand } from "../../cmd/commands/state.js";
import type { CommandContext } from "../../cmd/registry.js";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 5000);
const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 1000);
const BAR = { historyMs: 1000, diffMs: 1000, auditMs: 10000, storageRatio: 20 };

function makeState(): StateFile {
  const s = emptyState("0.1.0", "bench-lineage-0000");
  for (let i = 0; i < RESOURCES; i++) {
    s.resources.push({
      mode: "managed",
      type: "cluster_workload",
      name: `w${i}`,
      provider: 'provider["registry.terraform.io/cairn/cluster"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: `ns/w${i}-6f9c2a`,
            name: `w${i}`,
            namespace: "default",
            image: `registry.example.com/team/app-${i % 37}:1.${i % 11}.0`,
            replicas: 1 + (i % 5),
            labels: { app: `w${i}`, tier: i % 2 ? "web" : "worker" },
            ports: [8080, 9090],
            generation: 0,
          },
          sensitive_attributes: [],
          dependencies: [`cluster_namespace.ns${i % 10}`],
        },
      ],
    });
  }
  sortState(s);
  return s;
}

class Null extends Writable {
  bytes = 0;
  override _write(c: Buffer, _e: BufferEncoding, cb: () => void) {
    this.bytes += c.length;
    cb();
  }
}

async function timeCommand(dir: string, args: string[]): Promise<{ ms: number; code: number; out: number }> {
  const stdout = new Null();
  const ctx: CommandContext = { cwd: dir, stdin: Readable.from([""]), stdout, stderr: new Null(), env: { CAIRN_ACTOR: "bench@ci" } };
  const t = performance.now();
  const code = await stateCommand.run(args, ctx);
  return { ms: performance.now() - t, code, out: stdout.bytes };
}

function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const work = [dir];
  while (work.length) {
    const d = work.pop()!;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) work.push(p);
      else {
        bytes += st.size;
        files++;
      }
    }
  }
  return { bytes, files };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-history-"));
  try {
    const statePath = join(dir, "cairn.tfstate");
    const state = makeState();
    const { history } = openHistory(statePath, { fsync: false });
    const t0 = performance.now();
    for (let v = 1; v <= VERSIONS; v++) {
      state.serial = v;
      if (v > 1) {
        const r = state.resources[(v * 7919) % RESOURCES]!;
        (r.instances[0]!.attributes as { generation: number }).generation = v;
      }
      const res = history.recordVersion({ command: "apply", args: ["-auto-approve"], env: { CAIRN_ACTOR: "bench@ci" } }, state);
      if (!res.recorded) throw new Error(`version ${v} not recorded`);
    }
    const buildMs = performance.now() - t0;
    const stateText = serializeState(state);
    writeFileSync(statePath, stateText, { mode: 0o600 });
    // One more recording with fsync on, as a command does it.
    const durable = openHistory(statePath, { fsync: true }).history;
    state.serial++;
    (state.resources[1]!.instances[0]!.attributes as { generation: number }).generation = -1;
    const t1 = performance.now();
    durable.recordVersion({ command: "apply", env: { CAIRN_ACTOR: "bench@ci" } }, state);
    const recordMs = performance.now() - t1;
    writeFileSync(statePath, serializeState(state), { mode: 0o600 });

    const hist = await timeCommand(dir, ["history"]);
    const histJson = await timeCommand(dir, ["history", "-json"]);
    const q = (f: number) => Math.max(1, Math.floor(VERSIONS * f));
    const pairs: [number, number][] = [[1, VERSIONS + 1], [VERSIONS, VERSIONS + 1], [1, 2], [q(0.25), q(0.75)], [q(0.017), q(0.983)]];
    let diffMax = 0;
    for (const [a, b] of pairs) {
      const d = await timeCommand(dir, ["diff", String(a), String(b)]);
      if (d.code !== 0) throw new Error(`diff ${a} ${b} failed`);
      diffMax = Math.max(diffMax, d.ms);
    }
    const audit = await timeCommand(dir, ["audit"]);
    if (audit.code !== 0) throw new Error(`audit exit ${audit.code}`);
    const storage = dirSize(join(dir, ".cairn"));
    const ratio = storage.bytes / Buffer.byteLength(stateText);

    const mb = (b: number) => (b / 2 ** 20).toFixed(1) + " MB";
    const row = (name: string, value: string, bar: string, ok: boolean) => console.log(`${name.padEnd(34)} ${value.padStart(12)}   bar ${bar.padEnd(10)} ${ok ? "ok" : "MISSED"}`);
    console.log(`${RESOURCES} resources, ${VERSIONS + 1} versions; state file ${mb(Buffer.byteLength(stateText))}; fixture built in ${(buildMs / 1000).toFixed(1)} s (${(buildMs / VERSIONS).toFixed(1)} ms/version, no fsync)`);
    console.log(`one recordVersion with fsync: ${recordMs.toFixed(0)} ms`);
    row("state history", `${hist.ms.toFixed(0)} ms`, "< 1000 ms", hist.ms < BAR.historyMs);
    row("state history -json", `${histJson.ms.toFixed(0)} ms`, "< 1000 ms", histJson.ms < BAR.historyMs);
    row(`state diff (max of ${pairs.length} pairs)`, `${diffMax.toFixed(0)} ms`, "< 1000 ms", diffMax < BAR.diffMs);
    row("state audit (whole chain)", `${audit.ms.toFixed(0)} ms`, "< 10000 ms", audit.ms < BAR.auditMs);
    row(`history storage (${storage.files} files)`, `${ratio.toFixed(2)}x`, "< 20x", ratio < BAR.storageRatio);
    console.log(`  (${mb(storage.bytes)} of history for a ${mb(Buffer.byteLength(stateText))} state file)`);
    const ok = hist.ms < BAR.historyMs && histJson.ms < BAR.historyMs && diffMax < BAR.diffMs && audit.ms < BAR.auditMs && ratio < BAR.storageRatio;
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
