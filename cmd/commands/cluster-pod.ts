// `cairn cluster pod probe [-namespace NS] [-container C] [-readiness pass|fail] [-liveness fail] NAME`:
// set a pod's simulated probe results (no container runs, so no probe is ever executed; see
// cluster/controllers/probes.ts). Prints the pod's readiness and restart counts once the kubelet has acted.
import type { Pod } from "../../cluster/objects/types.js";
import { setProbeResult } from "../../cluster/status.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { targetFlags, withTarget } from "../cluster-target.js";

const usage = "Usage: cairn cluster pod probe [-namespace NS] [-container NAME] [-readiness pass|fail] [-liveness fail] [-endpoint URL -token TOKEN] NAME\n";

const flags = {
  ...targetFlags,
  namespace: { kind: "string", default: "default" },
  container: { kind: "string" },
  readiness: { kind: "string" },
  liveness: { kind: "string" },
} as const;

export const clusterPodCommand: Command = {
  name: "cluster pod",
  synopsis: "Set a pod's simulated probe results (probe)",
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    const parsed = action === "probe" ? parseFlags(rest, flags) : undefined;
    if (!parsed) {
      ctx.stderr.write(usage);
      return 1;
    }
    if (!parsed.ok) {
      ctx.stderr.write(`Error: ${parsed.message}\n`);
      return 1;
    }
    const [name, ...extra] = parsed.flags.positional;
    const readiness = parsed.flags.strings.get("readiness");
    const liveness = parsed.flags.strings.get("liveness");
    if (name === undefined || extra.length > 0 || (readiness === undefined && liveness === undefined)) {
      ctx.stderr.write(usage);
      return 1;
    }
    if (readiness !== undefined && readiness !== "pass" && readiness !== "fail") {
      ctx.stderr.write(`Error: -readiness must be pass or fail; got "${readiness}".\n`);
      return 1;
    }
    if (liveness !== undefined && liveness !== "fail") {
      ctx.stderr.write(`Error: -liveness takes fail (one liveness failure, which restarts the container); got "${liveness}".\n`);
      return 1;
    }
    const namespace = parsed.flags.strings.get("namespace") ?? "default";
    const container = parsed.flags.strings.get("container");
    return withTarget(parsed.flags, ctx, async (s) => {
      await setProbeResult(s.client, namespace, name, {
        ...(readiness ? { readiness } : {}),
        ...(liveness ? { livenessFailure: true } : {}),
        ...(container ? { container } : {}),
      });
      // Embedded: this process runs the kubelet, so the result is acted on before exit.
      await s.settle();
      const pod = await s.client.get<Pod>("Pod", name, namespace);
      const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
      const restarts = (pod.status?.containerStatuses ?? []).map((c) => `${c.name}=${c.restartCount}`).join(" ");
      ctx.stdout.write(`pod/${name} ${ready ? "Ready" : "NotReady"}; restarts: ${restarts || "none"}\n`);
      return 0;
    });
  },
};
