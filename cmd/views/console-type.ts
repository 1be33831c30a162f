// How `terraform console` prints the result of type(x): a type expression spread over lines with
// four-space indentation, `name: type,` for object attributes, as in Terraform's documentation of `type`:
//
//   tuple([
//       object({
//           foo: string,
//       }),
//   ])

import type { Type } from "../../lang/values/types.js";

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
      // a collection of a structural type opens onto its own lines, as Terraform prints it
      if (t.elem.kind === "object" || t.elem.kind === "tuple") {
        return `${t.kind}(\n${pad}${formatTypeForConsole(t.elem, indent + 1)},\n${close})`;
      }
      return `${t.kind}(${formatTypeForConsole(t.elem, indent)})`;
    case "tuple":
      if (t.elems.length === 0) return "tuple([])";
      return `tuple([\n${t.elems.map((e) => `${pad}${formatTypeForConsole(e, indent + 1)},\n`).join("")}${close}])`;
    case "object": {
      const names = [...t.attrs.keys()].sort();
      if (names.length === 0) return "object({})";
      const lines = names.map((n) => {
        // Terraform prints attribute names as they are, quoted or not
        return `${pad}${n}: ${formatTypeForConsole(t.attrs.get(n)!, indent + 1)},\n`;
      });
      return `object({\n${lines.join("")}${close}})`;
    }
  }
}
