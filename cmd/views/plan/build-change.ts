// A planned change as the renderer's structured change (what Terraform's JSON plan carries for it).

import type { BlockSpec } from "../../../config/schema.js";
import type { Type } from "../../../lang/values/types.js";
import type { Value } from "../../../lang/values/value.js";
import type { Path } from "../../../planner/plan/model.js";
import type { Change } from "./change.js";
import { knownPart, sensitiveAsBool, unknownAsBool } from "./from-value.js";
import type { Generic } from "./generic.js";
import { type Matcher, PathMatcher, type PathStepKey, alwaysMatcher } from "./path-matcher.js";

export function changeFromValues(
  before: Value,
  after: Value,
  opts: { schema?: BlockSpec; requiredReplace?: readonly Path[]; relevant?: Matcher; sensitive?: boolean },
): Change {
  const afterKnown = knownPart(after);
  const sensitiveTree = (v: Value): Generic => (opts.sensitive === true ? true : sensitiveAsBool(v, opts.schema));
  return {
    beforeExplicit: false,
    afterExplicit: false,
    before: knownPart(before) ?? null,
    after: afterKnown ?? null,
    unknown: after.isWhollyKnown() ? new Map() : unknownAsBool(after),
    beforeSensitive: sensitiveTree(before),
    afterSensitive: sensitiveTree(after),
    replacePaths: new PathMatcher((opts.requiredReplace ?? []).map(encodePath)),
    relevant: opts.relevant ?? alwaysMatcher,
    nonLegacySchema: false,
  };
}

/** jsonplan's encodePath: attribute names and string keys as strings, numeric indexes as numbers. */
function encodePath(path: Path): PathStepKey[] {
  const out: PathStepKey[] = [];
  for (const step of path) {
    if (step.kind === "attr") {
      out.push(step.name);
      continue;
    }
    const key = step.key;
    if (!key.isKnown() || key.isNull()) break;
    if (key.type.kind === "string") out.push(key.asString());
    else if (key.type.kind === "number") out.push(key.asNumber().toNumber());
    else break;
  }
  return out;
}

/** A schema for a type the provider gave none for: its attributes, none of them blocks or sensitive. */
export function schemaFromType(t: Type): BlockSpec {
  if (t.kind !== "object") return {};
  const attributes: Record<string, { type: Type }> = {};
  for (const [name, type] of t.attrs) attributes[name] = { type };
  return { attributes };
}
