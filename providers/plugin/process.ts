// Starting a plugin process and reading its handshake, and making sure none outlives Cairn. Every started
// process is in `running` until it exits; on Cairn's exit (a normal end, process.exit after a second
// Ctrl-C, an uncaught error) each one still running is killed with SIGKILL. A Cairn killed with SIGKILL
// runs no handler: Cairn's own plugins notice their parent is gone and exit (server.ts). Plugins ignore
// SIGINT, as go-plugin's do, so that a Ctrl-C reaching the whole process group leaves them to Cairn.

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { makePluginCertificate, type PluginCertificate } from "./certificate.js";
import { type Handshake, magicCookieKey, magicCookieValue, parseHandshake, providerProtocolVersions } from "./protocol.js";

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

export interface StartedPlugin {
  readonly child: ChildProcess;
  readonly handshake: Handshake;
  readonly clientCert: PluginCertificate;
  /** Resolves with how the process ended, once it has. */
  readonly exited: Promise<string>;
  /** The last lines the plugin wrote to stderr, for the message when it dies. */
  readonly recentLog: () => string[];
}

export interface StartOptions {
  readonly executable: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Receives each stderr line of the plugin (and stdout lines after the handshake). */
  readonly log: (line: string) => void;
  readonly handshakeTimeoutMs?: number;
}

export async function startPlugin(opts: StartOptions): Promise<StartedPlugin | string> {
  installExitHook();
  const clientCert = makePluginCertificate();
  let child: ChildProcess;
  try {
    child = spawn(opts.executable, [], {
      cwd: opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...opts.env, [magicCookieKey]: magicCookieValue, PLUGIN_PROTOCOL_VERSIONS: providerProtocolVersions.join(","), PLUGIN_CLIENT_CERT: clientCert.certPem },
    });
  } catch (err) {
    return `could not start ${opts.executable}: ${(err as Error).message}`;
  }
  running.add(child);
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    opts.log(line);
  };
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(signal !== null ? `killed by ${signal}` : `exited with status ${code}`);
    });
    child.once("error", (err) => {
      running.delete(child);
      resolve(`could not run: ${err.message}`);
    });
  });
  createInterface({ input: child.stderr! }).on("line", remember);
  const stdout = createInterface({ input: child.stdout! });
  const first = await new Promise<string | { ended: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ ended: `wrote no handshake within ${(opts.handshakeTimeoutMs ?? 60_000) / 1000}s` }), opts.handshakeTimeoutMs ?? 60_000);
    stdout.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      resolve({ ended: how });
    });
  });
  if (typeof first !== "string") {
    child.kill("SIGKILL");
    const tail = recent.length > 0 ? `; its last output:\n${recent.join("\n")}` : "";
    return `the plugin ${first.ended} before its handshake${tail}`;
  }
  stdout.on("line", remember);
  const handshake = parseHandshake(first);
  if (typeof handshake === "string") {
    child.kill("SIGKILL");
    return handshake;
  }
  if (!(providerProtocolVersions as readonly number[]).includes(handshake.protocolVersion)) {
    child.kill("SIGKILL");
    return `the plugin speaks provider protocol ${handshake.protocolVersion}; Cairn speaks protocols ${providerProtocolVersions.join(" and ")}`;
  }
  return { child, handshake, clientCert, exited, recentLog: () => [...recent] };
}
