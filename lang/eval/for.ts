// `for` expressions (hclsyntax ForExpr): `[for k, v in coll : v if cond]` and `{for k, v in coll : k => v...}`.
// Lists and tuples iterate by index, maps and objects by key in lexical order, sets by value (key = value).
// An unknown collection, condition or key makes the result unknown; marks on the collection, on `if`
// results and on keys are carried to the result.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Expression, ForExpr } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import { BoolType, StringType, friendlyTypeName } from "../values/types.js";
import { DynamicVal, numberVal, objectVal, stringVal, tupleVal, type Value } from "../values/value.js";
import { childContext, type EvalContext } from "./context.js";
import { evalExpr } from "./evaluate.js";
import { MarkSet } from "./marks.js";
import { goQuote, hasErrorSince } from "./traverse.js";

/** One step of iteration: the key/index and the element. */
export interface IterEntry {
  readonly key: Value;
  readonly value: Value;
}

/** The (key, value) pairs of a known, unmarked, iterable value, in cty's iteration order. */
export function iterateElements(coll: Value): IterEntry[] {
  const out: IterEntry[] = [];
  switch (coll.type.kind) {
    case "list":
    case "tuple": {
      const elems = coll.asElements();
      for (let i = 0; i < elems.length; i++) out.push({ key: numberVal(i), value: elems[i]! });
      break;
    }
    case "set":
      for (const el of coll.asElements()) out.push({ key: el, value: el });
      break;
    case "map":
    case "object":
      for (const [k, v] of coll.asEntries()) out.push({ key: stringVal(k), value: v });
      break;
    default:
      break;
  }
  return out;
}

export function canIterate(coll: Value): boolean {
  const k = coll.type.kind;
  return k === "list" || k === "tuple" || k === "set" || k === "map" || k === "object";
}

function bindings(e: ForExpr, key: Value, value: Value): Map<string, Value> {
  const vars = new Map<string, Value>();
  if (e.keyVar !== "") vars.set(e.keyVar, key);
  vars.set(e.valVar, value);
  return vars;
}

export function evalFor(e: ForExpr, ctx: EvalContext | undefined, diags: Diagnostic[], depth: number): Value {
  const marks = new MarkSet();
  const before = diags.length;
  const given = evalExpr(e.collExpr, ctx, diags, depth);
  // HCL iterates whatever part of a failed collection it got; here an erroneous collection gives an
  // unknown result, so that no error ever yields a value that looks real.
  if (hasErrorSince(diags, before)) return DynamicVal;
  if (given.isNull()) {
    diags.push(
      errorDiag(
        "Iteration over null value",
        "A null value cannot be used as the collection in a 'for' expression.",
        e.collExpr.range,
        e.range,
      ),
    );
    return DynamicVal;
  }
  if (given.type.kind === "dynamic") return DynamicVal.withMarks(given.marks);
  marks.add(given.marks);
  const coll = given.unmark();
  if (!canIterate(coll)) {
    diags.push(
      errorDiag(
        "Iteration over non-iterable value",
        `A value of type ${friendlyTypeName(coll.type)} cannot be used as the collection in a 'for' expression.`,
        e.collExpr.range,
        e.range,
      ),
    );
    return DynamicVal;
  }
  if (!coll.isKnown()) return DynamicVal.withMarks(marks.get());

  // An early check of the condition with unknown iterators catches a wrong-typed condition once instead of
  // once per element.
  if (e.condExpr !== undefined && !precheckCondition(e, e.condExpr, ctx, diags, depth)) return DynamicVal;

  const entries = iterateElements(coll);
  return e.keyExpr !== undefined
    ? objectResult(e, e.keyExpr, entries, ctx, diags, depth, marks)
    : tupleResult(e, entries, ctx, diags, depth, marks);
}

function precheckCondition(
  e: ForExpr,
  cond: Expression,
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
): boolean {
  const child = childContext(ctx, bindings(e, DynamicVal, DynamicVal));
  const before = diags.length;
  const result = evalExpr(cond, child, diags, depth);
  if (result.isNull()) {
    diags.push(errorDiag("Condition is null", "The value of the 'if' clause must not be null.", cond.range, e.range));
    return false;
  }
  const converted = convert(result, BoolType);
  if (!converted.ok) {
    diags.push(
      errorDiag("Invalid 'for' condition", `The 'if' clause value is invalid: ${converted.message}.`, cond.range, e.range),
    );
    return false;
  }
  return !hasErrorSince(diags, before);
}

type Include = "yes" | "no" | "unknown";

/**
 * The `if` clause for one element. Problems are reported only while the result is still "known" (so a bad
 * condition is reported once, not for every element), as HCL does.
 */
function include(
  e: ForExpr,
  cond: Expression,
  child: EvalContext,
  diags: Diagnostic[],
  depth: number,
  marks: MarkSet,
  reportProblems: boolean,
  unknownBeforeConvert: boolean,
): Include {
  const raw = evalExpr(cond, child, diags, depth);
  if (raw.isNull()) {
    if (reportProblems) {
      diags.push(errorDiag("Invalid 'for' condition", "The value of the 'if' clause must not be null.", cond.range, e.range));
    }
    return "unknown";
  }
  // The tuple form checks for an unknown condition before converting it, the object form after.
  if (unknownBeforeConvert && !raw.isKnown()) return "unknown";
  const converted = convert(raw, BoolType);
  if (!converted.ok) {
    if (reportProblems) {
      diags.push(
        errorDiag("Invalid 'for' condition", `The 'if' clause value is invalid: ${converted.message}.`, cond.range, e.range),
      );
    }
    return "unknown";
  }
  if (!converted.value.isKnown()) return "unknown";
  marks.add(converted.value.marks);
  return converted.value.unmark().asBool() ? "yes" : "no";
}

function tupleResult(
  e: ForExpr,
  entries: readonly IterEntry[],
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
  marks: MarkSet,
): Value {
  const vals: Value[] = [];
  let known = true;
  for (const { key, value } of entries) {
    const child = childContext(ctx, bindings(e, key, value));
    if (e.condExpr !== undefined) {
      const inc = include(e, e.condExpr, child, diags, depth, marks, known, true);
      if (inc === "unknown") {
        known = false;
        continue;
      }
      if (inc === "no") continue;
    }
    vals.push(evalExpr(e.valExpr, child, diags, depth));
  }
  if (!known) return DynamicVal.withMarks(marks.get());
  return tupleVal(vals).withMarks(marks.get());
}

function objectResult(
  e: ForExpr,
  keyExpr: Expression,
  entries: readonly IterEntry[],
  ctx: EvalContext | undefined,
  diags: Diagnostic[],
  depth: number,
  marks: MarkSet,
): Value {
  const vals = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  let known = true;
  // HCL keeps the first value for a duplicated key; here the result is unknown, as for any error.
  let duplicate = false;
  for (const { key, value } of entries) {
    const child = childContext(ctx, bindings(e, key, value));
    if (e.condExpr !== undefined) {
      const inc = include(e, e.condExpr, child, diags, depth, marks, known, false);
      if (inc === "unknown") {
        known = false;
        continue;
      }
      if (inc === "no") continue;
    }
    const keyRaw = evalExpr(keyExpr, child, diags, depth);
    if (keyRaw.isNull()) {
      if (known) {
        diags.push(
          errorDiag(
            "Invalid object key",
            "Key expression in 'for' expression must not produce a null value.",
            keyExpr.range,
            e.range,
          ),
        );
      }
      known = false;
      continue;
    }
    if (!keyRaw.isKnown()) {
      known = false;
      continue;
    }
    const converted = convert(keyRaw, StringType);
    if (!converted.ok) {
      if (known) {
        diags.push(
          errorDiag(
            "Invalid object key",
            `The key expression produced an invalid result: ${converted.message}.`,
            keyExpr.range,
            e.range,
          ),
        );
      }
      known = false;
      continue;
    }
    marks.add(converted.value.marks);
    const k = converted.value.unmark().asString();
    const val = evalExpr(e.valExpr, child, diags, depth);
    if (e.group) {
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [val]);
      else g.push(val);
    } else if (vals.has(k)) {
      diags.push(
        errorDiag(
          "Duplicate object key",
          `Two different items produced the key ${goQuote(k)} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          keyExpr.range,
          e.range,
        ),
      );
      duplicate = true;
    } else {
      vals.set(k, val);
    }
  }
  if (!known || duplicate) return DynamicVal.withMarks(marks.get());
  if (e.group) for (const [k, g] of groups) vals.set(k, tupleVal(g));
  return objectVal(vals).withMarks(marks.get());
}
