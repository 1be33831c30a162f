// `cairn cluster kubeconfig [-data-dir D] [-out FILE] [-server URL[,URL...]]`: the kubeconfig (server, CA, token)
// of the core `cairn cluster serve` runs on the data directory, for kubectl and client libraries to use as-is.
// The server is the running core's URL unless -server names another (e.g. the address other machines reach it
// at), or several API servers of one cluster on etcd (kubectl uses the first; Cairn fails over between them).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SERVED_KUBECONFIG_FILE, TOKEN_FILE } from "../../cluster/api/token.js";
import { CA_CERT_FILE } from "../../cluster/api/tls.js";
import { DEFAULT_DATA_DIR } from "../../providers/cluster/session.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";

export const clusterKubeconfigCommand: Command = {
  name: "cluster kubeconfig",
  synopsis: "Write a kubeconfig for the served cluster",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { "data-dir": { kind: "string" }, out: { kind: "string" }, server: { kind: "string" } });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const dataDir = resolve(ctx.cwd, parsed.flags.strings.get("data-dir") ?? DEFAULT_DATA_DIR);
    const server = parsed.flags.strings.get("server");
    const servers = server === undefined ? undefined : server.split(",").map((u) => u.trim().replace(/\/+$/, ""));
    const bad = servers?.find((u) => !/^https:\/\/[^/]+/.test(u));
    if (bad !== undefined) {
      ctx.stderr.write(`Error: -server must be https:// URLs, separated by commas (the served core speaks only TLS); got "${bad}"\n`);
      return 1;
    }
    let text: string;
    if (servers === undefined) {
      const served = join(dataDir, SERVED_KUBECONFIG_FILE);
      if (!existsSync(served)) {
        ctx.stderr.write(`Error: No served cluster is running on ${dataDir}: start \`cairn cluster serve -data-dir ${dataDir}\` first, or give -server with the URL it serves at.\n`);
        return 1;
      }
      text = readFileSync(served, "utf8");
    } else {
      const ca = join(dataDir, CA_CERT_FILE);
      const token = join(dataDir, TOKEN_FILE);
      if (!existsSync(ca) || !existsSync(token)) {
        ctx.stderr.write(`Error: ${dataDir} has no CA certificate and token yet: \`cairn cluster serve\` creates them on its first start.\n`);
        return 1;
      }
      const { buildKubeconfig } = await import("../../cluster/kubeconfig.js");
      text = buildKubeconfig(servers, readFileSync(ca, "utf8"), readFileSync(token, "utf8").trim());
    }
    const out = parsed.flags.strings.get("out");
    if (out === undefined) {
      ctx.stdout.write(text);
      return 0;
    }
    const file = resolve(ctx.cwd, out);
    try {
      // The kubeconfig holds the token: 0600, written beside and renamed so a reader never sees half of it.
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, text, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    } catch (e) {
      ctx.stderr.write(`Error: Cannot write ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    ctx.stdout.write(`Wrote ${file}\n`);
    return 0;
  },
};
