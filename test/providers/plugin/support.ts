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
