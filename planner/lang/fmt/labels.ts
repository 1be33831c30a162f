// Block labels in their idiomatic quoted form (hclwrite's escapeQuotedStringLit): the decoded label value
// re-escaped so that it reads back as the same string.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function quoteLabel(value: string): string {
  let out = "";
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    switch (c) {
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "$":
      case "%":
        // `${` and `%{` would start a template sequence: double the introducer.
        out += chars[i + 1] === "{" ? c + c : c;
        break;
      default:
        if (PRINTABLE.test(c)) out += c;
        else {
          const cp = c.codePointAt(0)!;
          out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
        }
    }
  }
  return out;
}
