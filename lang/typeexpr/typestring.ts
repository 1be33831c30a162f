// Printing a type in type-constraint syntax (HCL's typeexpr.TypeString), as Terraform shows types in
// messages and `type()` output: `list(string)`, `object({name=string,port=optional(number)})`.

import { compareStrings } from "../values/compare.js";
import { goQuote } from "../values/set.js";
import { isOptionalAttr, type Type } from "../values/types.js";

const identifier = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]*$/u;

export function typeConstraintString(t: Type, depth = 0): string {
  if (depth > 1000) return "...";
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
      return `${t.kind}(${typeConstraintString(t.elem, depth + 1)})`;
    case "tuple":
      return `tuple([${t.elems.map((e) => typeConstraintString(e, depth + 1)).join(",")}])`;
    case "object": {
      const parts = [...t.attrs.keys()].sort(compareStrings).map((name) => {
        const key = identifier.test(name) ? name : goQuote(name);
        const inner = typeConstraintString(t.attrs.get(name)!, depth + 1);
        return `${key}=${isOptionalAttr(t, name) ? `optional(${inner})` : inner}`;
      });
      return `object({${parts.join(",")}})`;
    }
  }
}
