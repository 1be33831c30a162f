// The cluster a `cairn cluster ...` command works on: the embedded core in .cairn/cluster of the working
// directory (or -data-dir), or a served core (-kubeconfig [-context], or -endpoint URL[,URL...] and -token with
// CAIRN_CLUSTER_CA_FILE, or CAIRN_CLUSTER_ENDPOINT and CAIRN_CLUSTER_TOKEN), resolved exactly as the cluster
// provider resolves its configuration.
import { isApiError } from "../cluster/api/status.js";
import { type OpenSession, openSession, resolveTarget, splitEndpoints } from "../providers/cluster/session.js";
import type { FlagSpecs, ParsedFlags } from "./flags.js";
import type { CommandContext } from "./registry.js";

export const targetFlags: FlagSpecs = {
  endpoint: { kind: "string" },
  token: { kind: "string" },
  "data-dir": { kind: "string" },
  kubeconfig: { kind: "string" },
  context: { kind: "string" },
};

/** Opens the cluster, or writes the reason to stderr and returns undefined. */
export async function openTarget(flags: ParsedFlags, ctx: CommandContext): Promise<OpenSession | undefined> {
  const target = await resolveTarget(
    { dataDir: flags.strings.get("data-dir"), endpoints: splitEndpoints(flags.strings.get("endpoint")), token: flags.strings.get("token"), configPath: flags.strings.get("kubeconfig"), configContext: flags.strings.get("context") },
    ctx.cwd,
    ctx.env,
  );
  if (typeof target === "string") {
    ctx.stderr.write(`Error: ${target}\n`);
    return undefined;
  }
  try {
    const s = await openSession(target);
    // An embedded core catches up with what changed since it last ran before anyone looks at it.
    await s.settle();
    return s;
  } catch (e) {
    ctx.stderr.write(`Error: Cannot open the cluster: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}

/** Runs `fn` on the opened cluster; cluster errors become "Error: ..." and exit code 1; the cluster is closed after. */
export async function withTarget(flags: ParsedFlags, ctx: CommandContext, fn: (s: OpenSession) => Promise<number>): Promise<number> {
  const s = await openTarget(flags, ctx);
  if (!s) return 1;
  try {
    return await fn(s);
  } catch (e) {
    if (isApiError(e)) ctx.stderr.write(`Error from server (${e.reason}): ${e.message}\n`);
    else ctx.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await s.close();
  }
}
