// Strategic merge patch (what kubectl apply/set/label/edit send) for the served kinds: like a JSON merge patch,
// but lists Kubernetes declares with a merge key (containers by name, ports by containerPort, ...) merge
// element by element, and the patch directives `$patch` (replace/delete), `$setElementOrder/<list>`,
// `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured. Iterative, so depth cannot overflow.
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Kubernetes' patchMergeKey of the list fields of the served kinds, by field name. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  ports: "containerPort",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  taints: "key",
  addresses: "type",
  resourceClaims: "name",
};
/** Lists under `spec.ports` of a Service merge by port, not containerPort. */
const SERVICE_PORT_KEY = "port";

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function strategicMergePatch(target: unknown, patch: unknown, kind: string): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  const root: Obj = isObj(target) ? structuredClone(target) : {};
  const stack: { t: Obj; p: Obj; path: string }[] = [{ t: root, p: patch, path: "" }];
  while (stack.length > 0) {
    const { t, p, path } = stack.pop()!;
    if (p.$patch === "replace") {
      for (const k of Object.keys(t)) delete t[k];
      for (const [k, v] of Object.entries(p)) if (k !== "$patch") t[k] = structuredClone(v);
      continue;
    }
    const retain = Array.isArray(p.$retainKeys) ? new Set(p.$retainKeys.map(String)) : undefined;
    if (retain) for (const k of Object.keys(t)) if (!retain.has(k)) delete t[k];
    for (const [k, v] of Object.entries(p)) {
      if (k.startsWith("$")) {
        const del = /^\$deleteFromPrimitiveList\/(.+)$/.exec(k);
        if (del && Array.isArray(v) && Array.isArray(t[del[1]!])) {
          const drop = new Set(v.map((x) => JSON.stringify(x)));
          t[del[1]!] = (t[del[1]!] as Json[]).filter((x) => !drop.has(JSON.stringify(x)));
        }
        continue;
      }
      const childPath = path === "" ? k : `${path}.${k}`;
      if (v === null) delete t[k];
      else if (isObj(v)) {
        if (v.$patch === "delete") {
          delete t[k];
          continue;
        }
        const cur = t[k];
        const next: Obj = isObj(cur) ? cur : {};
        t[k] = next;
        stack.push({ t: next, p: v, path: childPath });
      } else if (Array.isArray(v)) {
        const key = kind === "Service" && childPath === "spec.ports" ? SERVICE_PORT_KEY : MERGE_KEYS[k];
        const cur = t[k];
        const order = p[`$setElementOrder/${k}`];
        if (key && Array.isArray(cur) && v.every(isObj)) {
          t[k] = mergeList(cur, v as Obj[], key, Array.isArray(order) ? order : undefined, (tt, pp) => stack.push({ t: tt, p: pp, path: childPath }));
        } else t[k] = (v as Json[]).filter((e) => !(isObj(e) && e.$patch === "delete")).map((e) => structuredClone(e));
      } else t[k] = v;
    }
  }
  return root;
}

/** Merges a patch list into a current list by `key`; elements are merged later through `merge` (the stack). */
function mergeList(cur: Json[], patch: Obj[], key: string, order: Json[] | undefined, merge: (t: Obj, p: Obj) => void): Json[] {
  if (patch.some((e) => e.$patch === "replace")) return patch.filter((e) => e.$patch !== "replace").map((e) => structuredClone(e));
  const out: Json[] = cur.map((e) => structuredClone(e));
  const id = (e: Json) => (isObj(e) ? JSON.stringify(e[key] ?? null) : undefined);
  for (const pe of patch) {
    const i = out.findIndex((e) => id(e) === id(pe));
    if (pe.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0 && isObj(out[i])) merge(out[i] as Obj, pe);
    else {
      const fresh: Obj = {};
      out.push(fresh);
      merge(fresh, pe);
    }
  }
  if (!order) return out;
  // $setElementOrder lists every element the result should have, in order; others keep their relative place after.
  const rank = new Map(order.map((e, i) => [isObj(e) ? JSON.stringify(e[key] ?? null) : JSON.stringify(e), i]));
  return out
    .map((e, i) => ({ e, i, r: rank.get(id(e) ?? "") ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}
