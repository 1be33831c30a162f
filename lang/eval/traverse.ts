// Attribute access, indexing and traversals with HCL's exact semantics and messages (hcl's ops.go and
// traversal.go): `a.b` on objects and maps, `a[k]` on lists, tuples, maps and objects with HCL's key
// conversions, the legacy `a.0` form (an index step), and root-name lookup with "Did you mean".

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { goQuote } from "../funcs/helpers.js";
import type { Range } from "../pos.js";
import { didYouMean } from "../suggest.js";
import type { Traversal } from "../syntax/ast.js";
import { convert } from "../values/convert.js";
import type { BigFloat } from "../values/bigfloat.js";
import { NumberType, StringType, friendlyTypeName, type Type } from "../values/types.js";
import { DynamicVal, UNKNOWN, Value, unknownVal } from "../values/value.js";
import { lookupVariable, variablesAllowed, visibleVariableNames, type EvalContext } from "./context.js";

const invalidIndex = "Invalid index";
const notAnElement = "The given key does not identify an element in this collection value";

function elementType(t: Type): Type {
  return t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.elem : DynamicVal.type;
}

/** `collection[key]`: hcl.Index. Problems are pushed to diags and yield DynamicVal. */
export function indexValue(collection: Value, key: Value, subject: Range, diags: Diagnostic[]): Value {
  if (collection.isNull()) {
    diags.push(errorDiag("Attempt to index null value", "This value is null, so it does not have any indices.", subject));
    return DynamicVal;
  }
  if (key.isNull()) {
    diags.push(errorDiag(invalidIndex, "Can't use a null value as an indexing key.", subject));
    return DynamicVal;
  }
  const ty = collection.type;
  if (ty.kind === "dynamic" || key.type.kind === "dynamic") return DynamicVal;

  switch (ty.kind) {
    case "list":
    case "tuple":
    case "map": {
      const converted = convert(key, ty.kind === "map" ? StringType : NumberType);
      if (!converted.ok) {
        diags.push(errorDiag(invalidIndex, `${notAnElement}: ${converted.message}.`, subject));
        return DynamicVal;
      }
      const coll = collection.unmark();
      const k = converted.value.unmark();
      const marks = [collection.marks, converted.value.marks];
      if (!coll.isKnown() || !k.isKnown()) {
        return (ty.kind === "tuple" ? DynamicVal : unknownVal(elementType(ty))).withMarks(union(marks));
      }
      if (ty.kind === "map") {
        const found = coll.asEntries().get(k.asString());
        if (found === undefined) {
          diags.push(errorDiag(invalidIndex, `${notAnElement}.`, subject));
          return DynamicVal;
        }
        return found.withMarks(union(marks));
      }
      const elems = coll.asElements();
      const n = k.asNumber();
      if (!n.isInteger()) {
        diags.push(
          errorDiag(
            invalidIndex,
            `${notAnElement}: indexing a sequence requires a whole number, but the given index has a fractional part.`,
            subject,
          ),
        );
        return DynamicVal;
      }
      if (n.isNegative() && !n.isZero()) {
        diags.push(errorDiag(invalidIndex, `${notAnElement}: a negative number is not a valid index for a sequence.`, subject));
        return DynamicVal;
      }
      if (n.gte(elems.length)) {
        const why =
          elems.length === 0
            ? "the collection has no elements"
            : "the given index is greater than or equal to the length of the collection";
        diags.push(errorDiag(invalidIndex, `${notAnElement}: ${why}.`, subject));
        return DynamicVal;
      }
      return elems[(n as BigFloat).toNumber()]!.withMarks(union(marks));
    }
    case "object": {
      const wasNumber = key.type.kind === "number";
      const converted = convert(key, StringType);
      if (!converted.ok) {
        diags.push(errorDiag(invalidIndex, `${notAnElement}: ${converted.message}.`, subject));
        return DynamicVal;
      }
      if (!collection.isKnown() || !converted.value.isKnown()) return DynamicVal;
      const name = converted.value.unmark().asString();
      if (!ty.attrs.has(name)) {
        const hint = wasNumber ? " An object only supports looking up attributes by name, not by numeric index." : "";
        diags.push(errorDiag(invalidIndex, `${notAnElement}.${hint}`, subject));
        return DynamicVal;
      }
      // As go-cty: the object's marks carry over to the attribute; the key's marks are dropped.
      return collection.unmark().asEntries().get(name)!.withMarks(collection.marks);
    }
    case "set":
      diags.push(
        errorDiag(
          invalidIndex,
          "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
          subject,
        ),
      );
      return DynamicVal;
    default:
      diags.push(errorDiag(invalidIndex, "This value does not have any indices.", subject));
      return DynamicVal;
  }
}

/** `obj.name`: hcl.GetAttr. */
export function getAttr(obj: Value, name: string, subject: Range, diags: Diagnostic[]): Value {
  if (obj.isNull()) {
    diags.push(
      errorDiag("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", subject),
    );
    return DynamicVal;
  }
  const ty = obj.type;
  const unsupported = "Unsupported attribute";
  switch (ty.kind) {
    case "object": {
      const at = ty.attrs.get(name);
      if (at === undefined) {
        diags.push(errorDiag(unsupported, `This object does not have an attribute named ${goQuote(name)}.`, subject));
        return DynamicVal;
      }
      // HCL returns a bare unknown here; keeping the object's marks means an unknown sensitive object's
      // attributes stay sensitive.
      if (obj.raw === UNKNOWN) return unknownVal(at).withMarks(obj.marks);
      return obj.unmark().asEntries().get(name)!.withMarks(obj.marks);
    }
    case "map": {
      if (obj.raw === UNKNOWN) return unknownVal(ty.elem).withMarks(obj.marks);
      const found = obj.unmark().asEntries().get(name);
      if (found === undefined) {
        diags.push(errorDiag("Missing map element", `This map does not have an element with the key ${goQuote(name)}.`, subject));
        return DynamicVal;
      }
      return found.withMarks(obj.marks);
    }
    case "dynamic":
      return DynamicVal;
    case "list":
      if (ty.elem.kind === "object") {
        const detail = ty.elem.attrs.has(name)
          ? `Can't access attributes on a list of objects. Did you mean to access attribute ${goQuote(name)} for a specific element of the list, or across all elements of the list?`
          : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?";
        diags.push(errorDiag(unsupported, detail, subject));
        return DynamicVal;
      }
      break;
    case "set":
      if (ty.elem.kind === "object") {
        diags.push(
          errorDiag(
            unsupported,
            "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?",
            subject,
          ),
        );
        return DynamicVal;
      }
      break;
    case "string":
    case "number":
    case "bool":
      diags.push(
        errorDiag(unsupported, `Can't access attributes on a primitive-typed value (${friendlyTypeName(ty)}).`, subject),
      );
      return DynamicVal;
    default:
      break;
  }
  diags.push(errorDiag(unsupported, "This value does not have any attributes.", subject));
  return DynamicVal;
}

/** Applies relative steps (skipping a leading root step), stopping at the first error as HCL does. */
export function traverseRel(val: Value, traversal: Traversal, from: number, diags: Diagnostic[]): Value {
  let current = val;
  for (let i = from; i < traversal.length; i++) {
    const step = traversal[i]!;
    const before = diags.length;
    if (step.kind === "attr") current = getAttr(current, step.name, step.range, diags);
    else if (step.kind === "index") current = indexValue(current, step.key, step.range, diags);
    else continue; // a root step inside a relative traversal would be a parser bug; ignore it
    if (hasErrorSince(diags, before)) return DynamicVal;
  }
  return current;
}

/** An absolute traversal `name.a[0]` looked up in the scope chain (hcl.Traversal.TraverseAbs). */
export function traverseAbs(traversal: Traversal, ctx: EvalContext | undefined, diags: Diagnostic[]): Value {
  const root = traversal[0];
  if (root === undefined || root.kind !== "root") return traverseRel(DynamicVal, traversal, 0, diags);
  const val = lookupVariable(ctx, root.name);
  if (val !== undefined) return traverseRel(val, traversal, 1, diags);
  if (!variablesAllowed(ctx)) {
    diags.push(errorDiag("Variables not allowed", "Variables may not be used here.", root.range));
    return DynamicVal;
  }
  const suggestion = didYouMean(root.name, visibleVariableNames(ctx));
  diags.push(errorDiag("Unknown variable", `There is no variable named ${goQuote(root.name)}.${suggestion}`, root.range));
  return DynamicVal;
}

export function hasErrorSince(diags: readonly Diagnostic[], from: number): boolean {
  for (let i = from; i < diags.length; i++) if (diags[i]!.severity === "error") return true;
  return false;
}

function union(marks: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  let out: Set<string> | undefined;
  let only: ReadonlySet<string> | undefined;
  for (const m of marks) {
    if (m.size === 0) continue;
    if (only === undefined) {
      only = m;
      continue;
    }
    out ??= new Set(only);
    for (const x of m) out.add(x);
  }
  return out ?? only ?? emptyMarks;
}
const emptyMarks: ReadonlySet<string> = new Set();

export { goQuote };
