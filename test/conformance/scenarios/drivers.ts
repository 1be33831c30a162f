// The two programs a scenario runs under: the real `terraform` (a child process) and Cairn (in-process,
// through the same command table the CLI uses, so hundreds of steps stay fast enough for `npm test`).

import { spawnSync } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { commands, type CommandContext } from "../../../cmd/registry.js";

export interface RunOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Driver {
  readonly name: "terraform" | "cairn";
  /** The local state file of the default workspace, relative to the working directory. */
  readonly stateFile: string;
  run(cwd: string, args: readonly string[]): Promise<RunOutput>;
}

const terraformEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env["PATH"] ?? "/usr/bin:/bin",
  HOME: process.env["HOME"] ?? "/tmp",
  TF_CLI_CONFIG_FILE: "/dev/null",
  TF_IN_AUTOMATION: "1",
  CHECKPOINT_DISABLE: "1",
});

export const terraform: Driver = {
  name: "terraform",
  stateFile: "terraform.tfstate",
  async run(cwd, args) {
    const r = spawnSync("terraform", [...args], { cwd, env: terraformEnv(), encoding: "utf8", maxBuffer: 64 << 20 });
    return { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  },
};

export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { env: terraformEnv() }).status === 0;
}

class Collect extends Writable {
  text = "";
  isTTY = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export const cairn: Driver = {
  name: "cairn",
  stateFile: "cairn.tfstate",
  async run(cwd, args) {
    const [name, ...rest] = args;
    const entry = commands.get(name ?? "");
    if (entry === undefined) return { code: 1, stdout: "", stderr: `unknown command ${String(name)}` };
    const stdout = new Collect();
    const stderr = new Collect();
    const stdin = Readable.from([""]) as Readable & { isTTY?: boolean };
    const ctx: CommandContext = { cwd, stdin, stdout, stderr, env: { TF_IN_AUTOMATION: "1" } };
    const cmd = await entry.load();
    try {
      const code = await cmd.run(rest, ctx);
      return { code, stdout: stdout.text, stderr: stderr.text };
    } catch (err) {
      return { code: 99, stdout: stdout.text, stderr: `${stderr.text}\ninternal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
    }
  },
};
