// What the kubelet checks before it can start a pod's containers: ConfigMaps and Secrets the pod mounts as
// volumes (missing -> the pod stays ContainerCreating, as a failed mount does) and the ones its containers read
// into their environment (missing -> CreateContainerConfigError), with the kubelet's messages. References
// marked `optional` never block.
import type { ConfigMap, Container, Pod, Secret } from "../objects/types.js";
import type { SyncStore as Store } from "../store/interface.js";

export interface ContainerBlock {
  reason: "ContainerCreating" | "CreateContainerConfigError";
  message?: string;
}

function secretHas(s: Secret, key: string): boolean {
  return (s.data !== undefined && key in s.data) || (s.stringData !== undefined && key in s.stringData);
}

function configMapHas(c: ConfigMap, key: string): boolean {
  return (c.data !== undefined && key in c.data) || (c.binaryData !== undefined && key in c.binaryData);
}

/** The first volume whose ConfigMap or Secret is missing, as the kubelet's mount failure says it. */
export function missingVolumeSource(store: Store, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? "default";
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !store.peek("ConfigMap", ns, v.configMap.name))
      return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    if (v.secret && !v.secret.optional && !store.peek("Secret", ns, v.secret.secretName))
      return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
  }
  return undefined;
}

/** Why the container's environment cannot be made (envFrom first, then env, as the kubelet builds it). */
export function containerEnvError(store: Store, ns: string, c: Container): string | undefined {
  for (const f of c.envFrom ?? []) {
    if (f.configMapRef && !f.configMapRef.optional && !store.peek("ConfigMap", ns, f.configMapRef.name)) return `configmap "${f.configMapRef.name}" not found`;
    if (f.secretRef && !f.secretRef.optional && !store.peek("Secret", ns, f.secretRef.name)) return `secret "${f.secretRef.name}" not found`;
  }
  for (const e of c.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) {
      const o = store.peek("ConfigMap", ns, cm.name) as ConfigMap | undefined;
      if (!o) return `configmap "${cm.name}" not found`;
      if (!configMapHas(o, cm.key)) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
    }
    const sk = e.valueFrom?.secretKeyRef;
    if (sk && !sk.optional) {
      const o = store.peek("Secret", ns, sk.name) as Secret | undefined;
      if (!o) return `secret "${sk.name}" not found`;
      if (!secretHas(o, sk.key)) return `couldn't find key ${sk.key} in Secret ${ns}/${sk.name}`;
    }
  }
  return undefined;
}

/** Per container, what keeps it from starting; undefined when every container can start. */
export function containerBlocks(store: Store, pod: Pod): (ContainerBlock | undefined)[] | undefined {
  const containers = pod.spec.containers ?? [];
  if (missingVolumeSource(store, pod)) return containers.map(() => ({ reason: "ContainerCreating" }));
  const ns = pod.metadata.namespace ?? "default";
  const out = containers.map((c): ContainerBlock | undefined => {
    const message = containerEnvError(store, ns, c);
    return message ? { reason: "CreateContainerConfigError", message } : undefined;
  });
  return out.some((b) => b) ? out : undefined;
}
