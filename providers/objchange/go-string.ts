// Values and types printed as cty's GoString (`%#v`), the form Terraform's "Provider produced invalid plan"
// messages show: cty.StringVal("a"), cty.NumberIntVal(2), cty.NullVal(cty.String), cty.ListVal([]cty.Value{...}).
// Nesting deeper than maxDepth prints as "..." so a pathological value cannot exhaust the stack.

import { formatNumber } from "../../lang/values/numfmt.js";
import { goQuote } from "../../lang/values/set.js";
import type { Type } from "../../lang/values/types.js";
import type { Value } from "../../lang/values/value.js";

const maxDepth = 32;

export function typeGoString(t: Type, depth = 0): string {
  if (depth > maxDepth) return "...";
  switch (t.kind) {
    case "string":
      return "cty.String";
    case "number":
      return "cty.Number";
    case "bool":
      return "cty.Bool";
    case "dynamic":
      return "cty.DynamicPseudoType";
    case "list":
      return `cty.List(${typeGoString(t.elem, depth + 1)})`;
    case "set":
      return `cty.Set(${typeGoString(t.elem, depth + 1)})`;
    case "map":
      return `cty.Map(${typeGoString(t.elem, depth + 1)})`;
    case "tuple":
      if (t.elems.length === 0) return "cty.EmptyTuple";
      return `cty.Tuple([]cty.Type{${t.elems.map((e) => typeGoString(e, depth + 1)).join(", ")}})`;
    case "object": {
      if (t.attrs.size === 0) return "cty.EmptyObject";
      const names = [...t.attrs.keys()].sort();
      return `cty.Object(map[string]cty.Type{${names.map((n) => `${goQuote(n)}:${typeGoString(t.attrs.get(n)!, depth + 1)}`).join(", ")}})`;
    }
  }
}

export function valueGoString(v: Value, depth = 0): string {
  if (depth > maxDepth) return "...";
  const t = v.type;
  if (!v.isKnown()) return t.kind === "dynamic" ? "cty.DynamicVal" : `cty.UnknownVal(${typeGoString(t)})`;
  if (v.isNull()) return `cty.NullVal(${typeGoString(t)})`;
  const elems = (): string => v.asElements().map((e) => valueGoString(e, depth + 1)).join(", ");
  const entries = (): string =>
    [...v.asEntries()].map(([k, e]) => `${goQuote(k)}:${valueGoString(e, depth + 1)}`).join(", ");
  switch (t.kind) {
    case "string":
      return `cty.StringVal(${goQuote(v.asString())})`;
    case "bool":
      return v.asBool() ? "cty.True" : "cty.False";
    case "number": {
      const n = v.asNumber();
      if (n.isInteger() && n.abs().truncToBigInt() <= 9223372036854775807n) return `cty.NumberIntVal(${n.truncToBigInt()})`;
      if (Number.isFinite(n.toNumber()) && String(n.toNumber()) === formatNumber(n)) return `cty.NumberFloatVal(${formatNumber(n)})`;
      return `cty.MustParseNumberVal(${goQuote(formatNumber(n))})`;
    }
    case "list":
      return v.length() === 0 ? `cty.ListValEmpty(${typeGoString(t.elem)})` : `cty.ListVal([]cty.Value{${elems()}})`;
    case "set":
      return v.length() === 0 ? `cty.SetValEmpty(${typeGoString(t.elem)})` : `cty.SetVal([]cty.Value{${elems()}})`;
    case "map":
      return v.length() === 0 ? `cty.MapValEmpty(${typeGoString(t.elem)})` : `cty.MapVal(map[string]cty.Value{${entries()}})`;
    case "tuple":
      return v.length() === 0 ? "cty.EmptyTupleVal" : `cty.TupleVal([]cty.Value{${elems()}})`;
    case "object":
      return v.length() === 0 ? "cty.EmptyObjectVal" : `cty.ObjectVal(map[string]cty.Value{${entries()}})`;
    case "dynamic":
      return "cty.DynamicVal";
  }
}
