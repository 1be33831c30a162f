// RE2 (Go regexp) patterns translated to JavaScript RegExp with the `u` flag, so Terraform patterns mean
// the same thing here. Constructs RE2 rejects (lookaround, backreferences) are rejected with RE2's own
// error codes, because JavaScript would silently accept them with a different meaning.

export interface TranslatedRegex {
  readonly regex: RegExp;
  /** Capture groups in order: their name, or "" for an unnamed group. */
  readonly groupNames: readonly string[];
}

/** A pattern RE2 would reject: `code` and `expr` as Go's regexp/syntax reports them. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

const jsSyntaxChars = new Set([..."^$\\.*+?()[]{}|/"]);
const posixClasses: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};
const perlSpace = "\\t\\n\\f\\r ";

function literalChar(ch: string): string {
  if (jsSyntaxChars.has(ch)) return "\\" + ch;
  if (ch === "-") return "\\-";
  return ch;
}

function codePointEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** Translates one escape sequence starting at src[i] === "\\"; returns [js, nextIndex]. */
function translateEscape(src: string, i: number, inClass: boolean): [string, number] {
  const next = src[i + 1];
  if (next === undefined) throw new RegexSyntaxError("trailing backslash at end of expression", "");
  const cp = src.codePointAt(i + 1)!;
  const nextLen = cp > 0xffff ? 2 : 1;
  switch (next) {
    case "d":
    case "D":
    case "w":
    case "W":
    case "b":
    case "B":
    case "n":
    case "t":
    case "r":
    case "f":
    case "v":
      if (inClass && (next === "b" || next === "B")) break;
      return ["\\" + next, i + 2];
    case "a":
      return ["\\x07", i + 2];
    case "s":
      return [inClass ? perlSpace : `[${perlSpace}]`, i + 2];
    case "S":
      return [inClass ? "\\S" : `[^${perlSpace}]`, i + 2];
    case "A":
      if (inClass) break;
      return ["(?<![\\s\\S])", i + 2];
    case "z":
      if (inClass) break;
      return ["(?![\\s\\S])", i + 2];
    case "x": {
      if (src[i + 2] === "{") {
        const end = src.indexOf("}", i + 3);
        const hex = end < 0 ? "" : src.slice(i + 3, end);
        if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
          throw new RegexSyntaxError("invalid escape sequence", src.slice(i, end < 0 ? src.length : end + 1));
        }
        return [codePointEscape(parseInt(hex, 16)), end + 1];
      }
      const hex = src.slice(i + 2, i + 4);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RegexSyntaxError("invalid escape sequence", src.slice(i, i + 4));
      return [codePointEscape(parseInt(hex, 16)), i + 4];
    }
    case "p":
    case "P": {
      let name: string;
      let end: number;
      if (src[i + 2] === "{") {
        end = src.indexOf("}", i + 3);
        if (end < 0) throw new RegexSyntaxError("invalid character class range", src.slice(i));
        name = src.slice(i + 3, end);
        end += 1;
      } else {
        name = src[i + 2] ?? "";
        end = i + 3;
      }
      let negate = next === "P";
      if (name.startsWith("^")) {
        negate = !negate;
        name = name.slice(1);
      }
      const js = /^(L|M|N|P|S|Z|C|[LMNPSZC][a-z]|Any)$/.test(name) ? name : `Script=${name}`;
      const body = name === "Any" ? "[\\s\\S]" : `\\${negate ? "P" : "p"}{${js}}`;
      if (name === "Any" && inClass) return ["\\s\\S", end];
      return [body, end];
    }
    case "Q": {
      const end = src.indexOf("\\E", i + 2);
      const text = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
      return [[...text].map(literalChar).join(""), end < 0 ? src.length : end + 2];
    }
  }
  if (next >= "0" && next <= "9") {
    // RE2 has no backreferences; \0-\7 start octal escapes only in the \0 form, which we translate.
    if (next === "0") {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))!;
      return [codePointEscape(parseInt(m[0], 8)), i + 1 + m[0].length];
    }
    throw new RegexSyntaxError("invalid escape sequence", src.slice(i, i + 2));
  }
  // RE2 lets any ASCII punctuation be escaped; JavaScript's `u` mode only the syntax characters.
  if (cp < 0x80 && !/[0-9A-Za-z]/.test(next)) {
    return [jsSyntaxChars.has(next) || next === "-" ? "\\" + next : codePointEscape(cp), i + 2];
  }
  throw new RegexSyntaxError("invalid escape sequence", src.slice(i, i + 1 + nextLen));
}

function translateClass(src: string, start: number): [string, number] {
  let i = start + 1;
  let out = "[";
  if (src[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "]" && !first) return [out + "]", i + 1];
    first = false;
    if (ch === "[" && src[i + 1] === ":") {
      const end = src.indexOf(":]", i + 2);
      if (end > 0) {
        let name = src.slice(i + 2, end);
        const negated = name.startsWith("^");
        if (negated) name = name.slice(1);
        const cls = posixClasses[name];
        if (cls === undefined) throw new RegexSyntaxError("invalid character class range", src.slice(i, end + 2));
        if (negated) throw new RegexSyntaxError("invalid character class range", src.slice(i, end + 2));
        out += cls;
        i = end + 2;
        continue;
      }
    }
    if (ch === "\\") {
      const [js, next] = translateEscape(src, i, true);
      out += js;
      i = next;
      continue;
    }
    const cp = src.codePointAt(i)!;
    const text = String.fromCodePoint(cp);
    out += ch === "[" || ch === "]" || ch === "/" ? "\\" + ch : ch === "-" ? "-" : text;
    i += text.length;
  }
  throw new RegexSyntaxError("missing closing ]", src.slice(start));
}

function validRepeat(src: string, i: number): number {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
  if (!m) return -1;
  const min = Number(m[1]);
  const max = m[3] ? Number(m[3]) : min;
  if (min > 1000 || max > 1000 || (m[3] && max < min)) {
    throw new RegexSyntaxError("invalid repeat count", m[0]);
  }
  return i + m[0].length;
}

export function translateRegex(pattern: string): TranslatedRegex {
  let i = 0;
  let out = "";
  let flags = "u";
  const groupNames: string[] = [];
  let depth = 0;
  let canRepeat = false;
  let lastWasRepeat = false;
  // Leading flag groups such as (?i) or (?s) become JavaScript flags; RE2 also allows them mid-pattern,
  // which JavaScript cannot express, so those are reported as unsupported.
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(pattern.slice(i));
    if (!m) break;
    for (const f of m[1]!) {
      if (f === "U") throw new RegexSyntaxError("invalid or unsupported Perl syntax", "(?U");
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const isRepeat = ch === "*" || ch === "+" || ch === "?" || (ch === "{" && validRepeat(pattern, i) > 0);
    if (isRepeat) {
      if (!canRepeat) throw new RegexSyntaxError("missing argument to repetition operator", ch);
      if (lastWasRepeat) throw new RegexSyntaxError("invalid nested repetition operator", pattern.slice(i - 1, i + 1));
      let next = ch === "{" ? validRepeat(pattern, i) : i + 1;
      let op = pattern.slice(i, next);
      if (pattern[next] === "?") {
        op += "?";
        next++;
      }
      out += op;
      i = next;
      lastWasRepeat = true;
      continue;
    }
    lastWasRepeat = false;
    switch (ch) {
      case "\\": {
        const [js, next] = translateEscape(pattern, i, false);
        out += js;
        i = next;
        canRepeat = true;
        continue;
      }
      case "[": {
        const [js, next] = translateClass(pattern, i);
        out += js;
        i = next;
        canRepeat = true;
        continue;
      }
      case "(": {
        const rest = pattern.slice(i);
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
        if (named) {
          groupNames.push(named[1]!);
          out += `(?<${named[1]}>`;
          i += named[0].length;
        } else if (rest.startsWith("(?:")) {
          out += "(?:";
          i += 3;
        } else if (rest.startsWith("(?")) {
          const m = /^\(\?[^)]*\)?/.exec(rest)!;
          throw new RegexSyntaxError(/^\(\?[imsU-]*[:)]/.test(rest) ? "invalid or unsupported Perl syntax" : "invalid or unsupported Perl syntax", m[0].slice(0, 3));
        } else {
          groupNames.push("");
          out += "(";
          i++;
        }
        depth++;
        canRepeat = false;
        continue;
      }
      case ")":
        if (depth === 0) throw new RegexSyntaxError("unexpected )", pattern);
        depth--;
        out += ")";
        i++;
        canRepeat = true;
        continue;
      case "|":
        out += "|";
        i++;
        canRepeat = false;
        continue;
      case "^":
      case "$":
        out += ch;
        i++;
        canRepeat = false;
        continue;
      case ".":
        out += flags.includes("s") ? "[\\s\\S]" : "[^\\n]";
        i++;
        canRepeat = true;
        continue;
      case "{":
      case "}":
      case "]":
      case "/":
        out += "\\" + ch;
        i++;
        canRepeat = true;
        continue;
    }
    const cp = pattern.codePointAt(i)!;
    const text = String.fromCodePoint(cp);
    out += text;
    i += text.length;
    canRepeat = true;
  }
  if (depth > 0) throw new RegexSyntaxError("missing closing )", pattern);
  const seen = new Set<string>();
  for (const n of groupNames) {
    if (n !== "" && seen.has(n)) throw new RegexSyntaxError("duplicate capture group name", n);
    seen.add(n);
  }
  try {
    return { regex: new RegExp(out, flags.replace("s", "")), groupNames };
  } catch (e) {
    throw new RegexSyntaxError("invalid or unsupported syntax", `${pattern}: ${(e as Error).message}`);
  }
}

/** Go's Regexp.Expand template language for replace(): $1, ${1}, $name, ${name}, $$. */
export function expandReplacement(template: string, match: RegExpExecArray, groupNames: readonly string[]): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch !== "$" || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    let end: number;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(inner)) {
        out += ch;
        continue;
      }
      name = inner;
      end = close + 1;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += ch;
        continue;
      }
      name = m[0];
      end = i + 1 + m[0].length;
    }
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      out += n < match.length ? (match[n] ?? "") : "";
    } else {
      const idx = groupNames.indexOf(name);
      out += idx >= 0 ? (match[idx + 1] ?? "") : "";
    }
    i = end - 1;
  }
  return out;
}
