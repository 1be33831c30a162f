// How `terraform console` prints a value (Terraform's repl.FormatValue): HCL-like syntax that names the
// exact type where literal syntax would be ambiguous (tolist, toset, tomap, tostring(null), ...), one element
// per line with two-space indentation, multi-line strings as heredocs, unknowns as "(known after apply)"
// and sensitive values as "(sensitive value)" (the wording Terraform's documentation shows for console).

import { BigFloat } from "./bigfloat.js";
import { formatNumber } from "./numfmt.js";
import { goQuote } from "./set.js";
import { friendlyTypeName } from "./types.js";
import { NULL, UNKNOWN, Value, stringVal } from "./value.js";

export function formatValue(v: Value, indent = 0): string {
  if (v.raw === UNKNOWN) return "(known after apply)";
  if (v.isSensitive()) return "(sensitive value)";
  const t = v.type;
  if (v.raw === NULL) {
    switch (t.kind) {
      case "dynamic":
        return "null";
      case "string":
        return "tostring(null)";
      case "number":
        return "tonumber(null)";
      case "bool":
        return "tobool(null)";
      case "list":
      case "set":
      case "map":
        return `to${t.kind}(null) /* of ${friendlyTypeName(t.elem)} */`;
      default:
        return `null /* ${friendlyTypeName(t)} */`;
    }
  }
  switch (t.kind) {
    case "string":
      return formatMultilineString(v.raw as string, indent) ?? goQuote(v.raw as string);
    case "number":
      return formatNumber(v.raw as BigFloat);
    case "bool":
      return v.raw ? "true" : "false";
    case "object":
      return formatMapping(v, indent);
    case "tuple":
      return formatSequence(v, indent);
    case "list":
      return `tolist(${formatSequence(v, indent)})`;
    case "set":
      return `toset(${formatSequence(v, indent)})`;
    case "map":
      return `tomap(${formatMapping(v, indent)})`;
    default:
      return "null";
  }
}

function formatMultilineString(s: string, indent: number): string | undefined {
  const lines = s.split("\n");
  if (lines.length < 2) return undefined;
  const operator = indent > 0 ? "<<-" : "<<";
  let delimiter = "EOT";
  // The parser ignores surrounding whitespace on the closing line, so no content line may look like it.
  while (lines.some((l) => l.trim() === delimiter)) delimiter += "_";
  const pad = " ".repeat(indent);
  let out = operator + delimiter;
  for (const line of lines) out += "\n" + pad + line;
  return out + "\n" + pad + delimiter;
}

function formatMapping(v: Value, indent: number): string {
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  let out = "{";
  let count = 0;
  for (const [k, e] of v.asEntries()) {
    count++;
    out += "\n" + pad + formatValue(stringVal(k), inner) + " = " + formatValue(e, inner);
  }
  if (count > 0) out += "\n" + " ".repeat(indent);
  return out + "}";
}

function formatSequence(v: Value, indent: number): string {
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  let out = "[";
  let count = 0;
  for (const e of v.asElements()) {
    count++;
    out += "\n" + pad + formatValue(e, inner) + ",";
  }
  if (count > 0) out += "\n" + " ".repeat(indent);
  return out + "]";
}
