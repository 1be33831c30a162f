// Static absolute traversals such as `aws_instance.foo[0].id` (hclsyntax's ParseTraversalAbs), used for
// `depends_on` in JSON and for `-target`: only names, attributes and literal number/string indexes.

import { rangeBetween } from "../pos.js";
import { stringVal } from "../values/value.js";
import type { Traverser } from "./ast.js";
import type { ParserBase } from "./parser-base.js";
import { parseQuotedStringLiteral } from "./parse-body.js";
import { numberLitValue } from "./parse-expr.js";

export function parseTraversalAbsTokens(p: ParserBase): Traverser[] {
  const ret: Traverser[] = [];
  const varTok = p.read();
  if (varTok.type !== "Ident") {
    p.error("Variable name required", "Must begin with a variable name.", varTok.range);
    return ret;
  }
  ret.push({ kind: "root", name: varTok.text, range: varTok.range });
  for (;;) {
    const next = p.peek();
    if (next.type === "EOF") return ret;
    if (next.type === "Dot") {
      const dot = p.read();
      const nameTok = p.read();
      if (nameTok.type !== "Ident") {
        p.error(
          "Attribute name required",
          nameTok.type === "Star" ? "Splat expressions (.*) may not be used here." : "Dot must be followed by attribute name.",
          nameTok.range,
          rangeBetween(varTok.range, nameTok.range),
        );
        return ret;
      }
      ret.push({ kind: "attr", name: nameTok.text, range: rangeBetween(dot.range, nameTok.range) });
      continue;
    }
    if (next.type === "OBrack") {
      const open = p.read();
      const keyTok = p.peek();
      const before = p.mark();
      let key;
      if (keyTok.type === "NumberLit") {
        p.read();
        key = numberLitValue(p, keyTok);
      } else if (keyTok.type === "OQuote") {
        key = stringVal(parseQuotedStringLiteral(p)[0]);
      } else {
        p.error(
          keyTok.type === "Star" ? "Attribute name required" : "Index value required",
          keyTok.type === "Star"
            ? "Splat expressions ([*]) may not be used here."
            : "Index brackets must contain either a literal number or a literal string.",
          keyTok.range,
          rangeBetween(varTok.range, keyTok.range),
        );
        return ret;
      }
      const close = p.read();
      if (close.type !== "CBrack") {
        p.error("Unclosed index brackets", "Index key must be followed by a closing bracket.", close.range, rangeBetween(open.range, close.range));
      }
      ret.push({ kind: "index", key, range: rangeBetween(open.range, close.range) });
      if (p.failedSince(before)) return ret;
      continue;
    }
    p.error("Invalid character", "Expected an attribute access or an index operator.", next.range, rangeBetween(varTok.range, next.range));
    return ret;
  }
}
