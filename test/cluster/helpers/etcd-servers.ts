// API server processes on etcd for the HA tests (etcd-serve-child.ts: `serveCluster` with etcd and short
// election timing), each a real process that also exits when the test process goes away (its stdin closes).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { httpsRequest, type HttpsReply } from "./https.js";

const CHILD = fileURLToPath(new URL("./etcd-serve-child.js", import.meta.url));

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  token: string;
  ca: string;
  /** stdout lines: the endpoint JSON, then "leading" / "stopped" as the replica takes and loses the lease. */
  lines: string[];
  call(method: string, path: string, body?: unknown, contentType?: string, headers?: Record<string, string>): Promise<HttpsReply>;
  leading(): boolean;
  kill(): Promise<void>;
}

export async function startServer(dataDir: string, endpoints: readonly string[], prefix: string): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [CHILD, dataDir, endpoints.join(","), prefix], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  await until("the API server prints its endpoint", () => lines.length > 0 || proc.exitCode !== null, 30_000);
  assert.ok(lines.length > 0, `the API server exited (${proc.exitCode}) before serving`);
  const info = JSON.parse(lines[0]!) as { url: string; token: string; ca: string };
  return {
    proc,
    ...info,
    lines,
    call: (method, path, body, contentType = "application/json", headers = {}) =>
      httpsRequest(`${info.url}${path}`, info.ca, {
        method,
        headers: { authorization: `Bearer ${info.token}`, "content-type": contentType, ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    leading: () => lines.lastIndexOf("leading") > lines.lastIndexOf("stopped"),
    kill: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
