// Terraform's format.WordWrap (over mitchellh/go-wordwrap): wrap prose at width-1 columns, leaving lines
// that start with a space unbroken (they hold literal text such as a command line).

export function wordWrap(text: string, width: number): string {
  if (width <= 1) return text;
  return text
    .split("\n")
    .map((line) => (line.startsWith(" ") ? line : wrapString(line, width - 1)))
    .join("\n");
}

const isSpace = (ch: string): boolean => /\s/u.test(ch) && ch !== "\u00a0";

/** go-wordwrap's WrapString: break at whitespace so lines are at most `limit` characters where possible. */
export function wrapString(s: string, limit: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let wordLen = 0;
  let space = "";
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === "\n") {
      if (wordLen === 0) {
        if (current + spaceLen > limit) current = 0;
        else out += space;
      } else {
        out += space + word;
      }
      space = "";
      spaceLen = 0;
      word = "";
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (isSpace(ch)) {
      if (space.length === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = "";
        spaceLen = 0;
        word = "";
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > limit && wordLen < limit) {
        out += "\n";
        current = 0;
        space = "";
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}
