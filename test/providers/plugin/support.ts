// Shared by the plugin tests: running the real `cairn` and `terraform` binaries in a working directory,
// a filesystem mirror holding Cairn's cluster provider as a plugin package, and the plugin processes
// still running for a directory (to prove none is left behind).

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const cairnBin = join(repoRoot, "bin", "cairn");
export const clusterPluginBin = join(repoRoot, "bin", "terraform-provider-cluster");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } }).status === 0;
}

/**
 * Serves one of the test plugins (test/providers/plugin/NAME/main.ts) to Cairn and Terraform through a
 * `dev_overrides` entry for `example.com/test/TYPE`: writes the wrapper executable and the CLI configuration
 * into `root`, and returns the environment that uses them.
 */
export function devOverridePlugin(root: string, name: string, type: string): NodeJS.ProcessEnv {
  const exe = join(root, `terraform-provider-${type}`);
  writeFileSync(exe, `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, "dist", "test", "providers", "plugin", name, "main.js")}"\n`);
  chmodSync(exe, 0o755);
  const cli = join(root, "cli.tfrc");
  writeFileSync(cli, `provider_installation {\n  dev_overrides {\n    "example.com/test/${type}" = "${root}"\n  }\n  direct {}\n}\n`);
  return { TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
}

export const clusterVersion = "0.1.0";

/**
 * A filesystem mirror (unpacked layout) holding cairn/cluster 0.1.0 for this platform: a two-line script
 * that runs this checkout's `cairn provider serve cluster` (with `serveFlags`, such as -protocol=5).
 */
export function makeClusterMirror(dir: string, platform: string, serveFlags = ""): string {
  const pkg = join(dir, "registry.terraform.io", "cairn", "cluster", clusterVersion, platform);
  mkdirSync(pkg, { recursive: true });
  const exe = join(pkg, `terraform-provider-cluster_v${clusterVersion}`);
  writeFileSync(exe, `#!/bin/sh\nexec "${cairnBin}" provider serve cluster${serveFlags === "" ? "" : " " + serveFlags}\n`);
  chmodSync(exe, 0o755);
  return exe;
}

export const versionsTf = `terraform {
  required_providers {
    cluster = { source = "cairn/cluster" }
  }
}
`;

/** Process ids of `provider serve cluster` processes whose working directory is `cwd`. */
export function pluginProcessesIn(cwd: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!cmdline.includes("provider") || !cmdline.includes("serve")) continue;
      if (readlinkSync(`/proc/${pid}/cwd`) === cwd) out.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Waits until no plugin process of `cwd` runs (they exit asynchronously after their client), up to 5 s. */
export async function noPluginsLeft(cwd: string): Promise<number[]> {
  for (let i = 0; i < 50; i++) {
    const left = pluginProcessesIn(cwd);
    if (left.length === 0) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return pluginProcessesIn(cwd);
}

/** A zip archive (stored entries, Unix modes) as provider packages are packed; for packed-mirror tests. */
export function writeZip(path: string, files: readonly { name: string; data: Buffer; mode: number }[]): void {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix: the high 16 bits of the external attributes are the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(f.data), 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | f.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += 30 + name.length + f.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, cd, end]));
}

/** A packed filesystem mirror holding cairn/cluster at each of `versions` for `platform` (one .zip each). */
export function makePackedClusterMirror(dir: string, platform: string, versions: readonly string[]): void {
  const base = join(dir, "registry.terraform.io", "cairn", "cluster");
  mkdirSync(base, { recursive: true });
  for (const v of versions) {
    const data = Buffer.from(`#!/bin/sh\nexec "${cairnBin}" provider serve cluster\n`);
    writeZip(join(base, `terraform-provider-cluster_${v}_${platform}.zip`), [{ name: `terraform-provider-cluster_v${v}`, data, mode: 0o755 }]);
  }
}
