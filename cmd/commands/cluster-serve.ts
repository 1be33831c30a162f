// `cairn cluster serve [-data-dir D] [-port P] [-host H] [-service-node-port-range LO-HI]`: the cluster core behind its HTTPS API with a bearer
// token, until SIGINT or SIGTERM. 127.0.0.1 unless told otherwise; always TLS (there is no plain-HTTP mode, so
// `-host 0.0.0.0` never exposes the token in clear text); several Cairn processes may use it at once.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TOKEN_FILE } from "../../cluster/api/token.js";
import { CA_CERT_FILE } from "../../cluster/api/tls.js";
import { DEFAULT_DATA_DIR } from "../../providers/cluster/session.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import type { EtcdStoreOptions } from "../../cluster/store/etcd-store.js";

export const clusterServeCommand: Command = {
  name: "cluster serve",
  synopsis: "Serve the cluster core over HTTPS",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      "data-dir": { kind: "string" }, port: { kind: "string", default: "6443" }, host: { kind: "string", default: "127.0.0.1" },
      "service-node-port-range": { kind: "string", default: "30000-32767" },
      "etcd-endpoints": { kind: "string" }, "etcd-prefix": { kind: "string" },
      "etcd-cafile": { kind: "string" }, "etcd-certfile": { kind: "string" }, "etcd-keyfile": { kind: "string" },
    });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const port = Number(parsed.flags.strings.get("port"));
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      ctx.stderr.write(`Error: invalid port "${parsed.flags.strings.get("port")}"\n`);
      return 1;
    }
    const rangeText = parsed.flags.strings.get("service-node-port-range") ?? "30000-32767";
    const { parsePortRange } = await import("../../cluster/api/node-ports.js");
    const nodePortRange = parsePortRange(rangeText);
    if (!nodePortRange) {
      ctx.stderr.write(`Error: invalid -service-node-port-range "${rangeText}": expected a port range such as 30000-32767\n`);
      return 1;
    }
    const dataDir = resolve(ctx.cwd, parsed.flags.strings.get("data-dir") ?? DEFAULT_DATA_DIR);
    const etcd = etcdOptions(parsed.flags.strings, ctx.cwd);
    if (typeof etcd === "string") {
      ctx.stderr.write(`Error: ${etcd}\n`);
      return 1;
    }
    const { serveCluster, exposureWarning } = await import("../../cluster/serve.js");
    ctx.stderr.write(exposureWarning(parsed.flags.strings.get("host")) ?? "");
    let served;
    try {
      served = await serveCluster({ dataDir, port, host: parsed.flags.strings.get("host"), nodePortRange, ...(etcd ? { etcd } : {}) });
    } catch (e) {
      ctx.stderr.write(`Error: Cannot serve the cluster: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    const tokenFile = join(dataDir, TOKEN_FILE);
    ctx.stdout.write(
      `Cluster core serving at ${served.url} (TLS)\n` +
        `  data directory: ${dataDir}\n` +
        (etcd ? `  objects in:     etcd ${etcd.endpoints.join(",")} (controllers run in the replica holding the lease)\n` : "") +
        `  token file:     ${tokenFile}\n` +
        `  CA certificate: ${join(dataDir, CA_CERT_FILE)}\n` +
        `  kubeconfig:     ${served.kubeconfigPath}\n\n` +
        `Use it with kubectl:\n  export KUBECONFIG=${served.kubeconfigPath}\n` +
        `or from Cairn: config_path = "${served.kubeconfigPath}" in the cluster provider block, or -kubeconfig on cairn cluster commands.\n` +
        `(cairn cluster kubeconfig -out FILE writes a copy.)\n\nPress Ctrl-C to stop.\n`,
    );
    const signal = await new Promise<string>((done) => {
      const on = (s: string) => () => done(s);
      process.once("SIGINT", on("SIGINT"));
      process.once("SIGTERM", on("SIGTERM"));
    });
    await served.close();
    ctx.stdout.write(`Stopped (${signal}).\n`);
    return 0;
  },
};

/** The etcd flags as store options; undefined without -etcd-endpoints; a message for a bad flag. */
function etcdOptions(flags: ReadonlyMap<string, string>, cwd: string): EtcdStoreOptions | undefined | string {
  const list = flags.get("etcd-endpoints");
  if (list === undefined) {
    for (const f of ["etcd-prefix", "etcd-cafile", "etcd-certfile", "etcd-keyfile"]) if (flags.has(f)) return `-${f} needs -etcd-endpoints`;
    return undefined;
  }
  const endpoints = list.split(",").map((e) => e.trim()).filter((e) => e !== "");
  for (const e of endpoints) if (!/^https?:\/\/[^/]+$/.test(e)) return `invalid etcd endpoint "${e}": expected http(s)://host:port`;
  if (endpoints.length === 0) return "-etcd-endpoints names no endpoint";
  const read = (flag: string): Buffer | undefined | string => {
    const f = flags.get(flag);
    if (f === undefined) return undefined;
    try {
      return readFileSync(resolve(cwd, f));
    } catch (e) {
      return `cannot read -${flag} ${f}: ${(e as Error).message}`;
    }
  };
  const ca = read("etcd-cafile");
  const cert = read("etcd-certfile");
  const key = read("etcd-keyfile");
  for (const v of [ca, cert, key]) if (typeof v === "string") return v;
  if ((cert === undefined) !== (key === undefined)) return "-etcd-certfile and -etcd-keyfile go together";
  if (cert && !ca) return "a client certificate needs -etcd-cafile (the CA of etcd's serving certificate)";
  const prefix = flags.get("etcd-prefix");
  return {
    endpoints,
    ...(prefix ? { prefix: prefix.endsWith("/") ? prefix : `${prefix}/` } : {}),
    ...(ca ? { tls: { ca: ca as Buffer, ...(cert ? { cert: cert as Buffer, key: key as Buffer } : {}) } } : {}),
  };
}
