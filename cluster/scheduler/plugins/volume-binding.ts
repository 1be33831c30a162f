// VolumeBinding: a pod's claims must exist; an unbound claim without a storage class waits for the claim
// binder ("immediate" binding); a bound volume's node affinity (a node or a zone) must match the node.
// An unbound claim with a storage class is provisioned where the pod lands (WaitForFirstConsumer).
import type { PersistentVolume } from "../../objects/types.js";
import type { FilterPlugin, VolumeLister } from "../framework.js";
import { nodeMatchesTerms } from "../match.js";

export const REASON_VOLUME_NODE_AFFINITY = "node(s) had volume node affinity conflict";
export const UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
const REJECT = [REASON_VOLUME_NODE_AFFINITY] as const;
const STATE_KEY = "VolumeBinding";

export function volumeBinding(volumes: VolumeLister): FilterPlugin {
  return {
    name: "VolumeBinding",
    preFilter(state) {
      const p = state.pod;
      if (p.claimNames.length === 0) return undefined;
      const bound: PersistentVolume[] = [];
      for (const name of p.claimNames) {
        const c = volumes.claim(p.namespace, name);
        if (!c) return `persistentvolumeclaim "${name}" not found`;
        if (c.spec.volumeName) {
          const v = volumes.volume(c.spec.volumeName);
          if (!v) return `persistentvolume "${c.spec.volumeName}" not found`;
          if (v.spec.nodeAffinity?.required) bound.push(v);
        } else if (!c.spec.storageClassName) {
          return UNBOUND_IMMEDIATE;
        }
      }
      state.write(STATE_KEY, bound);
      return undefined;
    },
    filter(state, node) {
      const bound = state.read<PersistentVolume[]>(STATE_KEY);
      if (!bound) return undefined;
      for (const v of bound) {
        if (!nodeMatchesTerms(v.spec.nodeAffinity!.required!.nodeSelectorTerms, node.labels, node.name)) return REJECT;
      }
      return undefined;
    },
  };
}
