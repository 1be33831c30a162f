// A working copy of one of examples/environments/envs/* with the shared modules beside it, in a temporary
// directory, driven through the real CLI (bin/cairn in a child process). The copy keeps the layout
// (envs/<env> next to modules/) so that the env's `../../modules/...` sources resolve as they do in the
// repository, and the state and the embedded cluster (.cairn/cluster of the working directory) land in the
// copy, never in examples/.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const examplesDir = join(repoRoot, "examples", "environments");
const bin = join(repoRoot, "bin", "cairn");

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface EnvWorkdir {
  /** The env's working directory inside the copy. */
  readonly dir: string;
  cairn(...args: string[]): CliRun;
  /** Runs a command that prints JSON on stdout and must exit 0. */
  json<T>(...args: string[]): T;
  remove(): void;
}

/** Without the served-cluster variables a developer may have exported, every run uses the embedded core. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "", NO_COLOR: "1" };
  delete env.CAIRN_CLUSTER_ENDPOINT;
  delete env.CAIRN_CLUSTER_TOKEN;
  for (const k of Object.keys(env)) if (k.startsWith("TF_VAR_")) delete env[k];
  return env;
}

/**
 * What a user who followed the README left in examples/ (state, the working directory's .cairn with its
 * installed modules and embedded cluster) is not part of the example: a test copies the example without it.
 */
export function isUserState(path: string): boolean {
  const name = basename(path);
  return name.startsWith("cairn.tfstate") || name.startsWith(".cairn.tfstate") || name === ".cairn" || name === ".terraform" || name === "terraform.tfstate";
}

export function envWorkdir(env: string): EnvWorkdir {
  const root = mkdtempSync(join(tmpdir(), `cairn-env-${env}-`));
  const copy = { recursive: true, filter: (src: string) => !isUserState(src) };
  cpSync(join(examplesDir, "modules"), join(root, "modules"), copy);
  cpSync(join(examplesDir, "envs", env), join(root, "envs", env), copy);
  const dir = join(root, "envs", env);
  const cairn = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", env: childEnv(), timeout: 180_000 });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr + (r.error ? String(r.error) : "") };
  };
  return {
    dir,
    cairn,
    json<T>(...args: string[]): T {
      const r = cairn(...args);
      if (r.code !== 0) throw new Error(`cairn ${args.join(" ")} exited ${r.code}:\n${r.out}${r.err}`);
      return JSON.parse(r.out) as T;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
