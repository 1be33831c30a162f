// The values of the references in a failing expression, as Terraform lists them under a diagnostic's snippet
// ("├──────────────── var.x is "foo""): for each reference, the longest prefix (of two steps or more) that
// evaluates without error, once, sorted by its text. Sensitive values are left out unless the diagnostic is
// about them, unknown ones are named by their type (tfdiags' CompactValueStr and the JSON view's rules).

import type { Traversal } from "../syntax/ast.js";
import type { Expression } from "../syntax/ast.js";
import type { Diagnostic } from "../diagnostics.js";
import type { EvalContext } from "./context.js";
import { expressionReferences } from "./references.js";
import { traverseAbs, hasErrorSince } from "./traverse.js";
import { friendlyTypeName } from "../values/types.js";
import { formatNumberG10 } from "../values/numfmt.js";
import { goQuote } from "../values/set.js";
import { SENSITIVE, type Value } from "../values/value.js";

export interface ValueNoteOptions {
  /** The diagnostic is about an unknown value: say "known only after apply". */
  readonly causedByUnknown?: boolean;
}

export function valueNotes(expr: Expression, ctx: EvalContext, opts: ValueNoteOptions = {}): string[] {
  const notes: { text: string; line: string }[] = [];
  const seen = new Set<string>();
  for (const full of expressionReferences(expr)) {
    for (let n = full.length; n > 1; n--) {
      const traversal = full.slice(0, n);
      const diags: Diagnostic[] = [];
      const v = traverseAbs(traversal, ctx, diags);
      if (hasErrorSince(diags, 0)) continue;
      const text = traversalText(traversal);
      if (!seen.has(text)) {
        const statement = statementOf(v, opts);
        if (statement !== undefined) {
          notes.push({ text, line: `${text} ${statement}` });
          seen.add(text);
        }
      }
      break;
    }
  }
  return notes.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).map((n) => n.line);
}

function statementOf(v: Value, opts: ValueNoteOptions): string | undefined {
  if (v.hasMark(SENSITIVE)) return undefined;
  if (!v.isKnown()) {
    if (v.type.kind === "dynamic") return opts.causedByUnknown === true ? "will be known only after apply" : undefined;
    return opts.causedByUnknown === true ? `is a ${friendlyTypeName(v.type)}, known only after apply` : `is a ${friendlyTypeName(v.type)}`;
  }
  return `is ${compactValue(v)}`;
}

/** tfdiags.CompactValueStr: never an element of a collection, only its shape. */
export function compactValue(v: Value): string {
  const t = v.type;
  if (v.isNull()) return "null";
  switch (t.kind) {
    case "bool":
      return v.asBool() ? "true" : "false";
    case "number":
      return formatNumberG10(v.asNumber());
    case "string":
      return goQuote(v.asString());
    case "list":
    case "set":
    case "map":
    case "tuple": {
      const l = v.length();
      const name = friendlyTypeName(t);
      return l === 0 ? `empty ${name}` : l === 1 ? `${name} with 1 element` : `${name} with ${l} elements`;
    }
    case "object": {
      const names = [...t.attrs.keys()];
      return names.length === 0 ? "object with no attributes" : names.length === 1 ? `object with 1 attribute ${goQuote(names[0]!)}` : `object with ${names.length} attributes`;
    }
    default:
      return friendlyTypeName(t);
  }
}

/** hcl's traversal text: `a.b["k"][0]`. */
export function traversalText(t: Traversal): string {
  let out = "";
  for (const step of t) {
    if (step.kind === "root") out += step.name;
    else if (step.kind === "attr") out += `.${step.name}`;
    else out += `[${step.key.type.kind === "string" && step.key.isKnown() && !step.key.isNull() ? goQuote(step.key.asString()) : step.key.type.kind === "number" && step.key.isKnown() && !step.key.isNull() ? formatNumberG10(step.key.asNumber()) : "?"}]`;
  }
  return out;
}
