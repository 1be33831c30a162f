// cluster/controllers: the reconcilers (deployment, replicaset, statefulset, daemonset, claims, services, node lifecycle,
// taint eviction, garbage collection, scheduling, simulated kubelet) and ClusterCore, which runs them over one data directory.
export * from "./core.js";
export * from "./context.js";
export { isNodeFailed, isNodeReady, UNREACHABLE_TAINTS } from "./node-lifecycle.js";
export { claimName } from "./statefulset.js";
export { expandWorkload } from "./expand.js";
