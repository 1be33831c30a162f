// Attributes of type `any` (terraform_data's input and output) are stored in state as {"type": T, "value": V}.
// With the provider's schema at hand, the views show V, as Terraform does; without it they show the stored
// JSON (and sensitive paths are resolved through the wrapper: state/sensitive-paths.ts).

import type { BlockSpec } from "../../../config/schema.js";
import type { JsonObject } from "../../../state/model.js";
import { isDynamicWrapper } from "../../../state/sensitive-paths.js";

export function unwrapDynamicAttributes(attrs: JsonObject, spec: BlockSpec): JsonObject {
  let out: JsonObject | undefined;
  for (const [name, a] of Object.entries(spec.attributes ?? {})) {
    if (a.type.kind !== "dynamic") continue;
    const v = attrs[name];
    if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v)) continue;
    const obj = v as JsonObject;
    if (!isDynamicWrapper(obj)) continue;
    out ??= { ...attrs };
    out[name] = obj.value!;
  }
  return out ?? attrs;
}
