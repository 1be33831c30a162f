// Expanding a resource's `count` or `for_each` into instance keys (OpenTofu's evaluateCountExpression and
// evaluateForEachExpression), with Terraform's diagnostics: both must be known at plan time, for_each must
// be a map or a set of strings and must not be sensitive.

import { intKey, NoKey, stringKey, type InstanceKey } from "../../addrs/instance-key.js";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import type { EvalContext } from "../../lang/eval/context.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { Expression } from "../../lang/syntax/ast.js";
import { convert } from "../../lang/values/convert.js";
import { friendlyTypeName } from "../../lang/values/types.js";
import { numberVal, stringVal, type Value } from "../../lang/values/value.js";
import type { Repetition } from "./scope.js";

export interface ExpandedInstance {
  readonly key: InstanceKey;
  readonly count?: Value;
  readonly each?: { readonly key: Value; readonly value: Value };
}

export interface Expansion {
  readonly repetition: Repetition;
  readonly instances: readonly ExpandedInstance[];
}

export function expand(count: Expression | undefined, forEach: Expression | undefined, ctx: EvalContext): { expansion?: Expansion; diags: Diagnostic[] } {
  if (count !== undefined) return expandCount(count, ctx);
  if (forEach !== undefined) return expandForEach(forEach, ctx);
  return { expansion: { repetition: "none", instances: [{ key: NoKey }] }, diags: [] };
}

function expandCount(expr: Expression, ctx: EvalContext): { expansion?: Expansion; diags: Diagnostic[] } {
  const ev = evaluate(expr, ctx);
  if (hasErrors(ev.diags)) return { diags: ev.diags };
  const fail = (detail: string) => ({ diags: [...ev.diags, errorDiag("Invalid count argument", detail, expr.range)] });
  if (ev.value.containsMarked() && ev.value.isSensitive()) {
    return fail("Sensitive values, or values derived from sensitive values, cannot be used as count arguments. If used, the sensitive value could be exposed as a resource instance key.");
  }
  const [v] = ev.value.unmarkDeep();
  if (v.isNull()) return fail('The given "count" argument value is null. An integer is required.');
  if (!v.isKnown()) {
    return fail(
      'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.',
    );
  }
  const n = convert(v, { kind: "number" });
  if (!n.ok) return fail(`The given "count" argument value is unsuitable: ${n.message}.`);
  const d = n.value.asNumber();
  if (!d.isInteger()) return fail('The given "count" argument value is unsuitable: value must be a whole number.');
  const c = d.toNumber();
  if (c < 0) return fail('The given "count" argument value is unsuitable: must be greater than or equal to zero.');
  const instances: ExpandedInstance[] = [];
  for (let i = 0; i < c; i++) instances.push({ key: intKey(i), count: numberVal(i) });
  return { expansion: { repetition: "list", instances }, diags: ev.diags };
}

function expandForEach(expr: Expression, ctx: EvalContext): { expansion?: Expansion; diags: Diagnostic[] } {
  const ev = evaluate(expr, ctx);
  if (hasErrors(ev.diags)) return { diags: ev.diags };
  const fail = (detail: string, summary = "Invalid for_each argument") => ({ diags: [...ev.diags, errorDiag(summary, detail, expr.range)] });
  if (ev.value.isSensitive()) {
    return fail("Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.");
  }
  const v = ev.value;
  if (v.isNull()) return fail('The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.');
  const t = v.type;
  const isMapLike = t.kind === "map" || t.kind === "object";
  const isSet = t.kind === "set";
  if (!isMapLike && !isSet && t.kind !== "dynamic") {
    return fail(`The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${friendlyTypeName(t)}.`);
  }
  if (!v.isKnown()) {
    return fail(
      isSet
        ? unknownSetDetail
        : 'The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to define the map keys statically in your configuration and place apply-time results only in the map values.\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.',
    );
  }
  const instances: ExpandedInstance[] = [];
  if (isSet) {
    if (t.kind === "set" && t.elem.kind !== "string" && t.elem.kind !== "dynamic") {
      return fail(
        `The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type ${friendlyTypeName(t.elem)}.`,
        "Invalid for_each set argument",
      );
    }
    for (const e of v.asElements()) {
      if (!e.isKnown()) return fail(unknownSetDetail);
      if (e.isNull()) return fail('The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.', "Invalid for_each set argument");
      const s = e.unmark().asString();
      instances.push({ key: stringKey(s), each: { key: stringVal(s), value: e } });
    }
  } else {
    for (const [k, e] of v.asEntries()) instances.push({ key: stringKey(k), each: { key: stringVal(k), value: e } });
  }
  return { expansion: { repetition: "map", instances }, diags: ev.diags };
}

const unknownSetDetail =
  'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.';
