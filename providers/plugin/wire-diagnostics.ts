// Diagnostics and attribute paths between Cairn and the protocol. A diagnostic from a plugin that points at
// an attribute keeps the path in its detail ("at .spec.replicas"), since Cairn's diagnostics carry source
// ranges rather than value paths; the resource's address is added by the planner as for any provider.

import type { Diagnostic } from "../../lang/diagnostics.js";
import { formatPath, type PathStep } from "../../lang/values/convert.js";
import { numberVal, stringVal } from "../../lang/values/value.js";
import type { AttributePath } from "../interface.js";
import { type WireAttributePath, type WireAttributePathStep, type WireDiagnostic, WireSeverity } from "./wire.js";

export function pathToWire(p: AttributePath): WireAttributePath {
  const steps: WireAttributePathStep[] = [];
  for (const s of p) {
    if (s.kind === "attr") steps.push({ attribute_name: s.name });
    else if (s.key.isKnown() && !s.key.isNull() && s.key.type.kind === "string") steps.push({ element_key_string: s.key.asString() });
    else if (s.key.isKnown() && !s.key.isNull() && s.key.type.kind === "number") steps.push({ element_key_int: s.key.asNumber().toNumber() });
    else break; // a set element has no wire form: the path ends at the set, as Terraform's does
  }
  return { steps };
}

export function pathFromWire(w: WireAttributePath | null | undefined): PathStep[] {
  const out: PathStep[] = [];
  for (const s of w?.steps ?? []) {
    const which = s.selector ?? (s.attribute_name ? "attribute_name" : s.element_key_string !== undefined && s.element_key_string !== "" ? "element_key_string" : "element_key_int");
    if (which === "attribute_name") out.push({ kind: "attr", name: s.attribute_name ?? "" });
    else if (which === "element_key_string") out.push({ kind: "index", key: stringVal(s.element_key_string ?? "") });
    else out.push({ kind: "index", key: numberVal(Number(s.element_key_int ?? 0)) });
  }
  return out;
}

export function diagnosticsToWire(diags: readonly Diagnostic[]): WireDiagnostic[] {
  return diags.map((d) => ({
    severity: d.severity === "error" ? WireSeverity.Error : WireSeverity.Warning,
    summary: d.summary,
    detail: d.detail ?? "",
  }));
}

/** `provider` names the plugin in the detail, so the user knows which process said it. */
export function diagnosticsFromWire(diags: readonly WireDiagnostic[] | undefined): Diagnostic[] {
  return (diags ?? []).map((d) => {
    const path = pathFromWire(d.attribute);
    const detail = d.detail ?? "";
    return {
      severity: d.severity === WireSeverity.Warning ? "warning" : "error",
      summary: d.summary ?? "",
      detail: path.length > 0 ? `${detail}${detail === "" ? "" : "\n\n"}(at ${formatPath(path)})` : detail,
    };
  });
}
