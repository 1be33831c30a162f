// The JSON plan's `checks` (Terraform's jsonchecks): each checkable configuration object with its aggregate
// status and its instances' results. Addresses are Go maps in Terraform, so their keys come out sorted;
// objects are sorted by `to_display`; `instances` and `problems` are omitted when empty.

import type { CheckResultState } from "../../../state/model.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import { array, jsonNumber, jsonString, map, struct, type JsonText } from "../state/go-json.js";

const kindJSON: Readonly<Record<CheckResultState["object_kind"], string>> = { resource: "resource", output: "output_value", check: "check", var: "var" };

export function checksJson(results: readonly CheckResultState[] | null): JsonText | undefined {
  if (results === null || results.length === 0) return undefined;
  const sorted = [...results].sort((a, b) => compareGoStrings(a.config_addr, b.config_addr));
  return array(
    sorted.map((r) => {
      const { module, local } = splitConfigAddr(r.config_addr, r.object_kind);
      const addr = new Map<string, JsonText>([
        ["kind", jsonString(kindJSON[r.object_kind])],
        ["to_display", jsonString(r.config_addr)],
      ]);
      if (module !== "") addr.set("module", jsonString(module));
      if (r.object_kind === "resource") {
        const data = local.startsWith("data.");
        const [type, name] = (data ? local.slice(5) : local).split(".");
        addr.set("mode", jsonString(data ? "data" : "managed"));
        addr.set("type", jsonString(type ?? ""));
        addr.set("name", jsonString(name ?? ""));
      } else addr.set("name", jsonString(local.slice(local.indexOf(".") + 1)));
      const objects = [...(r.objects ?? [])].sort((a, b) => compareGoStrings(a.object_addr, b.object_addr));
      const instances = objects.map((o) => {
        const inst = splitObjectAddr(o.object_addr, local);
        const ia = new Map<string, JsonText>([["to_display", jsonString(o.object_addr)]]);
        if (inst.module !== "") ia.set("module", jsonString(inst.module));
        if (inst.key !== undefined) ia.set("instance_key", typeof inst.key === "number" ? jsonNumber(inst.key) : jsonString(inst.key));
        const problems = (o.failure_messages ?? []).map((m) => struct([["message", jsonString(m)]]));
        return struct([
          ["address", map(ia, compareGoStrings)],
          ["status", jsonString(o.status)],
          ["problems", problems.length > 0 ? array(problems) : undefined],
        ]);
      });
      return struct([
        ["address", map(addr, compareGoStrings)],
        ["status", jsonString(r.status)],
        ["instances", instances.length > 0 ? array(instances) : undefined],
      ]);
    }),
  );
}

/** `module.a.module.b.terraform_data.x` → module `module.a.module.b`, local `terraform_data.x`. */
function splitConfigAddr(addr: string, kind: CheckResultState["object_kind"]): { module: string; local: string } {
  const parts = addr.split(".");
  let k = 0;
  while (parts[k] === "module" && k + 2 < parts.length) k += 2;
  // A resource's local part is two steps (three for data); check/output/var are two.
  const localLen = kind === "resource" && parts[k] === "data" ? 3 : 2;
  k = Math.min(k, parts.length - localLen);
  return { module: parts.slice(0, k).join("."), local: parts.slice(k).join(".") };
}

/** An object address split into its module instance and instance key around the configuration's `local` part. */
function splitObjectAddr(addr: string, local: string): { module: string; key?: number | string } {
  let module = "";
  let rest: string;
  if (addr.startsWith(local)) rest = addr.slice(local.length);
  else {
    const at = addr.lastIndexOf(`.${local}`);
    module = at < 0 ? "" : addr.slice(0, at);
    rest = at < 0 ? "" : addr.slice(at + 1 + local.length);
  }
  if (!rest.startsWith("[")) return { module };
  const inner = rest.slice(1, -1);
  const key = /^\d+$/.test(inner) ? Number(inner) : (JSON.parse(inner) as string);
  return { module, key };
}
