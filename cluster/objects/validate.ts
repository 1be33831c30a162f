// Validation of objects before they are stored; the API answers 422 with these field errors.
import type { KubeObject, LabelSelector } from "./meta.js";
import { kindInfo } from "./kinds.js";
import { isValidQuantity, parseQuantity } from "./quantity.js";
import { LIMIT_TYPES, type LimitRange, type QuotaList, type ResourceQuota } from "./policy.js";
import { compileLabelSelector, matches } from "./labels.js";
import { type FieldError, required, invalid, notSupported, duplicate, forbidden, notFound } from "./field-errors.js";
import type {
  Container, DaemonSet, Deployment, ReplicaSet, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, PodTemplateSpec,
  ResourceList, Service, StatefulSet, Taint, Toleration, ConfigMap, Secret, NodeSelector, NodeSelectorTerm,
  PreferredSchedulingTerm,
} from "./types.js";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Kinds whose names must be DNS-1123 labels rather than subdomains (they become DNS names or hostnames). */
const LABEL_NAMED = new Set(["Namespace", "Service"]);

export function validateObject(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  validateMeta(obj, errs);
  switch (obj.kind) {
    case "Pod":
      validatePodSpec((obj as Pod).spec, "spec", errs);
      break;
    case "Deployment": {
      const d = obj as Deployment;
      if (!requireSpec(d.spec, errs)) break;
      nonNegative(d.spec.replicas, "spec.replicas", errs);
      validateWorkloadTemplate(d.spec.selector, d.spec.template, errs);
      const ru = d.spec.strategy?.rollingUpdate;
      if (d.spec.strategy?.type && !["RollingUpdate", "Recreate"].includes(d.spec.strategy.type))
        errs.push(notSupported("spec.strategy.type", d.spec.strategy.type, ["Recreate", "RollingUpdate"]));
      if (ru) {
        intOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge", errs);
        intOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs);
        if (isZero(ru.maxSurge) && isZero(ru.maxUnavailable))
          errs.push(invalid("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, "may not be 0 when `maxSurge` is 0"));
      }
      break;
    }
    case "ReplicaSet": {
      const r = obj as ReplicaSet;
      if (!requireSpec(r.spec, errs)) break;
      nonNegative(r.spec.replicas, "spec.replicas", errs);
      validateWorkloadTemplate(r.spec.selector, r.spec.template, errs);
      break;
    }
    case "StatefulSet": {
      const s = obj as StatefulSet;
      if (!requireSpec(s.spec, errs)) break;
      nonNegative(s.spec.replicas, "spec.replicas", errs);
      // Volume claim templates are volumes of every pod, so mounts may name them.
      const claimVolumes = (s.spec.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? "");
      validateWorkloadTemplate(s.spec.selector, s.spec.template, errs, claimVolumes);
      if (s.spec.podManagementPolicy && !["OrderedReady", "Parallel"].includes(s.spec.podManagementPolicy))
        errs.push(notSupported("spec.podManagementPolicy", s.spec.podManagementPolicy, ["OrderedReady", "Parallel"]));
      (s.spec.volumeClaimTemplates ?? []).forEach((t, i) => {
        const p = `spec.volumeClaimTemplates[${i}]`;
        if (!t.metadata?.name) errs.push(required(`${p}.metadata.name`));
        validatePvcSpec(t.spec, `${p}.spec`, errs);
      });
      break;
    }
    case "DaemonSet": {
      const d = obj as DaemonSet;
      if (!requireSpec(d.spec, errs)) break;
      validateWorkloadTemplate(d.spec.selector, d.spec.template, errs);
      break;
    }
    case "Node":
      validateNode(obj as Node, errs);
      break;
    case "PersistentVolume":
      validatePv(obj as PersistentVolume, errs);
      break;
    case "PersistentVolumeClaim": {
      const c = obj as PersistentVolumeClaim;
      if (requireSpec(c.spec, errs)) validatePvcSpec(c.spec, "spec", errs);
      break;
    }
    case "ResourceQuota":
    case "LimitRange":
      validatePolicy(obj, errs);
      break;
    case "Service":
      validateService(obj as Service, errs);
      break;
    case "ConfigMap":
    case "Secret": {
      const c = obj as ConfigMap | Secret;
      for (const field of ["data", "stringData", "binaryData"] as const) {
        const m = (c as unknown as Record<string, unknown>)[field];
        if (m === undefined) continue;
        if (typeof m !== "object" || m === null) {
          errs.push(invalid(field, m, "must be a map of strings"));
          continue;
        }
        for (const [key, v] of Object.entries(m)) {
          if (!CONFIG_KEY.test(key) || key.length > 253)
            errs.push(invalid(`${field}[${key}]`, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
          if (typeof v !== "string") errs.push(invalid(`${field}[${key}]`, v, "must be a string"));
          else if (obj.kind === "Secret" && field === "data" && !/^[A-Za-z0-9+/]*={0,2}$/.test(v))
            errs.push(invalid(`${field}[${key}]`, "<secret contents redacted>", "illegal base64 data"));
        }
      }
      break;
    }
  }
  return errs;
}

function requireSpec(spec: unknown, errs: FieldError[]): boolean {
  if (spec === undefined || spec === null || typeof spec !== "object") {
    errs.push(required("spec"));
    return false;
  }
  return true;
}

function validateMeta(obj: KubeObject, errs: FieldError[]): void {
  const m = obj.metadata;
  if (!m || typeof m !== "object") {
    errs.push(required("metadata.name", "name or generateName is required"));
    return;
  }
  const info = kindInfo(obj.kind);
  if (!m.name) errs.push(required("metadata.name", "name or generateName is required"));
  else if (LABEL_NAMED.has(obj.kind)) {
    if (!DNS1123_LABEL.test(m.name) || m.name.length > 63) errs.push(invalid("metadata.name", m.name, LABEL_MSG));
  } else if (!DNS1123_SUBDOMAIN.test(m.name) || m.name.length > 253) errs.push(invalid("metadata.name", m.name, SUBDOMAIN_MSG));
  if (info?.namespaced && m.namespace !== undefined && !DNS1123_LABEL.test(m.namespace))
    errs.push(invalid("metadata.namespace", m.namespace, LABEL_MSG));
  validateLabels(m.labels, "metadata.labels", errs);
  if (m.annotations !== undefined) {
    for (const [k, v] of Object.entries(m.annotations)) {
      if (typeof v !== "string") errs.push(invalid(`metadata.annotations[${k}]`, v, "must be a string"));
    }
  }
}

function validateLabels(labels: Record<string, string> | undefined, path: string, errs: FieldError[]): void {
  if (labels === undefined) return;
  if (typeof labels !== "object" || labels === null) {
    errs.push(invalid(path, labels, "must be a map of strings"));
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    const name = k.includes("/") ? k.slice(k.indexOf("/") + 1) : k;
    const prefix = k.includes("/") ? k.slice(0, k.indexOf("/")) : "";
    if (!LABEL_NAME.test(name) || name.length > 63 || (prefix !== "" && !DNS1123_SUBDOMAIN.test(prefix)))
      errs.push(invalid(path, k, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
    if (typeof v !== "string" || !LABEL_VALUE.test(v) || v.length > 63) errs.push(invalid(path, v, LABEL_VALUE_MSG));
  }
}

function nonNegative(v: unknown, path: string, errs: FieldError[]): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v)) errs.push(invalid(path, v, "must be an integer"));
  else if (v < 0) errs.push(invalid(path, v, "must be greater than or equal to 0"));
}

function isZero(v: number | string | undefined): boolean {
  return v === 0 || v === "0" || v === "0%";
}

function intOrPercent(v: unknown, path: string, errs: FieldError[]): void {
  if (v === undefined) return;
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) errs.push(invalid(path, v, "must be greater than or equal to 0"));
    return;
  }
  if (typeof v !== "string" || !/^\d+%$/.test(v)) errs.push(invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
}

function validateSelectorShape(sel: LabelSelector | undefined, path: string, errs: FieldError[]): void {
  for (const [i, e] of (sel?.matchExpressions ?? []).entries()) {
    const p = `${path}.matchExpressions[${i}]`;
    if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator))
      errs.push(notSupported(`${p}.operator`, e.operator, ["In", "NotIn", "Exists", "DoesNotExist"]));
    else if ((e.operator === "In" || e.operator === "NotIn") && !(e.values?.length))
      errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    else if ((e.operator === "Exists" || e.operator === "DoesNotExist") && e.values?.length)
      errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  }
  validateLabels(sel?.matchLabels, `${path}.matchLabels`, errs);
}

function validateWorkloadTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, errs: FieldError[], extraVolumes: readonly string[] = []): void {
  if (!selector) errs.push(required("spec.selector"));
  else {
    validateSelectorShape(selector, "spec.selector", errs);
    const c = compileLabelSelector(selector)!;
    if (c.length === 0) errs.push(invalid("spec.selector", selector, "empty selector is invalid for deployment"));
  }
  if (!template) {
    errs.push(required("spec.template"));
    return;
  }
  validateLabels(template.metadata?.labels, "spec.template.metadata.labels", errs);
  if (selector) {
    const c = compileLabelSelector(selector)!;
    if (c.length > 0 && !matches(c, template.metadata?.labels))
      errs.push(invalid("spec.template.metadata.labels", template.metadata?.labels ?? {}, "`selector` does not match template `labels`"));
  }
  validatePodSpec(template.spec, "spec.template.spec", errs, extraVolumes);
}

function validateResources(list: ResourceList | undefined, path: string, errs: FieldError[]): void {
  if (list === undefined) return;
  for (const [k, v] of Object.entries(list)) {
    if (!isValidQuantity(v)) errs.push(invalid(`${path}[${k}]`, v, QUANTITY_MSG));
    else if (String(v).trim().startsWith("-")) errs.push(invalid(`${path}[${k}]`, v, "must be greater than or equal to 0"));
  }
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateTolerations(tols: Toleration[] | undefined, path: string, errs: FieldError[]): void {
  (tols ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t.operator !== undefined && t.operator !== "Exists" && t.operator !== "Equal")
      errs.push(notSupported(`${p}.operator`, t.operator, ["Equal", "Exists"]));
    if (t.operator === "Exists" && t.value) errs.push(invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (!t.key && t.operator !== "Exists") errs.push(invalid(`${p}.operator`, t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.effect !== undefined && !EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
  });
}

function validateNodeSelector(ns: NodeSelector | undefined, path: string, errs: FieldError[]): void {
  if (ns === undefined) return;
  if (!ns.nodeSelectorTerms?.length) {
    errs.push(required(`${path}.nodeSelectorTerms`, "must have at least one node selector term"));
    return;
  }
  ns.nodeSelectorTerms.forEach((t, i) => validateNodeSelectorTerm(t, `${path}.nodeSelectorTerms[${i}]`, errs));
}

const NODE_SELECTOR_OPS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];

function validateNodeSelectorTerm(t: NodeSelectorTerm, path: string, errs: FieldError[]): void {
  (t.matchExpressions ?? []).forEach((e, j) => {
    const p = `${path}.matchExpressions[${j}]`;
    if (!NODE_SELECTOR_OPS.includes(e.operator)) errs.push(notSupported(`${p}.operator`, e.operator, NODE_SELECTOR_OPS));
    else if ((e.operator === "In" || e.operator === "NotIn") && !e.values?.length)
      errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    else if ((e.operator === "Gt" || e.operator === "Lt") && e.values?.length !== 1)
      errs.push(required(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  });
}

export function validatePodSpec(spec: PodSpec | undefined, path: string, errs: FieldError[], extraVolumes: readonly string[] = []): void {
  if (!spec || typeof spec !== "object") {
    errs.push(required(path));
    return;
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${path}.containers`));
  const names = new Set<string>();
  const volumes = new Set([...(spec.volumes ?? []).map((v) => v.name), ...extraVolumes]);
  (spec.containers ?? []).forEach((c: Container, i) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) errs.push(required(`${p}.name`));
    else if (!DNS1123_LABEL.test(c.name)) errs.push(invalid(`${p}.name`, c.name, LABEL_MSG));
    else if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    names.add(c.name);
    if (!c.image) errs.push(required(`${p}.image`));
    validateResources(c.resources?.requests, `${p}.resources.requests`, errs);
    validateResources(c.resources?.limits, `${p}.resources.limits`, errs);
    (c.ports ?? []).forEach((port, j) => {
      if (!Number.isInteger(port.containerPort) || port.containerPort < 1 || port.containerPort > 65535)
        errs.push(invalid(`${p}.ports[${j}].containerPort`, port.containerPort, "must be between 1 and 65535, inclusive"));
    });
    (c.env ?? []).forEach((e, j) => {
      if (!e.name) errs.push(required(`${p}.env[${j}].name`));
    });
    (c.volumeMounts ?? []).forEach((m, j) => {
      if (!m.name) errs.push(required(`${p}.volumeMounts[${j}].name`));
      else if (!volumes.has(m.name)) errs.push(notFound(`${p}.volumeMounts[${j}].name`, m.name));
      if (!m.mountPath) errs.push(required(`${p}.volumeMounts[${j}].mountPath`));
    });
  });
  validateTolerations(spec.tolerations, `${path}.tolerations`, errs);
  validateNodeSelector(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`, errs);
  validatePreferredNodeTerms(spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    `${path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`, errs);
  for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
    const a = spec.affinity?.[kind];
    const base = `${path}.affinity.${kind}`;
    (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!t.topologyKey) errs.push(required(`${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].topologyKey`, "can not be empty"));
    });
    (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
      const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isWeight(w.weight)) errs.push(invalid(`${p}.weight`, w.weight, "must be in the range 1-100"));
      if (!w.podAffinityTerm?.topologyKey) errs.push(required(`${p}.podAffinityTerm.topologyKey`, "can not be empty"));
    });
  }
  (spec.topologySpreadConstraints ?? []).forEach((t, i) => {
    const p = `${path}.topologySpreadConstraints[${i}]`;
    if (!Number.isInteger(t.maxSkew) || t.maxSkew <= 0) errs.push(invalid(`${p}.maxSkew`, t.maxSkew, "must be greater than zero"));
    if (!t.topologyKey) errs.push(required(`${p}.topologyKey`, "can not be empty"));
    if (t.whenUnsatisfiable !== "DoNotSchedule" && t.whenUnsatisfiable !== "ScheduleAnyway")
      errs.push(notSupported(`${p}.whenUnsatisfiable`, t.whenUnsatisfiable, ["DoNotSchedule", "ScheduleAnyway"]));
  });
  validateLabels(spec.nodeSelector, `${path}.nodeSelector`, errs);
}

function isWeight(w: unknown): boolean {
  return Number.isInteger(w) && (w as number) >= 1 && (w as number) <= 100;
}

function validatePreferredNodeTerms(terms: PreferredSchedulingTerm[] | undefined, path: string, errs: FieldError[]): void {
  (terms ?? []).forEach((t, i) => {
    if (!isWeight(t.weight)) errs.push(invalid(`${path}[${i}].weight`, t.weight, "must be in the range 1-100"));
    if (t.preference) validateNodeSelectorTerm(t.preference, `${path}[${i}].preference`, errs);
    else errs.push(required(`${path}[${i}].preference`));
  });
}

function validateTaints(taints: Taint[] | undefined, errs: FieldError[]): void {
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    if (!t.key) errs.push(required(`${p}.key`));
    if (!EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) errs.push(duplicate(`${p}`, id));
    seen.add(id);
  });
}

function validateNode(n: Node, errs: FieldError[]): void {
  validateTaints(n.spec?.taints, errs);
  validateResources(n.status?.capacity, "status.capacity", errs);
  validateResources(n.status?.allocatable, "status.allocatable", errs);
}

function validatePv(v: PersistentVolume, errs: FieldError[]): void {
  if (!requireSpec(v.spec, errs)) return;
  if (!v.spec.capacity?.storage) errs.push(required("spec.capacity", "must specify a storage capacity"));
  validateResources(v.spec.capacity, "spec.capacity", errs);
  if (!v.spec.accessModes?.length) errs.push(required("spec.accessModes"));
  validateAccessModes(v.spec.accessModes, "spec.accessModes", errs);
  validateNodeSelector(v.spec.nodeAffinity?.required, "spec.nodeAffinity.required", errs);
}

const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

function validateAccessModes(modes: string[] | undefined, path: string, errs: FieldError[]): void {
  for (const m of modes ?? []) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
}

function validatePvcSpec(spec: PersistentVolumeClaim["spec"] | undefined, path: string, errs: FieldError[]): void {
  if (!spec) {
    errs.push(required(path));
    return;
  }
  if (!spec.accessModes?.length) errs.push(required(`${path}.accessModes`, "at least 1 access mode is required"));
  validateAccessModes(spec.accessModes, `${path}.accessModes`, errs);
  if (!spec.resources?.requests?.storage) errs.push(required(`${path}.resources[storage]`));
  validateResources(spec.resources?.requests, `${path}.resources.requests`, errs);
}

function validateService(s: Service, errs: FieldError[]): void {
  if (!requireSpec(s.spec, errs)) return;
  const types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
  if (s.spec.type && !types.includes(s.spec.type)) errs.push(notSupported("spec.type", s.spec.type, types));
  const names = new Set<string>();
  (s.spec.ports ?? []).forEach((p, i) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)
      errs.push(invalid(`spec.ports[${i}].port`, p.port, "must be between 1 and 65535, inclusive"));
    if ((s.spec.ports?.length ?? 0) > 1 && !p.name) errs.push(required(`spec.ports[${i}].name`));
    if (p.name) {
      if (names.has(p.name)) errs.push(duplicate(`spec.ports[${i}].name`, p.name));
      names.add(p.name);
    }
  });
  if (s.spec.type !== "ExternalName" && !(s.spec.ports?.length)) errs.push(required("spec.ports"));
  validateLabels(s.spec.selector, "spec.selector", errs);
}

function validateQuotaList(list: QuotaList | undefined, path: string, errs: FieldError[]): void {
  if (list === undefined) return;
  if (typeof list !== "object" || list === null || Array.isArray(list)) {
    errs.push(invalid(path, list, "must be a map of resource names to quantities"));
    return;
  }
  for (const [k, v] of Object.entries(list)) {
    if (!isValidQuantity(v)) errs.push(invalid(`${path}[${k}]`, v, QUANTITY_MSG));
    else if (parseQuantity(v) < 0) errs.push(invalid(`${path}[${k}]`, v, "must be greater than or equal to 0"));
  }
}

/** ResourceQuota and LimitRange: quantities, limit types, and a LimitRange item's min <= default request <= default <= max. */
function validatePolicy(obj: KubeObject, errs: FieldError[]): void {
  if (obj.kind === "ResourceQuota") {
    validateQuotaList((obj as ResourceQuota).spec?.hard, "spec.hard", errs);
    return;
  }
  const lr = obj as LimitRange;
  if (!requireSpec(lr.spec, errs)) return;
  if (!Array.isArray(lr.spec.limits)) {
    errs.push(required("spec.limits"));
    return;
  }
  lr.spec.limits.forEach((item, i) => {
    const path = `spec.limits[${i}]`;
    if (!item.type) errs.push(required(`${path}.type`));
    else if (!LIMIT_TYPES.includes(item.type)) errs.push(notSupported(`${path}.type`, item.type, LIMIT_TYPES));
    for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] as const) validateQuotaList(item[f], `${path}.${f}`, errs);
    if (item.type !== "Container" && (item.default || item.defaultRequest) && (Object.keys(item.default ?? {}).length || Object.keys(item.defaultRequest ?? {}).length))
      errs.push(forbidden(`${path}.default`, `may not be specified when \`type\` is '${item.type}'`));
    const q = (list: QuotaList | undefined, k: string) => (list?.[k] !== undefined && isValidQuantity(list[k]) ? parseQuantity(list[k]!) : undefined);
    const keys = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
    for (const k of keys) {
      const max = q(item.max, k), min = q(item.min, k), def = q(item.default, k), req = q(item.defaultRequest, k);
      if (min !== undefined && max !== undefined && min > max) errs.push(invalid(`${path}.min[${k}]`, item.min![k], `min value ${item.min![k]} is greater than max value ${item.max![k]}`));
      if (req !== undefined && max !== undefined && req > max) errs.push(invalid(`${path}.defaultRequest[${k}]`, item.defaultRequest![k], `default request value ${item.defaultRequest![k]} is greater than max value ${item.max![k]}`));
      if (req !== undefined && min !== undefined && min > req) errs.push(invalid(`${path}.defaultRequest[${k}]`, item.defaultRequest![k], `min value ${item.min![k]} is greater than default request value ${item.defaultRequest![k]}`));
      if (def !== undefined && max !== undefined && def > max) errs.push(invalid(`${path}.default[${k}]`, item.default![k], `default value ${item.default![k]} is greater than max value ${item.max![k]}`));
      if (def !== undefined && min !== undefined && min > def) errs.push(invalid(`${path}.default[${k}]`, item.default![k], `min value ${item.min![k]} is greater than default value ${item.default![k]}`));
      if (req !== undefined && def !== undefined && req > def) errs.push(invalid(`${path}.defaultRequest[${k}]`, item.defaultRequest![k], `default request value ${item.defaultRequest![k]} is greater than default limit value ${item.default![k]}`));
    }
  });
}
