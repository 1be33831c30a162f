// `cairn cluster etcd [-data-dir D] [-members 1|3]`: a local etcd of 1 or 3 members on loopback for the HA
// control plane's quick start, until SIGINT or SIGTERM. Each member keeps its data and ports in the directory,
// so running it again restarts the same etcd.
import { resolve } from "node:path";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";

export const DEFAULT_ETCD_DIR = ".cairn/etcd";

export const clusterEtcdCommand: Command = {
  name: "cluster etcd",
  synopsis: "Run a local 1- or 3-member etcd for the HA control plane",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { "data-dir": { kind: "string" }, members: { kind: "string", default: "1" } });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const members = parsed.flags.strings.get("members");
    if (members !== "1" && members !== "3") {
      ctx.stderr.write(`Error: invalid value "${members}" for -members: 1 or 3\n`);
      return 1;
    }
    const dataDir = resolve(ctx.cwd, parsed.flags.strings.get("data-dir") ?? DEFAULT_ETCD_DIR);
    const { startLocalEtcd } = await import("../../cluster/etcd-local.js");
    let etcd;
    try {
      etcd = await startLocalEtcd({ dataDir, members: members === "3" ? 3 : 1 });
    } catch (e) {
      ctx.stderr.write(`Error: Cannot start etcd: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    const endpoints = etcd.endpoints.join(",");
    ctx.stdout.write(
      `etcd serving (${etcd.members.length} member${etcd.members.length > 1 ? "s" : ""}, loopback only, plain HTTP) at ${endpoints}\n` +
        `  data directory: ${dataDir} (members' logs: m0.log, ...)\n\nPress Ctrl-C to stop.\n`,
    );
    const signal = await new Promise<string>((done) => {
      const on = (s: string) => () => done(s);
      process.once("SIGINT", on("SIGINT"));
      process.once("SIGTERM", on("SIGTERM"));
    });
    await etcd.stop();
    ctx.stdout.write(`Stopped (${signal}).\n`);
    return 0;
  },
};
