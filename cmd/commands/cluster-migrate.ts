// `cairn cluster migrate -from sqlite:DIR -to etcd:URL,URL [-etcd-prefix P]`: copies an embedded cluster into
// etcd for the HA control plane, keeping every object and uid (resourceVersions become etcd's revisions).
import { resolve } from "node:path";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";

export const clusterMigrateCommand: Command = {
  name: "cluster migrate",
  synopsis: "Copy an embedded (SQLite) cluster into etcd",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, { from: { kind: "string" }, to: { kind: "string" }, "etcd-prefix": { kind: "string" } });
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const from = parsed.flags.strings.get("from") ?? "";
    const to = parsed.flags.strings.get("to") ?? "";
    if (!from.startsWith("sqlite:") || from.length === "sqlite:".length) {
      ctx.stderr.write(`Error: -from must name the embedded cluster's data directory as sqlite:DIR (got "${from}")\n`);
      return 1;
    }
    const endpoints = to.startsWith("etcd:") ? to.slice(5).split(",").filter((e) => e !== "") : [];
    if (endpoints.length === 0 || endpoints.some((e) => !/^https?:\/\/[^/]+$/.test(e))) {
      ctx.stderr.write(`Error: -to must name etcd's endpoints as etcd:http://host:port[,...] (got "${to}")\n`);
      return 1;
    }
    const prefix = parsed.flags.strings.get("etcd-prefix");
    const dataDir = resolve(ctx.cwd, from.slice("sqlite:".length));
    const { migrateSqliteToEtcd, MigrationError } = await import("../../cluster/migrate.js");
    const { StoreUnavailable } = await import("../../cluster/store/errors.js");
    try {
      const r = await migrateSqliteToEtcd(dataDir, { endpoints, ...(prefix ? { prefix: prefix.endsWith("/") ? prefix : `${prefix}/` } : {}) });
      const kinds = Object.entries(r.byKind).map(([k, n]) => `${n} ${k}`).join(", ");
      ctx.stdout.write(`Migrated ${r.objects} objects from ${dataDir} to etcd ${endpoints.join(",")}${kinds ? ` (${kinds})` : ""}.\n` +
        `Every uid is kept; resourceVersions are now etcd's revisions (clients relist). Serve it with:\n` +
        `  cairn cluster serve -etcd-endpoints=${endpoints.join(",")}${prefix ? ` -etcd-prefix=${prefix}` : ""}\n`);
      return 0;
    } catch (e) {
      if (e instanceof MigrationError || e instanceof StoreUnavailable) {
        ctx.stderr.write(`Error: Cannot migrate the cluster: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
