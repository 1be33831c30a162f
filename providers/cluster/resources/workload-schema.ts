// cluster_workload's schema: one container per pod (named after the workload), its scheduling rules, and
// the computed placements (each replica and its node) and status.
import type { Schema } from "../../schema.js";
import { objectOf, listOf } from "../../../lang/values/types.js";
import { BOOL, NUMBER, NUMBER_LIST, STRING, STRING_LIST, STRING_MAP, computed, defaulted, listBlock, optional, required, timeoutsBlock } from "../schema-kit.js";

export const WORKLOAD_KINDS = ["deployment", "statefulset", "daemonset"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const placementType = objectOf({ replica: STRING, node: STRING, zone: STRING, phase: STRING });
export const statusType = objectOf({ desired: NUMBER, ready: NUMBER, updated: NUMBER, pending: NUMBER });

function podAffinityAttributes(where: string): Record<string, ReturnType<typeof required>> {
  return {
    topology_key: required(STRING, `Node label whose value is the domain replicas are placed ${where} the selected pods in (kubernetes.io/hostname, topology.kubernetes.io/zone, ...).`),
    match_labels: required(STRING_MAP, "Labels of the pods this term selects."),
    namespaces: optional(STRING_LIST, "Namespaces of the selected pods (default: the workload's)."),
    weight: optional(NUMBER, "1-100: makes the term preferred (scored) instead of required."),
  };
}

export const workloadSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      kind: required(STRING, "deployment, statefulset or daemonset.", { forcesReplacement: true }),
      name: required(STRING, "The workload's name; its pods carry the label app = NAME.", { forcesReplacement: true }),
      namespace: defaulted(STRING, 'The namespace (default "default").', { forcesReplacement: true }),
      replicas: defaulted(NUMBER, "Replicas of a deployment or statefulset (default 1; a daemonset runs one per eligible node)."),
      image: required(STRING, "The container image."),
      command: optional(STRING_LIST, "The container's command."),
      args: optional(STRING_LIST, "The container's arguments."),
      env: optional(STRING_MAP, "Environment variables."),
      ports: optional(NUMBER_LIST, "Container ports."),
      cpu_request: optional(STRING, 'CPU request per replica ("250m"): what the scheduler reserves.'),
      memory_request: optional(STRING, 'Memory request per replica ("512Mi").'),
      cpu_limit: optional(STRING, "CPU limit per replica."),
      memory_limit: optional(STRING, "Memory limit per replica."),
      labels: optional(STRING_MAP, "More pod labels."),
      node_selector: optional(STRING_MAP, "Node labels a pod's node must have."),
      anti_affinity_hostname: optional(BOOL, "At most one replica per node (required pod anti-affinity on kubernetes.io/hostname)."),
      strategy: defaulted(STRING, "A deployment's update strategy: RollingUpdate (default) or Recreate."),
      max_surge: defaulted(STRING, 'RollingUpdate: replicas above the desired count during an update, a count ("1") or a percentage (default "25%").'),
      max_unavailable: defaulted(STRING, 'RollingUpdate: replicas that may be unavailable during an update, a count or a percentage (default "25%").'),
      id: computed(STRING, "namespace/kind/name."),
      placements: computed(listOf(placementType), "Each replica with its node, zone and phase."),
      status: computed(statusType, "Replica counts: desired, ready, updated, pending."),
    },
    blocks: {
      secret_env: listBlock({
        attributes: {
          name: required(STRING, "The environment variable."),
          secret: required(STRING, "The Secret's name (a cluster_config with sensitive_data)."),
          key: required(STRING, "The key in the Secret."),
        },
      }),
      toleration: listBlock({
        attributes: {
          key: optional(STRING, "Taint key (unset with operator Exists: every taint)."),
          operator: optional(STRING, "Equal or Exists."),
          value: optional(STRING, "Taint value."),
          effect: optional(STRING, "NoSchedule, PreferNoSchedule or NoExecute (unset: all)."),
        },
      }),
      node_affinity: listBlock({
        attributes: {
          key: required(STRING, "Node label key."),
          operator: required(STRING, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
          values: optional(STRING_LIST, "Values for In, NotIn, Gt, Lt."),
        },
      }),
      preferred_node_affinity: listBlock({
        attributes: {
          weight: required(NUMBER, "1-100: added to the score of every node that matches."),
          key: required(STRING, "Node label key."),
          operator: required(STRING, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
          values: optional(STRING_LIST, "Values for In, NotIn, Gt, Lt."),
        },
      }),
      pod_affinity: listBlock({ attributes: podAffinityAttributes("near") }),
      pod_anti_affinity: listBlock({ attributes: podAffinityAttributes("away from") }),
      env_from: listBlock({
        attributes: {
          config_map: optional(STRING, "Every key of this ConfigMap becomes an environment variable (set this or secret)."),
          secret: optional(STRING, "Every key of this Secret becomes an environment variable."),
          prefix: optional(STRING, "Prepended to each variable's name."),
        },
      }),
      config_volume: listBlock({
        attributes: {
          name: required(STRING, "The volume's name in the pod."),
          config_map: optional(STRING, "The ConfigMap mounted as files (set this or secret)."),
          secret: optional(STRING, "The Secret mounted as files."),
          mount_path: required(STRING, "Where it is mounted."),
          read_only: optional(BOOL, "Mounted read-only."),
        },
      }),
      topology_spread: listBlock({
        attributes: {
          topology_key: defaulted(STRING, "Node label to spread over (default topology.kubernetes.io/zone)."),
          max_skew: defaulted(NUMBER, "Largest allowed difference in replicas between domains (default 1)."),
          when_unsatisfiable: defaulted(STRING, "DoNotSchedule (default) or ScheduleAnyway."),
        },
      }),
      volume_mount: listBlock({
        attributes: {
          claim: required(STRING, "The claim's name (a cluster_volume's name)."),
          mount_path: required(STRING, "Where it is mounted."),
          read_only: optional(BOOL, "Mounted read-only."),
        },
      }),
      volume_claim_template: listBlock({
        attributes: {
          name: required(STRING, "Template name; each replica gets the claim NAME-WORKLOAD-ORDINAL."),
          size: required(STRING, 'Capacity ("10Gi").'),
          mount_path: required(STRING, "Where it is mounted."),
          storage_class: defaulted(STRING, 'Storage class (default "local": provisioned where the replica lands).'),
          access_modes: defaulted(STRING_LIST, 'Access modes (default ["ReadWriteOnce"]).'),
        },
      }),
      timeouts: timeoutsBlock,
    },
  },
};
