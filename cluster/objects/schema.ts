// Structural schemas of the served kinds (Kubernetes' field names and JSON types, the subset the core keeps):
// one source for decoding checks (a wrong JSON type is a 400 as Kubernetes words it), unknown-field handling
// (fieldValidation Ignore/Warn/Strict) and the OpenAPI v2/v3 documents kubectl validates and explains with.
// An object marked `open` keeps whatever it holds (x-kubernetes-preserve-unknown-fields), for sub-objects
// whose every field the core does not model; a kind without a schema is taken as it comes.

export type FieldSchema =
  | { type: "string"; description?: string; format?: string; enum?: readonly string[] }
  | { type: "integer"; description?: string; format: "int32" | "int64" }
  | { type: "number"; description?: string }
  | { type: "boolean"; description?: string }
  /** A resource quantity ("500m", "1Gi", or a number) or IntOrString ("25%" or 1). */
  | { type: "int-or-string"; description?: string; quantity?: boolean }
  | { type: "array"; description?: string; items: FieldSchema }
  | { type: "map"; description?: string; values: FieldSchema }
  | { type: "object"; description?: string; go: string; properties: Readonly<Record<string, FieldSchema>>; required?: readonly string[]; open?: boolean };

const str = (description?: string, extra: { enum?: readonly string[]; format?: string } = {}): FieldSchema => ({ type: "string", description, ...extra });
const i32 = (description?: string): FieldSchema => ({ type: "integer", format: "int32", description });
const i64 = (description?: string): FieldSchema => ({ type: "integer", format: "int64", description });
const bool = (description?: string): FieldSchema => ({ type: "boolean", description });
const arr = (items: FieldSchema, description?: string): FieldSchema => ({ type: "array", items, description });
const map = (values: FieldSchema, description?: string): FieldSchema => ({ type: "map", values, description });
const obj = (go: string, properties: Record<string, FieldSchema>, description?: string, required?: string[]): FieldSchema => ({ type: "object", go, properties, description, required });
const open = (go: string, description?: string, properties: Record<string, FieldSchema> = {}): FieldSchema => ({ type: "object", go, properties, description, open: true });
const strings = (description?: string) => arr(str(), description);
const labels = (description?: string) => map(str(), description);
const quantity: FieldSchema = { type: "int-or-string", quantity: true };
const resourceList = (description?: string) => map(quantity, description);
const intOrString = (description?: string): FieldSchema => ({ type: "int-or-string", description });
const time = (description?: string) => str(description, { format: "date-time" });

const ownerReference = obj("OwnerReference", {
  apiVersion: str("API version of the referent."), kind: str("Kind of the referent."), name: str("Name of the referent."), uid: str("UID of the referent."),
  controller: bool("If true, this reference points to the managing controller."), blockOwnerDeletion: bool(),
}, "OwnerReference contains enough information to let you identify an owning object.", ["apiVersion", "kind", "name", "uid"]);

const managedField = open("ManagedFieldsEntry", "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.", {
  manager: str("Manager is an identifier of the workflow managing these fields."), operation: str("Operation is the type of operation which lead to this ManagedFieldsEntry being created."),
  apiVersion: str(), time: time(), fieldsType: str(), subresource: str(),
});

export const objectMeta = obj("ObjectMeta", {
  name: str("Name must be unique within a namespace."),
  generateName: str("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
  namespace: str("Namespace defines the space within which each name must be unique."),
  uid: str("UID is the unique in time and space value for this object."),
  resourceVersion: str("An opaque value that represents the internal version of this object."),
  generation: i64("A sequence number representing a specific generation of the desired state."),
  labels: labels("Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
  annotations: labels("Annotations is an unstructured key value map stored with a resource."),
  creationTimestamp: time("CreationTimestamp is a timestamp representing the server time when this object was created."),
  deletionTimestamp: time("DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
  deletionGracePeriodSeconds: i64(),
  ownerReferences: arr(ownerReference, "List of objects depended by this object."),
  finalizers: strings("Must be empty before the object is deleted from the registry."),
  managedFields: arr(managedField, "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow."),
  selfLink: str(),
}, "Standard object's metadata.");

const labelSelector = obj("LabelSelector", {
  matchLabels: labels("matchLabels is a map of {key,value} pairs."),
  matchExpressions: arr(obj("LabelSelectorRequirement", { key: str(), operator: str(undefined, { enum: ["In", "NotIn", "Exists", "DoesNotExist"] }), values: strings() }, undefined, ["key", "operator"]), "matchExpressions is a list of label selector requirements."),
}, "A label selector is a label query over a set of resources.");

const condition = obj("Condition", { type: str(), status: str(), reason: str(), message: str(), lastTransitionTime: time(), lastProbeTime: time(), lastUpdateTime: time(), lastHeartbeatTime: time(), observedGeneration: i64() });

const nodeSelectorRequirement = obj("NodeSelectorRequirement", { key: str(), operator: str(undefined, { enum: ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] }), values: strings() }, undefined, ["key", "operator"]);
const nodeSelectorTerm = obj("NodeSelectorTerm", { matchExpressions: arr(nodeSelectorRequirement), matchFields: arr(nodeSelectorRequirement) });
const nodeSelector = obj("NodeSelector", { nodeSelectorTerms: arr(nodeSelectorTerm) }, undefined, ["nodeSelectorTerms"]);
const podAffinityTerm = obj("PodAffinityTerm", {
  labelSelector, namespaceSelector: labelSelector, namespaces: strings(), topologyKey: str(), matchLabelKeys: strings(), mismatchLabelKeys: strings(),
}, undefined, ["topologyKey"]);
const weightedPodAffinityTerm = obj("WeightedPodAffinityTerm", { weight: i32(), podAffinityTerm }, undefined, ["weight", "podAffinityTerm"]);
const podAffinity = (go: string) => obj(go, {
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(weightedPodAffinityTerm),
});
const affinity = obj("Affinity", {
  nodeAffinity: obj("NodeAffinity", {
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
    preferredDuringSchedulingIgnoredDuringExecution: arr(obj("PreferredSchedulingTerm", { weight: i32(), preference: nodeSelectorTerm }, undefined, ["weight", "preference"])),
  }),
  podAffinity: podAffinity("PodAffinity"),
  podAntiAffinity: podAffinity("PodAntiAffinity"),
}, "If specified, the pod's scheduling constraints");

const toleration = obj("Toleration", {
  key: str(), operator: str(undefined, { enum: ["Exists", "Equal"] }), value: str(), effect: str(undefined, { enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"] }), tolerationSeconds: i64(),
});
const taint = obj("Taint", { key: str(), value: str(), effect: str(undefined, { enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"] }), timeAdded: time() }, undefined, ["key", "effect"]);
const keyRef = (go: string) => obj(go, { name: str(), key: str(), optional: bool() }, undefined, ["key"]);
const envVar = obj("EnvVar", {
  name: str(), value: str(),
  valueFrom: obj("EnvVarSource", { configMapKeyRef: keyRef("ConfigMapKeySelector"), secretKeyRef: keyRef("SecretKeySelector"), fieldRef: open("ObjectFieldSelector"), resourceFieldRef: open("ResourceFieldSelector") }),
}, undefined, ["name"]);
const envFrom = obj("EnvFromSource", { prefix: str(), configMapRef: obj("ConfigMapEnvSource", { name: str(), optional: bool() }), secretRef: obj("SecretEnvSource", { name: str(), optional: bool() }) });
const probe = open("Probe", "Periodic probe of container liveness or readiness (simulated: results are set through cairn cluster pod or an annotation).", {
  initialDelaySeconds: i32(), timeoutSeconds: i32(), periodSeconds: i32(), successThreshold: i32(), failureThreshold: i32(),
});
const resources = obj("ResourceRequirements", { requests: resourceList("Requests describes the minimum amount of compute resources required."), limits: resourceList("Limits describes the maximum amount of compute resources allowed."), claims: arr(open("ResourceClaim")) }, "Compute Resources required by this container.");
const container = obj("Container", {
  name: str("Name of the container specified as a DNS_LABEL."), image: str("Container image name."),
  command: strings("Entrypoint array."), args: strings("Arguments to the entrypoint."), workingDir: str(),
  env: arr(envVar, "List of environment variables to set in the container."), envFrom: arr(envFrom, "List of sources to populate environment variables in the container."),
  ports: arr(obj("ContainerPort", { name: str(), containerPort: i32(), protocol: str(undefined, { enum: ["TCP", "UDP", "SCTP"] }), hostPort: i32(), hostIP: str() }, undefined, ["containerPort"]), "List of ports to expose from the container."),
  resources,
  volumeMounts: arr(obj("VolumeMount", { name: str(), mountPath: str(), readOnly: bool(), subPath: str(), mountPropagation: str() }, undefined, ["name", "mountPath"])),
  readinessProbe: probe, livenessProbe: probe, startupProbe: probe,
  imagePullPolicy: str(undefined, { enum: ["Always", "IfNotPresent", "Never"] }),
  terminationMessagePath: str(), terminationMessagePolicy: str(),
  securityContext: open("SecurityContext"), lifecycle: open("Lifecycle"), stdin: bool(), tty: bool(), restartPolicy: str(),
}, "A single application container that you want to run within a pod.", ["name"]);
const volume = obj("Volume", {
  name: str(),
  persistentVolumeClaim: obj("PersistentVolumeClaimVolumeSource", { claimName: str(), readOnly: bool() }, undefined, ["claimName"]),
  configMap: obj("ConfigMapVolumeSource", { name: str(), items: arr(open("KeyToPath")), defaultMode: i32(), optional: bool() }),
  secret: obj("SecretVolumeSource", { secretName: str(), items: arr(open("KeyToPath")), defaultMode: i32(), optional: bool() }),
  emptyDir: obj("EmptyDirVolumeSource", { medium: str(), sizeLimit: quantity }),
}, undefined, ["name"]);
const podSpec = obj("PodSpec", {
  containers: arr(container, "List of containers belonging to the pod."),
  initContainers: arr(container, "List of initialization containers belonging to the pod."),
  nodeName: str("NodeName indicates in which node this pod is scheduled."),
  nodeSelector: labels("NodeSelector is a selector which must be true for the pod to fit on a node."),
  tolerations: arr(toleration, "If specified, the pod's tolerations."),
  affinity,
  topologySpreadConstraints: arr(obj("TopologySpreadConstraint", { maxSkew: i32(), topologyKey: str(), whenUnsatisfiable: str(undefined, { enum: ["DoNotSchedule", "ScheduleAnyway"] }), labelSelector, minDomains: i32(), matchLabelKeys: strings(), nodeAffinityPolicy: str(), nodeTaintsPolicy: str() }, undefined, ["maxSkew", "topologyKey", "whenUnsatisfiable"])),
  volumes: arr(volume, "List of volumes that can be mounted by containers belonging to the pod."),
  schedulerName: str(), hostname: str(), subdomain: str(), priority: i32(), priorityClassName: str(),
  restartPolicy: str(undefined, { enum: ["Always", "OnFailure", "Never"] }), terminationGracePeriodSeconds: i64(), activeDeadlineSeconds: i64(),
  dnsPolicy: str(), serviceAccountName: str(), serviceAccount: str(), automountServiceAccountToken: bool(), securityContext: open("PodSecurityContext"),
  imagePullSecrets: arr(obj("LocalObjectReference", { name: str() })), hostNetwork: bool(), enableServiceLinks: bool(), preemptionPolicy: str(),
}, "Specification of the desired behavior of the pod.", ["containers"]);
const podTemplate = obj("PodTemplateSpec", { metadata: objectMeta, spec: podSpec }, "Template describes the pods that will be created.");
const pvcSpec = obj("PersistentVolumeClaimSpec", {
  accessModes: strings(), resources: obj("VolumeResourceRequirements", { requests: resourceList(), limits: resourceList() }), storageClassName: str(), volumeName: str(), selector: labelSelector, volumeMode: str(),
});
const loose = (go: string, description?: string) => open(go, description);

const SCHEMAS: Record<string, FieldSchema> = {
  Namespace: obj("Namespace", { spec: obj("NamespaceSpec", { finalizers: strings() }), status: loose("NamespaceStatus") }, "Namespace provides a scope for Names."),
  Node: obj("Node", {
    spec: obj("NodeSpec", { unschedulable: bool("Unschedulable controls node schedulability of new pods."), taints: arr(taint, "If specified, the node's taints."), podCIDR: str(), podCIDRs: strings(), providerID: str() }),
    status: open("NodeStatus", undefined, { capacity: resourceList(), allocatable: resourceList(), conditions: arr(condition), addresses: arr(obj("NodeAddress", { type: str(), address: str() })) }),
  }, "Node is a worker node in Kubernetes."),
  PersistentVolume: obj("PersistentVolume", {
    spec: obj("PersistentVolumeSpec", {
      capacity: resourceList(), accessModes: strings(), storageClassName: str(), persistentVolumeReclaimPolicy: str(undefined, { enum: ["Retain", "Delete", "Recycle"] }),
      claimRef: open("ObjectReference"), nodeAffinity: obj("VolumeNodeAffinity", { required: nodeSelector }), hostPath: open("HostPathVolumeSource"), local: open("LocalVolumeSource"), volumeMode: str(),
    }),
    status: loose("PersistentVolumeStatus"),
  }, "PersistentVolume (PV) is a storage resource provisioned by an administrator."),
  PersistentVolumeClaim: obj("PersistentVolumeClaim", { spec: pvcSpec, status: loose("PersistentVolumeClaimStatus") }, "PersistentVolumeClaim is a user's request for and claim to a persistent volume."),
  Pod: obj("Pod", { spec: podSpec, status: loose("PodStatus", "Most recently observed status of the pod.") }, "Pod is a collection of containers that can run on a host."),
  ConfigMap: obj("ConfigMap", { data: labels("Data contains the configuration data."), binaryData: labels("BinaryData contains the binary data (base64)."), immutable: bool() }, "ConfigMap holds configuration data for pods to consume."),
  Secret: obj("Secret", { type: str("Used to facilitate programmatic handling of secret data."), data: labels("Data contains the secret data (base64)."), stringData: labels("stringData allows specifying non-binary secret data in string form."), immutable: bool() }, "Secret holds secret data of a certain type."),
  Service: obj("Service", {
    spec: obj("ServiceSpec", {
      selector: labels("Route service traffic to pods with label keys and values matching this selector."),
      ports: arr(obj("ServicePort", { name: str(), protocol: str(undefined, { enum: ["TCP", "UDP", "SCTP"] }), port: i32(), targetPort: intOrString(), nodePort: i32(), appProtocol: str() }, undefined, ["port"]), "The list of ports that are exposed by this service."),
      clusterIP: str(), clusterIPs: strings(), type: str(undefined, { enum: ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] }),
      externalName: str(), sessionAffinity: str(), ipFamilies: strings(), ipFamilyPolicy: str(), internalTrafficPolicy: str(), externalTrafficPolicy: str(), publishNotReadyAddresses: bool(),
    }),
    status: loose("ServiceStatus"),
  }, "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy."),
  Endpoints: obj("Endpoints", { subsets: arr(open("EndpointSubset")) }, "Endpoints is a collection of endpoints that implement the actual service."),
  Event: obj("Event", {
    involvedObject: obj("ObjectReference", { apiVersion: str(), kind: str(), namespace: str(), name: str(), uid: str(), resourceVersion: str(), fieldPath: str() }, "The object that this event is about."),
    reason: str("This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    message: str("A human-readable description of the status of this operation."),
    source: obj("EventSource", { component: str(), host: str() }, "The component reporting this event."),
    firstTimestamp: time("The time at which the event was first recorded."), lastTimestamp: time("The time at which the most recent occurrence of this event was recorded."),
    eventTime: { type: "string", format: "date-time" }, count: i32("The number of times this event has occurred."), type: str("Type of this event (Normal, Warning)."),
    reportingComponent: str(), reportingInstance: str(), action: str(), related: open("ObjectReference"), series: open("EventSeries"),
  }, "Event is a report of an event somewhere in the cluster."),
  ResourceQuota: obj("ResourceQuota", {
    spec: obj("ResourceQuotaSpec", { hard: resourceList("hard is the set of desired hard limits for each named resource."), scopes: strings("A collection of filters that must match each object tracked by a quota."), scopeSelector: open("ScopeSelector") }, "Spec defines the desired quota."),
    status: obj("ResourceQuotaStatus", { hard: resourceList("Hard is the set of enforced hard limits for each named resource."), used: resourceList("Used is the current observed total usage of the resource in the namespace.") }, "Status defines the actual enforced quota and its current usage."),
  }, "ResourceQuota sets aggregate quota restrictions enforced per namespace"),
  LimitRange: obj("LimitRange", {
    spec: obj("LimitRangeSpec", {
      limits: arr(obj("LimitRangeItem", {
        type: str("Type of resource that this limit applies to.", { enum: ["Container", "Pod", "PersistentVolumeClaim"] }),
        max: resourceList("Max usage constraints on this kind by resource name."), min: resourceList("Min usage constraints on this kind by resource name."),
        default: resourceList("Default resource requirement limit value by resource name if resource limit is omitted."),
        defaultRequest: resourceList("DefaultRequest is the default resource requirement request value by resource name if resource request is omitted."),
        maxLimitRequestRatio: resourceList("MaxLimitRequestRatio if specified, the named resource must have a request and limit that are both non-zero where limit divided by request is less than or equal to the enumerated value."),
      }, "LimitRangeItem defines a min/max usage limit for any resource that matches on kind.", ["type"]), "Limits is the list of LimitRangeItem objects that are enforced."),
    }, "Spec defines the limits enforced.", ["limits"]),
  }, "LimitRange sets resource usage limits for each kind of resource in a Namespace."),
  PodDisruptionBudget: obj("PodDisruptionBudget", {
    spec: obj("PodDisruptionBudgetSpec", {
      minAvailable: intOrString("An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction."),
      maxUnavailable: intOrString("An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction."),
      selector: labelSelector, unhealthyPodEvictionPolicy: str(),
    }),
    status: loose("PodDisruptionBudgetStatus"),
  }, "PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods"),
  Deployment: obj("Deployment", {
    spec: obj("DeploymentSpec", {
      replicas: i32("Number of desired pods."), selector: labelSelector, template: podTemplate,
      strategy: obj("DeploymentStrategy", { type: str(undefined, { enum: ["Recreate", "RollingUpdate"] }), rollingUpdate: obj("RollingUpdateDeployment", { maxSurge: intOrString(), maxUnavailable: intOrString() }) }),
      minReadySeconds: i32(), revisionHistoryLimit: i32(), progressDeadlineSeconds: i32(), paused: bool(),
    }, "Specification of the desired behavior of the Deployment.", ["selector", "template"]),
    status: loose("DeploymentStatus"),
  }, "Deployment enables declarative updates for Pods and ReplicaSets."),
  StatefulSet: obj("StatefulSet", {
    spec: obj("StatefulSetSpec", {
      replicas: i32(), selector: labelSelector, template: podTemplate, serviceName: str(),
      volumeClaimTemplates: arr(obj("PersistentVolumeClaimTemplate", { metadata: objectMeta, spec: pvcSpec })),
      podManagementPolicy: str(undefined, { enum: ["OrderedReady", "Parallel"] }),
      updateStrategy: obj("StatefulSetUpdateStrategy", { type: str(), rollingUpdate: obj("RollingUpdateStatefulSetStrategy", { partition: i32(), maxUnavailable: intOrString() }) }),
      minReadySeconds: i32(), revisionHistoryLimit: i32(), persistentVolumeClaimRetentionPolicy: open("StatefulSetPersistentVolumeClaimRetentionPolicy"), ordinals: open("StatefulSetOrdinals"),
    }, undefined, ["selector", "template"]),
    status: loose("StatefulSetStatus"),
  }, "StatefulSet represents a set of pods with consistent identities."),
  DaemonSet: obj("DaemonSet", {
    spec: obj("DaemonSetSpec", {
      selector: labelSelector, template: podTemplate,
      updateStrategy: obj("DaemonSetUpdateStrategy", { type: str(), rollingUpdate: obj("RollingUpdateDaemonSet", { maxSurge: intOrString(), maxUnavailable: intOrString() }) }),
      minReadySeconds: i32(), revisionHistoryLimit: i32(),
    }, undefined, ["selector", "template"]),
    status: loose("DaemonSetStatus"),
  }, "DaemonSet represents the configuration of a daemon set."),
};

/** The schema of a kind's whole object (apiVersion, kind, metadata and its own fields), or undefined. */
export function kindSchema(kind: string): Extract<FieldSchema, { type: "object" }> | undefined {
  const s = SCHEMAS[kind];
  if (!s || s.type !== "object") return undefined;
  return {
    ...s,
    properties: {
      apiVersion: str("APIVersion defines the versioned schema of this representation of an object."),
      kind: str("Kind is a string value representing the REST resource this object represents."),
      metadata: objectMeta,
      ...s.properties,
    },
  };
}

/** Registers the schema of a kind served beside the built-in ones (e.g. Events, PodDisruptionBudgets). */
export function registerKindSchema(kind: string, schema: FieldSchema): void {
  SCHEMAS[kind] = schema;
}

export const schemaBuilders = { obj, open, str, i32, i64, bool, arr, map, labels, time, intOrString, labelSelector, objectMeta, condition };
