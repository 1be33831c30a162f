// The message for a value whose type cannot convert to the wanted type at all (cty's MismatchMessage):
// "string required", "attribute \"name\" is required", "element 0: number required", ...

import { canConvert } from "./convert.js";
import { compareStrings } from "./compare.js";
import { friendlyNameForConstraint, isOptionalAttr, typeEquals, type ObjectType, type Type } from "./types.js";

export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === "object" && want.kind === "object") return mismatchObjects(got, want);
  if (got.kind === "tuple" && want.kind === "list" && want.elem.kind === "dynamic") {
    return "all list elements must have the same type";
  }
  if (got.kind === "tuple" && want.kind === "set" && want.elem.kind === "dynamic") {
    return "all set elements must have the same type";
  }
  if (got.kind === "object" && want.kind === "map" && want.elem.kind === "dynamic") {
    return "all map elements must have the same type";
  }
  const wantCollection = want.kind === "list" || want.kind === "set" || want.kind === "map";
  if ((got.kind === "tuple" || got.kind === "object") && wantCollection) return mismatchFromStructural(got, want);
  if ((got.kind === "list" || got.kind === "set" || got.kind === "map") && wantCollection) {
    return mismatchFromCollection(got, want);
  }
  return friendlyNameForConstraint(want) + " required";
}

function mismatchObjects(got: ObjectType, want: ObjectType): string {
  const missing: string[] = [];
  let unsafeMismatch = "";
  let safeMismatch = "";
  for (const name of [...want.attrs.keys()].sort(compareStrings)) {
    const wantAty = want.attrs.get(name)!;
    const gotAty = got.attrs.get(name);
    if (gotAty === undefined) {
      if (!isOptionalAttr(want, name)) missing.push(name);
      continue;
    }
    if (typeEquals(gotAty, wantAty)) continue;
    if (unsafeMismatch !== "") continue;
    if (!canConvert(gotAty, wantAty, true)) {
      unsafeMismatch = `attribute "${name}": ${mismatchMessage(gotAty, wantAty)}`;
    }
    if (safeMismatch !== "") continue;
    if (!canConvert(gotAty, wantAty, false)) {
      safeMismatch = `attribute "${name}": ${mismatchMessage(gotAty, wantAty)}`;
    }
  }
  if (missing.length === 1) return `attribute "${missing[0]}" is required`;
  if (missing.length === 2) return `attributes "${missing[0]}" and "${missing[1]}" are required`;
  if (missing.length > 2) {
    const head = missing.slice(0, -1).map((n) => `"${n}", `).join("");
    return `attributes ${head}and "${missing[missing.length - 1]}" are required`;
  }
  if (unsafeMismatch !== "") return unsafeMismatch;
  if (safeMismatch !== "") return safeMismatch;
  return "incorrect object attributes";
}

function mismatchFromStructural(got: Type, want: Type & { elem: Type }): string {
  if ((want.kind === "list" || want.kind === "set") && got.kind !== "tuple") {
    return friendlyNameForConstraint(want) + " required";
  }
  if (want.kind === "map" && got.kind !== "object") return friendlyNameForConstraint(want) + " required";
  const wantEty = want.elem;
  if (got.kind === "tuple") {
    for (let i = 0; i < got.elems.length; i++) {
      const g = got.elems[i]!;
      if (typeEquals(g, wantEty) || canConvert(g, wantEty, true)) continue;
      return `element ${i}: ${mismatchMessage(g, wantEty)}`;
    }
  } else if (got.kind === "object") {
    for (const name of [...got.attrs.keys()].sort(compareStrings)) {
      const g = got.attrs.get(name)!;
      if (typeEquals(g, wantEty) || canConvert(g, wantEty, true)) continue;
      return `element "${name}": ${mismatchMessage(g, wantEty)}`;
    }
  }
  return `all elements must be ${friendlyNameForConstraint(wantEty)}`;
}

function mismatchFromCollection(got: Type & { elem: Type }, want: Type & { elem: Type }): string {
  if ((want.kind === "list" || want.kind === "set") && got.kind === "map") {
    return friendlyNameForConstraint(want) + " required";
  }
  if (want.kind === "map" && got.kind !== "map") return friendlyNameForConstraint(want) + " required";
  const noun = `${want.kind} element type`;
  return `incorrect ${noun}: ${mismatchMessage(got.elem, want.elem)}`;
}
