// The pods a workload would get, without a store: what the plan-time placement check feeds to simulate().
// Uses the same construction as the controllers (template, labels, StatefulSet claims, DaemonSet pinning).
import type { KubeObject } from "../objects/meta.js";
import type { DaemonSet, Deployment, Node, Pod, StatefulSet, Volume } from "../objects/types.js";
import { defaultMetadata, defaultSpec } from "../objects/defaults.js";
import { podFromTemplate, templateHash } from "./context.js";
import { claimName } from "./statefulset.js";
import { DAEMONSET_TOLERATIONS, daemonNodeFit, pinTo } from "./daemonset.js";

/** Pods for a Deployment, StatefulSet or DaemonSet (defaulted copies; the input is not changed). */
export function expandWorkload(workload: KubeObject, nodes: readonly Node[]): Pod[] {
  const w = structuredClone(workload);
  w.metadata.namespace ||= "default";
  if (!w.metadata.uid) defaultMetadata(w);
  defaultSpec(w);
  switch (w.kind) {
    case "Deployment": {
      const d = w as Deployment;
      const hash = templateHash(d.spec.template);
      return Array.from({ length: d.spec.replicas ?? 1 }, (_, i) => podFromTemplate(d, d.spec.template, `${d.metadata.name}-${hash}-${i}`, { "pod-template-hash": hash }));
    }
    case "StatefulSet": {
      const s = w as StatefulSet;
      return Array.from({ length: s.spec.replicas ?? 1 }, (_, i) => {
        const name = `${s.metadata.name}-${i}`;
        const pod = podFromTemplate(s, s.spec.template, name, { "statefulset.kubernetes.io/pod-name": name });
        const claims: Volume[] = (s.spec.volumeClaimTemplates ?? []).map((t) => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(t.metadata.name, s.metadata.name, i) } }));
        pod.spec.volumes = [...(pod.spec.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name)), ...claims];
        return pod;
      });
    }
    case "DaemonSet": {
      const ds = w as DaemonSet;
      const tolerations = [...(ds.spec.template.spec.tolerations ?? []), ...DAEMONSET_TOLERATIONS];
      return nodes
        .filter((n) => daemonNodeFit(ds, n, tolerations).shouldRun)
        .map((n) => {
          const pod = podFromTemplate(ds, ds.spec.template, `${ds.metadata.name}-${n.metadata.name}`, {});
          pod.spec.tolerations = tolerations;
          pod.spec.affinity = { ...(pod.spec.affinity ?? {}), nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: pinTo(n.metadata.name, pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms) } } };
          defaultSpec(pod);
          return pod;
        });
    }
    default:
      return [];
  }
}
