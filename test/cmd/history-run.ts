// Runs a command in-process with collected stdout/stderr, a given stdin and a fixed actor.
import { Readable, Writable } from "node:stream";
import type { Command, CommandContext } from "../../cmd/registry.js";

class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

export async function run(cmd: Command, cwd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = new Collect();
  const stderr = new Collect();
  const ctx: CommandContext = { cwd, stdin: Readable.from([opts.input ?? ""]), stdout, stderr, env: { CAIRN_ACTOR: "carol@laptop", ...opts.env } };
  const code = await cmd.run(args, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

