// Simulated probe results. No container runs, so no probe can be executed; instead a probe's result is set on
// the pod, by `kubectl annotate` or `cairn cluster pod probe`, and the kubelet acts on it as on a real result:
//   cairn.dev/readiness = "pass" | "fail"          every container with a readinessProbe (until set: not ready,
//                                                   as a real readiness probe that has not yet succeeded)
//   cairn.dev/readiness.<container> = ...          one container
//   cairn.dev/liveness-failures = "<n>"            liveness failures so far: each one restarted the containers
//   cairn.dev/liveness-failures.<container> = ...  that have a livenessProbe (restartCount = n)
// A container without the probe is unaffected (ready once started; never restarted).
import type { Container, Pod } from "../objects/types.js";

export const READINESS_ANNOTATION = "cairn.dev/readiness";
export const LIVENESS_FAILURES_ANNOTATION = "cairn.dev/liveness-failures";

export interface ProbeResult {
  ready: boolean;
  restarts: number;
}

export function hasProbes(p: Pod): boolean {
  return p.spec.containers.some((c) => c.readinessProbe !== undefined || c.livenessProbe !== undefined);
}

function annotation(p: Pod, base: string, c: Container): string | undefined {
  const a = p.metadata.annotations;
  return a?.[`${base}.${c.name}`] ?? a?.[base];
}

/** Per container (in spec order), whether it is ready and how often it has been restarted. */
export function probeResults(p: Pod): ProbeResult[] {
  return p.spec.containers.map((c) => {
    const ready = c.readinessProbe === undefined || annotation(p, READINESS_ANNOTATION, c) === "pass";
    const failures = c.livenessProbe === undefined ? 0 : Number(annotation(p, LIVENESS_FAILURES_ANNOTATION, c) ?? 0);
    return { ready, restarts: Number.isInteger(failures) && failures > 0 ? failures : 0 };
  });
}
