// The state layer alone (issue 3's benchmarks spend their state time here): persisting and loading the state
// of the independent benchmark (20,000 terraform_data resources) and of opentofu #1660 (one resource with
// 1,000 instances holding a 683 KiB string twice, about 1.4 GB of state file). Each phase runs in its own
// process, so each reports its own wall time, CPU time (process.resourceUsage) and peak RSS.
// Options: --shapes=independent,large-strings  --kib=683  --count=1000  --n=20000
//          --dist=<a compiled tree>  (e.g. another checkout's dist, to compare before and after)
// Bars: none of its own; the planner benchmarks carry the bars.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const here = fileURLToPath(import.meta.url);
const dist = args.get("dist") ?? join(here, "..", "..", "..");

type State = import("../../state/model.js").StateFile;

function build(shape: string): State {
  const provider = 'provider["terraform.io/builtin/terraform"]';
  const s: State = { version: 4, terraform_version: "0.1.0", serial: 0, lineage: "00000000-0000-4000-8000-000000000000", outputs: {}, resources: [], check_results: null };
  if (shape === "independent") {
    const n = Number(args.get("n") ?? 20000);
    for (let i = 0; i < n; i++) {
      s.resources.push({
        mode: "managed",
        type: "terraform_data",
        name: `r${i}`,
        provider,
        instances: [{ schema_version: 0, attributes: { id: `0c6b3c5e-1b9e-4c55-8f2a-${String(i).padStart(12, "0")}`, input: `value-${i}`, output: `value-${i}`, triggers_replace: null }, sensitive_attributes: [], private: "eyJjbGllbnRfdG9rZW4iOiJ4In0=" }],
      });
    }
  } else {
    const count = Number(args.get("count") ?? 1000);
    const bytes = Number(args.get("kib") ?? 683) * 1024;
    const line = "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTES\n";
    const payload = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
    const instances = [];
    for (let i = 0; i < count; i++) {
      instances.push({ index_key: i, schema_version: 0, attributes: { id: `id-${i}`, input: payload, output: payload, triggers_replace: null }, sensitive_attributes: [] });
    }
    s.resources.push({ mode: "managed", type: "terraform_data", name: "blob", each: "list", provider, instances });
  }
  return s;
}

async function phase(name: string, shape: string, dir: string): Promise<void> {
  const { LocalStateStore } = (await import(pathToFileURL(join(dist, "state", "local-store.js")).href)) as typeof import("../../state/local-store.js");
  const state = name === "persist" ? build(shape) : undefined;
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const u0 = process.resourceUsage();
  const t0 = performance.now();
  let detail = "";
  try {
    const store = new LocalStateStore({ workingDir: dir });
    if (name === "persist") {
      store.write(state!);
      const d = await store.persist();
      if (d.length > 0) throw new Error(d.map((x) => x.detail).join("; "));
      detail = `${(statSync(store.path).size / 2 ** 20).toFixed(1)} MiB file`;
    } else {
      const r = await store.read();
      if (r.diags.length > 0 || r.state === undefined) throw new Error(r.diags.map((x) => x.detail).join("; ") || "no state");
      detail = `${r.state.resources.reduce((n, x) => n + x.instances.length, 0)} instances`;
    }
  } catch (err) {
    detail = `FAILED: ${(err as Error).message.split("\n")[0].slice(0, 200)}`;
  }
  const wallMs = performance.now() - t0;
  const u = process.resourceUsage();
  const cpuMs = (u.userCPUTime + u.systemCPUTime - u0.userCPUTime - u0.systemCPUTime) / 1000;
  process.stdout.write(JSON.stringify({ wallMs, cpuMs, maxRssMb: u.maxRSS / 1024, rssBeforeMb, detail }) + "\n");
}

async function main(): Promise<number> {
  if (args.has("phase")) {
    await phase(args.get("phase")!, args.get("shape")!, args.get("dir")!);
    return 0;
  }
  console.log(`state I/O (${dist}); load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  let failed = 0;
  for (const shape of (args.get("shapes") ?? "independent,large-strings").split(",")) {
    const dir = mkdtempSync(join(tmpdir(), `cairn-state-io-`));
    try {
      for (const name of ["persist", "load"]) {
        const pass = [...args].filter(([k]) => k !== "shapes").map(([k, v]) => `--${k}=${v}`);
        const r = spawnSync(process.execPath, [here, `--phase=${name}`, `--shape=${shape}`, `--dir=${dir}`, ...pass], { encoding: "utf8", maxBuffer: 1 << 20 });
        const line = r.stdout.trim().split("\n").pop() ?? "";
        let m: { wallMs: number; cpuMs: number; maxRssMb: number; rssBeforeMb: number; detail: string };
        try {
          m = JSON.parse(line);
        } catch {
          failed++;
          console.log(`  ${shape} ${name}: crashed (${(r.stderr || "").split("\n").find((l) => /Error/.test(l)) ?? r.status})`);
          continue;
        }
        if (m.detail.startsWith("FAILED")) failed++;
        console.log(`  ${shape} ${name}: ${(m.wallMs / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s cpu (this phase), peak RSS ${m.maxRssMb.toFixed(0)} MB (${m.rssBeforeMb.toFixed(0)} MB before the phase); ${m.detail}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
