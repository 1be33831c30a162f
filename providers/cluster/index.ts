// providers/cluster: the cluster provider (cluster_* resources and data sources over the cluster core,
// embedded or served). Imports providers/ (interface, schema), lang values and cluster/; the
// cluster core itself is loaded lazily on first use (session.ts). Never imported by cluster/.
export { ClusterProvider, clusterProviderAddr, clusterProviderSource, clusterProviderSchema, type ClusterProviderOptions } from "./provider.js";
export { resolveTarget, DEFAULT_DATA_DIR, type ClusterTarget } from "./session.js";
export { PlanPicture } from "./plan-picture.js";
