// cluster: the cluster core (KWOK/k3s-style control plane without kubelets).
//   objects/     Kubernetes shapes, quantities, selectors, defaulting, validation (pure)
//   store/       SQLite revisioned store (imports objects)
//   scheduler/   framework, plugins, cache, simulate() (imports objects only: usable at plan time)
//   api/         registry semantics, HTTP server, ClusterClient (imports objects, store)
//   controllers/ reconcilers and ClusterCore (imports everything above)
// Nothing here imports the planner, the providers or the CLI.
export * as objects from "./objects/index.js";
export { Store, StoreError } from "./store/index.js";
export { simulate, type Placement, type SimulationResult } from "./scheduler/index.js";
export { ClusterCore, type ClusterCoreOptions, expandWorkload } from "./controllers/index.js";
export { ApiError, isApiError, type Status, type ClusterClient, HttpClient, InProcessClient, type ObjectList, type ApiWatchEvent } from "./api/index.js";
export { serveCluster, SERVED_KUBECONFIG_FILE, type ServeOptions, type ServedCluster } from "./serve.js";
export { connect, type ConnectOptions, type Connection, type ServedConnect } from "./connect.js";
export { buildKubeconfig, readKubeconfig, type ServedCredentials } from "./kubeconfig.js";
export { clusterStatus, renderStatusText, getObjects, renderGetText, failNode, recoverNode, type ClusterStatusView } from "./status.js";
