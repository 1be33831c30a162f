// String templates (hclsyntax TemplateExpr, TemplateJoinExpr). Each part is converted to a string; a null
// part is an error, an unknown part makes the whole string unknown, and marks on any part mark the result.
// `%{if}` directives arrive as conditional parts and `%{for}` as a TemplateJoin over a `for` tuple.
// Where HCL returns the text built from the parts that worked, a template with an erroneous part is
// unknown here (Cairn's best-effort rule: an error never yields a value that looks real).

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { TemplateExpr, TemplateJoinExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { StringType } from "../values/types.js";
import { NULL, UNKNOWN, stringVal, unknownVal, type Value } from "../values/value.js";
import type { EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { MarkSet } from "./marks.js";
import { hasErrorSince } from "./traverse.js";

const unknownString = unknownVal(StringType);

/** The string form of a known, non-null, unmarked value, or the conversion's error message. */
function asTemplateString(v: Value): { ok: true; text: string } | { ok: false; message: string } {
  if (typeof v.raw === "string") return { ok: true, text: v.raw };
  const c = convert(v, StringType);
  if (!c.ok) return { ok: false, message: c.message };
  return { ok: true, text: c.value.unmark().asString() };
}

export function evalTemplate(e: TemplateExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  // A quoted string without interpolations (`input = "value-1"`, most arguments) is its own value: the
  // result below would be a copy of it.
  if (e.parts.length === 1) {
    const only = e.parts[0]!;
    if (only.kind === "LiteralValue" && typeof only.value.raw === "string" && only.value.type.kind === "string" && only.value.marks.size === 0) return only.value;
  }
  let text = "";
  let isKnown = true;
  const marks = new MarkSet();
  const before = diags.length;
  for (const part of e.parts) {
    const v = evalExpr(part, ctx, diags, depth);
    if (v.raw === NULL) {
      diags.push(
        errorDiag(
          "Invalid template interpolation value",
          "The expression result is null. Cannot include a null value in a string template.",
          part.range,
          e.range,
        ),
      );
      continue;
    }
    marks.add(v.marks);
    if (v.raw === UNKNOWN) {
      isKnown = false;
      continue;
    }
    const s = asTemplateString(v.unmark());
    if (!s.ok) {
      diags.push(
        errorDiag(
          "Invalid template interpolation value",
          `Cannot include the given value in a string template: ${s.message}.`,
          part.range,
          e.range,
        ),
      );
      continue;
    }
    text += s.text;
  }
  if (diags.length > before && hasErrorSince(diags, before)) isKnown = false;
  return (isKnown ? stringVal(text) : unknownString).withMarks(marks.get());
}

export function evalTemplateJoin(
  e: TemplateJoinExpr,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
): Value {
  const tuple = evalExpr(e.tuple, ctx, diags, depth);
  // The parser only puts a `for` expression here, which yields a tuple or an unknown value; anything else
  // (including the null HCL would panic on) is treated as "not known yet".
  if (tuple.raw === NULL || tuple.raw === UNKNOWN || tuple.type.kind !== "tuple") {
    return unknownString.withMarks(tuple.marks);
  }
  const marks = new MarkSet();
  marks.add(tuple.marks);
  let text = "";
  let failed = false;
  for (const val of tuple.unmark().asElements()) {
    if (val.raw === NULL) {
      diags.push(
        errorDiag(
          "Invalid template interpolation value",
          "An iteration result is null. Cannot include a null value in a string template.",
          e.range,
        ),
      );
      failed = true;
      continue;
    }
    if (val.type.kind === "dynamic") return unknownString.withMarks(tuple.marks);
    const converted = convert(val, StringType);
    if (!converted.ok) {
      diags.push(
        errorDiag(
          "Invalid template interpolation value",
          `Cannot include one of the interpolation results into the string template: ${converted.message}.`,
          e.range,
        ),
      );
      failed = true;
      continue;
    }
    if (!val.isKnown()) return unknownString.withMarks(tuple.marks);
    marks.add(converted.value.marks);
    text += converted.value.unmark().asString();
  }
  return (failed ? unknownString : stringVal(text)).withMarks(marks.get());
}
