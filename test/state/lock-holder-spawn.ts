// Starts test/state/lock-holder.js in another process and waits until it holds the lock in `dir`.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./lock-holder.js", import.meta.url));

export interface LockHolder {
  readonly child: ChildProcess;
  readonly id: string;
  /** Ends the holder normally (it releases its lock) and waits for it to exit. */
  stop(): Promise<void>;
  /** kill -9: the holder has no chance to release anything. */
  kill9(): Promise<void>;
}

export function holdLock(dir: string): Promise<LockHolder> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir], { stdio: ["pipe", "pipe", "inherit"] });
    const exited = new Promise<void>((r) => child.on("exit", () => r()));
    let out = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (s: string) => {
      out += s;
      const m = /^locked (\S+)\n/.exec(out);
      if (m)
        resolve({
          child,
          id: m[1]!,
          stop: () => (child.stdin!.end(), exited),
          kill9: () => (child.kill("SIGKILL"), exited),
        });
    });
    child.on("exit", (code) => reject(new Error(`lock holder exited with ${code} before locking: ${out}`)));
  });
}
