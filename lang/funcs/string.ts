// String functions (templatestring lives in template.ts, format/formatlist in format.ts).
// Lengths and offsets count characters as go-cty does: grapheme clusters, not bytes or UTF-16 units.

import { compareStrings } from "../values/compare.js";
import { BoolType, NumberType, StringType, listOf, objectOf, tupleOf, type Type } from "../values/types.js";
import { Value, boolVal, listValEmpty, nullVal, objectVal, stringVal, tupleVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, graphemes, param, staticSpec, stringList, wholeNumber } from "./helpers.js";
import { expandReplacement, RegexSyntaxError, translateRegex, type TranslatedRegex } from "./regex.js";
import { formatFunction, formatlistFunction } from "./format.js";

const str = param("str", StringType, { allowDynamicType: true });

function strToStr(fn: (s: string) => string): FunctionSpec {
  return staticSpec([str], StringType, (args) => stringVal(fn(args[0]!.asString())));
}

function twoStrings(second: string, ret: Type, fn: (a: string, b: string) => Value): FunctionSpec {
  return staticSpec([param("str", StringType), param(second, StringType)], ret, (args) =>
    fn(args[0]!.asString(), args[1]!.asString()),
  );
}

/** Go's unicode.IsSpace. */
const goSpace = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const trimSpaceRe = new RegExp(`^[${goSpace}]+|[${goSpace}]+$`, "gu");

/** Go's strings.Title: title-case every rune that follows a separator (Go's isSeparator rules). */
function title(s: string): string {
  let out = "";
  let prev = " ";
  for (const ch of s) {
    out += isSeparator(prev) ? titleCase(ch) : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  if (ch.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

function titleCase(ch: string): string {
  // Title case differs from upper case only for a few digraphs (ǆ -> ǅ); cover those explicitly.
  const digraphs: Record<string, string> = { "ǆ": "ǅ", "Ǆ": "ǅ", "ǉ": "ǈ", "Ǉ": "ǈ", "ǌ": "ǋ", "Ǌ": "ǋ", "ǳ": "ǲ", "Ǳ": "ǲ" };
  const d = digraphs[ch];
  if (d) return d;
  const up = ch.toUpperCase();
  return [...up].length === 1 ? up : ch;
}

/** Go's strings.ToUpper/ToLower map rune by rune, never changing the number of runes (no "ß" -> "SS"). */
function mapRunes(s: string, fn: (ch: string) => string): string {
  let out = "";
  for (const ch of s) {
    const m = fn(ch);
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

function trimCutset(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && cut.has(chars[a]!)) a++;
  while (b > a && cut.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join("");
}

const substr: FunctionSpec = staticSpec(
  [str, param("offset", NumberType, { allowDynamicType: true }), param("length", NumberType, { allowDynamicType: true })],
  StringType,
  (args) => {
    const chars = graphemes(args[0]!.asString());
    let offset = wholeNumber(args[1]!, 1);
    const length = wholeNumber(args[2]!, 2);
    if (offset < 0) offset += chars.length;
    else if (length === 0) return stringVal("");
    if (offset < 0) offset = 0;
    if (offset >= chars.length) return stringVal("");
    const rest = chars.slice(offset);
    return stringVal((length < 0 ? rest : rest.slice(0, length)).join(""));
  },
);

const join: FunctionSpec = {
  params: [param("separator", StringType)],
  varParam: param("lists", listOf(StringType)),
  returnType: () => StringType,
  impl: (args) => {
    const lists = args.slice(1);
    if (lists.length === 0) callError("at least one list is required");
    for (const l of lists) if (!l.isWhollyKnown()) return unknownVal(StringType);
    const items: string[] = [];
    lists.forEach((list, ai) => {
      list.asElements().forEach((e, ei) => {
        if (e.isNull()) {
          argError(
            ai + 1,
            lists.length > 1
              ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
              : `element ${ei} is null; cannot concatenate null values`,
          );
        }
        items.push(e.asString());
      });
    });
    return stringVal(items.join(args[0]!.asString()));
  },
};

function compilePattern(pattern: string): TranslatedRegex {
  try {
    return translateRegex(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) argError(0, `invalid regexp pattern: ${e.code} in ${e.expr}`);
    throw e;
  }
}

/** go-cty's result shape: no groups -> string, unnamed groups -> tuple, named groups -> object. */
function regexResultType(re: TranslatedRegex): Type {
  const named = re.groupNames.filter((n) => n !== "");
  const unnamed = re.groupNames.length - named.length;
  if (re.groupNames.length === 0) return StringType;
  if (unnamed > 0 && named.length > 0) {
    argError(0, "invalid regexp pattern: cannot mix both named and unnamed capture groups");
  }
  if (unnamed > 0) return tupleOf(re.groupNames.map(() => StringType));
  return objectOf(new Map(named.map((n) => [n, StringType] as [string, Type])));
}

function regexMatchValue(re: TranslatedRegex, m: RegExpExecArray, ret: Type): Value {
  const group = (i: number): Value => (m[i] === undefined ? nullVal(StringType) : stringVal(m[i]!));
  if (ret.kind === "string") return stringVal(m[0]);
  if (ret.kind === "tuple") return tupleVal(re.groupNames.map((_, i) => group(i + 1)));
  const entries = new Map<string, Value>();
  re.groupNames.forEach((n, i) => entries.set(n, group(i + 1)));
  return objectVal(entries);
}

/** Width in UTF-16 units of the code point at i (Go advances by a rune; 0 at the end of the string). */
function runeWidth(s: string, i: number): number {
  if (i >= s.length) return 0;
  return (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

function globalClone(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
}

/** Go's Regexp.FindAll iteration: an empty match right after the previous match is not a match. */
function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const g = globalClone(re);
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    g.lastIndex = pos;
    const m = g.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += Math.max(runeWidth(s, pos), 1);
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.ReplaceAllString iteration: no replacement for an empty match right after another match. */
function replaceAllMatches(re: RegExp, s: string, replacement: (m: RegExpExecArray) => string): string {
  const g = globalClone(re);
  let out = "";
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    g.lastIndex = pos;
    const m = g.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    out += s.slice(lastEnd, m.index);
    if (end > lastEnd || m.index === 0) out += replacement(m);
    lastEnd = end;
    const width = runeWidth(s, pos);
    if (pos + width > end) pos += width;
    else if (pos + 1 > end) pos++;
    else pos = end;
  }
  return out + s.slice(lastEnd);
}

const patternParams = [param("pattern", StringType), param("string", StringType)];

const regex: FunctionSpec = {
  params: patternParams,
  returnType: (args) => (args[0]!.isKnown() ? regexResultType(compilePattern(args[0]!.asString())) : { kind: "dynamic" }),
  impl: (args, ret) => {
    if (ret.kind === "dynamic") return unknownVal(ret);
    const re = compilePattern(args[0]!.asString());
    const m = re.regex.exec(args[1]!.asString());
    if (!m) callError("pattern did not match any part of the given string");
    return regexMatchValue(re, m, ret);
  },
};

const regexall: FunctionSpec = {
  params: patternParams,
  returnType: (args) =>
    listOf(args[0]!.isKnown() ? regexResultType(compilePattern(args[0]!.asString())) : { kind: "dynamic" }),
  impl: (args, ret) => {
    const ety = (ret as { elem: Type }).elem;
    if (ety.kind === "dynamic") return unknownVal(ret);
    const re = compilePattern(args[0]!.asString());
    const matches = allMatches(re.regex, args[1]!.asString());
    if (matches.length === 0) return listValEmpty(ety);
    return new Value(ret, matches.map((m) => regexMatchValue(re, m, ety)));
  },
};

const replace: FunctionSpec = staticSpec(
  [param("str", StringType), param("substr", StringType), param("replace", StringType)],
  StringType,
  (args) => {
    const s = args[0]!.asString();
    const sub = args[1]!.asString();
    const rep = args[2]!.asString();
    if (sub.length > 1 && sub.startsWith("/") && sub.endsWith("/")) {
      let re: TranslatedRegex;
      try {
        re = translateRegex(sub.slice(1, -1));
      } catch (e) {
        if (e instanceof RegexSyntaxError) callError(e.message);
        throw e;
      }
      return stringVal(replaceAllMatches(re.regex, s, (m) => expandReplacement(rep, m, re.groupNames)));
    }
    // strings.Replace: an empty substring matches at the start and after every code point
    if (sub === "") return stringVal(rep + [...s].map((c) => c + rep).join(""));
    return stringVal(s.split(sub).join(rep));
  },
);

const sortFn: FunctionSpec = staticSpec([param("list", listOf(StringType))], listOf(StringType), (args, ret) => {
  const list = args[0]!;
  if (!list.isWhollyKnown()) return unknownVal(ret);
  const items = list.asElements().map((e, i) => {
    if (e.isNull()) callError(`given list element ${i} is null; a null string cannot be sorted`);
    return e.asString();
  });
  return stringList(items.sort(compareStrings));
});

export const stringFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["chomp", staticSpec([param("str", StringType)], StringType, (a) => stringVal(a[0]!.asString().replace(/(?:\r\n?|\n)*$/, "")))],
  ["endswith", twoStrings("suffix", BoolType, (s, x) => boolVal(s.endsWith(x)))],
  ["startswith", twoStrings("prefix", BoolType, (s, x) => boolVal(s.startsWith(x)))],
  ["strcontains", twoStrings("substr", BoolType, (s, x) => boolVal(s.includes(x)))],
  ["format", formatFunction],
  ["formatlist", formatlistFunction],
  [
    "indent",
    staticSpec([param("spaces", NumberType), param("str", StringType)], StringType, (a) => {
      const n = wholeNumber(a[0]!, 0);
      if (n < 0) callError("count is negative");
      return stringVal(a[1]!.asString().split("\n").join("\n" + " ".repeat(n)));
    }),
  ],
  ["join", join],
  // Go's unicode.ToLower maps İ (U+0130) to a plain i, where JavaScript gives i + combining dot
  ["lower", strToStr((s) => mapRunes(s, (c) => (c === "\u0130" ? "i" : c.toLowerCase())))],
  ["upper", strToStr((s) => mapRunes(s, (c) => c.toUpperCase()))],
  ["regex", regex],
  ["regexall", regexall],
  ["replace", replace],
  [
    "split",
    staticSpec([param("separator", StringType), param("str", StringType)], listOf(StringType), (a) => {
      const sep = a[0]!.asString();
      const s = a[1]!.asString();
      // Go's strings.Split with an empty separator splits after each UTF-8 sequence (code point).
      return stringList(sep === "" ? [...s] : s.split(sep));
    }),
  ],
  ["sort", sortFn],
  ["strrev", strToStr((s) => graphemes(s).reverse().join(""))],
  ["substr", substr],
  ["title", staticSpec([param("str", StringType)], StringType, (a) => stringVal(title(a[0]!.asString())))],
  ["trim", staticSpec([param("str", StringType), param("cutset", StringType)], StringType, (a) => stringVal(trimCutset(a[0]!.asString(), a[1]!.asString())))],
  [
    "trimprefix",
    staticSpec([param("str", StringType), param("prefix", StringType)], StringType, (a) => {
      const s = a[0]!.asString();
      const p = a[1]!.asString();
      return stringVal(s.startsWith(p) ? s.slice(p.length) : s);
    }),
  ],
  [
    "trimsuffix",
    staticSpec([param("str", StringType), param("suffix", StringType)], StringType, (a) => {
      const s = a[0]!.asString();
      const p = a[1]!.asString();
      return stringVal(p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
    }),
  ],
  ["trimspace", staticSpec([param("str", StringType)], StringType, (a) => stringVal(a[0]!.asString().replace(trimSpaceRe, "")))],
]);
