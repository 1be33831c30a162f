// Terraform's type system (go-cty): primitive, collection, structural types and the dynamic pseudo-type
// (written `any` in type constraints). Types are plain immutable objects; compare them with typeEquals.

export type PrimitiveKind = "string" | "number" | "bool";

export interface PrimitiveType {
  readonly kind: PrimitiveKind;
}
/** The dynamic pseudo-type: "any type", or "type not known yet" for unknown values. */
export interface DynamicType {
  readonly kind: "dynamic";
}
export interface ListType {
  readonly kind: "list";
  readonly elem: Type;
}
export interface SetType {
  readonly kind: "set";
  readonly elem: Type;
}
export interface MapType {
  readonly kind: "map";
  readonly elem: Type;
}
export interface TupleType {
  readonly kind: "tuple";
  readonly elems: readonly Type[];
}
export interface ObjectType {
  readonly kind: "object";
  readonly attrs: ReadonlyMap<string, Type>;
  /** Attributes declared with optional(...) in a type constraint; only meaningful for conversion targets. */
  readonly optional?: ReadonlySet<string>;
  /** Defaults given as optional(T, default); only meaningful for conversion targets. */
  readonly defaults?: ReadonlyMap<string, unknown>;
}

export type CollectionType = ListType | SetType | MapType;
export type Type = PrimitiveType | DynamicType | CollectionType | TupleType | ObjectType;

export const StringType: PrimitiveType = Object.freeze({ kind: "string" });
export const NumberType: PrimitiveType = Object.freeze({ kind: "number" });
export const BoolType: PrimitiveType = Object.freeze({ kind: "bool" });
export const DynamicPseudoType: DynamicType = Object.freeze({ kind: "dynamic" });

export const listOf = (elem: Type): ListType => ({ kind: "list", elem });
export const setOf = (elem: Type): SetType => ({ kind: "set", elem });
export const mapOf = (elem: Type): MapType => ({ kind: "map", elem });
export const tupleOf = (elems: readonly Type[]): TupleType => ({ kind: "tuple", elems });
export const objectOf = (attrs: ReadonlyMap<string, Type> | Record<string, Type>): ObjectType => ({
  kind: "object",
  attrs: attrs instanceof Map ? attrs : new Map(Object.entries(attrs)),
});

export const EmptyObjectType: ObjectType = Object.freeze({ kind: "object", attrs: new Map() }) as ObjectType;
export const EmptyTupleType: TupleType = Object.freeze({ kind: "tuple", elems: Object.freeze([]) }) as TupleType;

export function isPrimitive(t: Type): t is PrimitiveType {
  return t.kind === "string" || t.kind === "number" || t.kind === "bool";
}

/** Exact type equality (optional-attribute annotations are ignored). */
export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "list":
    case "set":
    case "map":
      return typeEquals(a.elem, (b as CollectionType).elem);
    case "tuple": {
      const be = (b as TupleType).elems;
      if (a.elems.length !== be.length) return false;
      for (let i = 0; i < be.length; i++) if (!typeEquals(a.elems[i]!, be[i]!)) return false;
      return true;
    }
    case "object": {
      const ba = (b as ObjectType).attrs;
      if (a.attrs.size !== ba.size) return false;
      // forEach over for-of, as rawEquals does (values/value.ts).
      let equal = true;
      a.attrs.forEach((t, k) => {
        if (!equal) return;
        const o = ba.get(k);
        if (o === undefined || !typeEquals(t, o)) equal = false;
      });
      return equal;
    }
    default:
      return true;
  }
}

/** True when the type contains the dynamic pseudo-type anywhere (it is not fully known). */
export function hasDynamicTypes(t: Type): boolean {
  switch (t.kind) {
    case "dynamic":
      return true;
    case "list":
    case "set":
    case "map":
      return hasDynamicTypes(t.elem);
    case "tuple":
      return t.elems.some(hasDynamicTypes);
    case "object":
      for (const a of t.attrs.values()) if (hasDynamicTypes(a)) return true;
      return false;
    default:
      return false;
  }
}

/** Terraform's type-constraint syntax for a type: `list(string)`, `object({a=number})`, `any`. */
export function typeString(t: Type): string {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
      return t.kind;
    case "dynamic":
      return "any";
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${typeString(t.elem)})`;
    case "tuple":
      return `tuple([${t.elems.map(typeString).join(", ")}])`;
    case "object": {
      const parts = [...t.attrs.keys()].sort().map((k) => `${k}=${typeString(t.attrs.get(k)!)}`);
      return `object({${parts.join(", ")}})`;
    }
  }
}

/** The short phrase Terraform uses in error messages: "string", "list of string", "object", "tuple". */
export function friendlyTypeName(t: Type): string {
  switch (t.kind) {
    case "dynamic":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.kind} of ${friendlyTypeName(t.elem)}`;
    case "tuple":
      return "tuple";
    case "object":
      return "object";
    default:
      return t.kind;
  }
}

/** cty's FriendlyNameForConstraint: like friendlyTypeName, but `any` reads "any type" / "any single type". */
export function friendlyNameForConstraint(t: Type): string {
  switch (t.kind) {
    case "dynamic":
      return "any type";
    case "list":
    case "set":
    case "map":
      return `${t.kind} of ${t.elem.kind === "dynamic" ? "any single type" : friendlyNameForConstraint(t.elem)}`;
    default:
      return friendlyTypeName(t);
  }
}

/** Whether the object type declares the attribute optional (optional(...) in a type constraint). */
export function isOptionalAttr(t: ObjectType, name: string): boolean {
  return t.optional !== undefined && t.optional.has(name);
}

/** An object type with optional attributes and defaults, as typeexpr builds for `optional(T, default)`. */
export function objectWithOptional(
  attrs: ReadonlyMap<string, Type> | Record<string, Type>,
  optional: Iterable<string>,
  defaults?: ReadonlyMap<string, unknown>,
): ObjectType {
  const base = objectOf(attrs);
  const opt = new Set(optional);
  if (opt.size === 0 && (defaults === undefined || defaults.size === 0)) return base;
  return { kind: "object", attrs: base.attrs, optional: opt, ...(defaults && defaults.size > 0 ? { defaults } : {}) };
}

/**
 * The type with every optional-attribute annotation and default removed, at any depth: what a converted
 * value's type is (cty's WithoutOptionalAttributesDeep). Returns the same object when nothing changes.
 */
export function withoutOptionalAttributesDeep(t: Type): Type {
  switch (t.kind) {
    case "list":
    case "set":
    case "map": {
      const e = withoutOptionalAttributesDeep(t.elem);
      return e === t.elem ? t : { kind: t.kind, elem: e };
    }
    case "tuple": {
      let changed = false;
      const elems = t.elems.map((e) => {
        const n = withoutOptionalAttributesDeep(e);
        if (n !== e) changed = true;
        return n;
      });
      return changed ? { kind: "tuple", elems } : t;
    }
    case "object": {
      let changed = t.optional !== undefined || t.defaults !== undefined;
      const attrs = new Map<string, Type>();
      for (const [k, a] of t.attrs) {
        const n = withoutOptionalAttributesDeep(a);
        if (n !== a) changed = true;
        attrs.set(k, n);
      }
      return changed ? { kind: "object", attrs } : t;
    }
    default:
      return t;
  }
}

/** True when the type carries optional attributes or defaults anywhere (conversion has work to do). */
export function hasOptionalAttributesDeep(t: Type): boolean {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return hasOptionalAttributesDeep(t.elem);
    case "tuple":
      return t.elems.some(hasOptionalAttributesDeep);
    case "object":
      if ((t.optional !== undefined && t.optional.size > 0) || (t.defaults !== undefined && t.defaults.size > 0)) return true;
      for (const a of t.attrs.values()) if (hasOptionalAttributesDeep(a)) return true;
      return false;
    default:
      return false;
  }
}

/**
 * cty's TestConformance: does `given` fit `want`, where the dynamic pseudo-type in `want` matches anything?
 * Returns undefined when it conforms, else the first problem found.
 */
export function typeConformanceError(given: Type, want: Type): string | undefined {
  if (want.kind === "dynamic" || typeEquals(given, want)) return undefined;
  if (given.kind === "object" && want.kind === "object") {
    for (const k of [...given.attrs.keys()].sort()) if (!want.attrs.has(k)) return `unsupported attribute "${k}"`;
    for (const k of [...want.attrs.keys()].sort()) if (!given.attrs.has(k)) return `missing required attribute "${k}"`;
    for (const [k, w] of want.attrs) {
      const e = typeConformanceError(given.attrs.get(k)!, w);
      if (e !== undefined) return e;
    }
    return undefined;
  }
  if (given.kind === "tuple" && want.kind === "tuple") {
    if (given.elems.length !== want.elems.length)
      return `${want.elems.length} elements are required, but got ${given.elems.length}`;
    for (let i = 0; i < want.elems.length; i++) {
      const e = typeConformanceError(given.elems[i]!, want.elems[i]!);
      if (e !== undefined) return e;
    }
    return undefined;
  }
  if ((given.kind === "list" || given.kind === "set" || given.kind === "map") && given.kind === want.kind) {
    return typeConformanceError(given.elem, (want as CollectionType).elem);
  }
  return `${friendlyTypeName(want)} required, but received ${friendlyTypeName(given)}`;
}
