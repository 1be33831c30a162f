// HCL's quoted-string syntax (hclwrite's escapeQuotedStringLit): used for string instance keys (`["a\"b"]`)
// and block labels, so that what Cairn prints parses back as the same string even when it contains HCL's
// own metacharacters.

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function hclQuotedString(s: string): string {
  return `"${hclEscapedString(s)}"`;
}

/** The escaped content of an HCL quoted string, without the quotes. */
export function hclEscapedString(s: string): string {
  let out = "";
  const chars = [...s];
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
        // `${` and `%{` start template sequences; doubling the introducer escapes them.
        out += chars[i + 1] === "{" ? c + c : c;
        break;
      default:
        if (printable.test(c)) {
          out += c;
        } else {
          const cp = c.codePointAt(0)!;
          out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
        }
    }
  }
  return out;
}

/** HCL's identifier rule (hclsyntax.ValidIdentifier): a letter or underscore, then letters, digits, `_` or `-`. */
const identifierPattern = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

export function isValidIdentifier(s: string): boolean {
  // ASCII names (nearly all) are checked by hand: the Unicode property pattern is slow to run cold, and a
  // configuration checks two names per resource.
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return identifierPattern.test(s);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) continue;
    if (i > 0 && ((c >= 48 && c <= 57) || c === 45)) continue;
    return false;
  }
  return true;
}
