// How `terraform console` prints the result of type(x): a type expression spread over lines with
// four-space indentation, `name: type,` for object attributes, as in Terraform's documentation of `type`:
//
//   tuple([
//       object({
//           foo: string,
//       }),
//   ])

import type { Type } from "../../lang/values/types.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function formatTypeForConsole(t: Type, indent = 0): string {
  const pad = "    ".repeat(indent + 1);
  const close = "    ".repeat(indent);
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
      return t.kind;
    case "dynamic":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${formatTypeForConsole(t.elem, indent)})`;
    case "tuple":
      if (t.elems.length === 0) return "tuple([])";
      return `tuple([\n${t.elems.map((e) => `${pad}${formatTypeForConsole(e, indent + 1)},\n`).join("")}${close}])`;
    case "object": {
      const names = [...t.attrs.keys()].sort();
      if (names.length === 0) return "object({})";
      const lines = names.map((n) => {
        const key = IDENT.test(n) ? n : JSON.stringify(n);
        return `${pad}${key}: ${formatTypeForConsole(t.attrs.get(n)!, indent + 1)},\n`;
      });
      return `object({\n${lines.join("")}${close}})`;
    }
  }
}
