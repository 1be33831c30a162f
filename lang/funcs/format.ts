// format() and formatlist(): go-cty's printf-like language. Verbs %v %#v %t %b %d %o %x %X %e %E %f %g %G
// %s %q and %%, flags (space + - 0 #), width and precision counted in characters, explicit argument
// indexes %[2]s after which later verbs continue with the next argument.

import { convert } from "../values/convert.js";
import { valueToJSONText } from "../values/json.js";
import { BoolType, DynamicPseudoType, NumberType, StringType, listOf } from "../values/types.js";
import { Value, listVal, listValEmpty, stringVal, unknownVal } from "../values/value.js";
import { FunctionError, type FunctionSpec } from "./function.js";
import { formatFloat, formatInteger, formatShortestG, type NumberVerb } from "./gofmt.js";
import { argError, callError, goQuote, graphemes, param } from "./helpers.js";

interface Verb extends NumberVerb {
  readonly raw: string;
  readonly offset: number;
  readonly argNum: number;
}

/** Go's %q of a single rune: 'x'. */
function quoteRune(ch: string): string {
  const q = goQuote(ch);
  return `'${q.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function padWidth(verb: Verb, text: string): string {
  if (verb.width < 0) return text;
  const len = graphemes(text).length;
  if (len >= verb.width) return text;
  const pads = (verb.zero ? "0" : " ").repeat(verb.width - len);
  return verb.minus ? text + pads : pads + text;
}

function unsupported(verb: Verb, message: string): never {
  callError(`unsupported value for ${goQuote(verb.raw)} at ${verb.offset}: ${message}`);
}

function convertFor(verb: Verb, arg: Value, want: typeof StringType): Value {
  const r = convert(arg, want);
  if (!r.ok) unsupported(verb, r.message);
  return r.value;
}

function jsonOf(verb: Verb, arg: Value): string {
  const r = valueToJSONText(arg);
  return r.ok ? r.text : unsupported(verb, r.message);
}

function appendVerb(verb: Verb, args: readonly Value[]): string {
  const idx = verb.argNum - 1;
  if (idx >= args.length) {
    callError(
      `not enough arguments for ${goQuote(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  }
  const arg = args[idx]!;
  if (verb.mode !== "v" && arg.isNull()) unsupported(verb, "null value cannot be formatted");
  switch (verb.mode) {
    case "v":
      if (!verb.sharp && !arg.isNull()) {
        if (arg.type.kind === "string") return padWidth(verb, arg.asString());
        if (arg.type.kind === "number") return padWidth(verb, formatShortestG(arg.asNumber()));
      }
      return padWidth(verb, jsonOf(verb, arg));
    case "t":
      return convertFor(verb, arg, BoolType).asBool() ? "true" : "false";
    case "b":
    case "d":
    case "o":
    case "x":
    case "X": {
      const n = convertFor(verb, arg, NumberType).asNumber();
      if (!n.isFinite() || !n.isInteger()) unsupported(verb, "an integer is required");
      return formatInteger(n, verb);
    }
    case "e":
    case "E":
    case "f":
    case "g":
    case "G":
      return formatFloat(convertFor(verb, arg, NumberType).asNumber(), verb);
    case "s":
    case "q": {
      let s = convertFor(verb, arg, StringType).asString();
      if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join("");
      return padWidth(verb, verb.mode === "s" ? s : JSON.stringify(s));
    }
    default:
      return callError(`unsupported format verb ${quoteRune(verb.mode)} in ${goQuote(verb.raw)} at offset ${verb.offset}`);
  }
}

/** Byte offset of a UTF-16 index, since go-cty reports offsets in bytes. */
function byteOffset(s: string, index: number): number {
  return Buffer.byteLength(s.slice(0, index), "utf8");
}

export function formatString(format: string, args: readonly Value[]): string {
  let out = "";
  let nextArg = 1;
  let highestArg = 0;
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch !== "%") {
      out += ch;
      i++;
      continue;
    }
    const start = i;
    i++;
    if (format[i] === "%") {
      out += "%";
      i++;
      continue;
    }
    const flags = { plus: false, minus: false, space: false, zero: false, sharp: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === "+") flags.plus = true;
      else if (f === "-") flags.minus = true;
      else if (f === " ") flags.space = true;
      else if (f === "0") flags.zero = true;
      else if (f === "#") flags.sharp = true;
      else break;
    }
    let argNum = nextArg;
    if (format[i] === "[") {
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (!m) {
        if (i + 1 >= format.length) callError(`invalid format string starting at offset ${byteOffset(format, format.length)}`);
        callError(`unrecognized format character ${quoteRune(String.fromCodePoint(format.codePointAt(i + 1)!))} at offset ${byteOffset(format, i + 1)}`);
      }
      argNum = Number(m[1]);
      i += m[0].length;
    }
    let width = -1;
    const w = /^\d+/.exec(format.slice(i));
    if (w) {
      width = Number(w[0]);
      i += w[0].length;
    }
    let prec = -1;
    if (format[i] === ".") {
      const p = /^\.(\d+)/.exec(format.slice(i));
      if (!p) {
        if (i + 1 >= format.length) callError(`invalid format string starting at offset ${byteOffset(format, format.length)}`);
        callError(`unrecognized format character ${quoteRune(String.fromCodePoint(format.codePointAt(i + 1)!))} at offset ${byteOffset(format, i + 1)}`);
      }
      prec = Number(p[1]);
      i += p[0].length;
    }
    if (i >= format.length) callError(`invalid format string starting at offset ${byteOffset(format, format.length)}`);
    const mode = String.fromCodePoint(format.codePointAt(i)!);
    if (!/^[A-Za-z]$/.test(mode)) {
      callError(`unrecognized format character ${quoteRune(mode)} at offset ${byteOffset(format, i)}`);
    }
    i += mode.length;
    const verb: Verb = { ...flags, mode, width, prec, raw: format.slice(start, i), offset: byteOffset(format, start), argNum };
    if (argNum > highestArg) highestArg = argNum;
    out += appendVerb(verb, args);
    nextArg = argNum + 1;
  }
  if (highestArg < args.length) {
    // The failing argument's index counts the format string as argument 0.
    const firstBad = highestArg + 1;
    if (highestArg === 0) argError(firstBad, "too many arguments; no verbs in format string");
    argError(firstBad, `too many arguments; only ${highestArg} used by format string`);
  }
  return out;
}

const formatParam = param("format", StringType);

export const formatFunction: FunctionSpec = {
  params: [formatParam],
  varParam: param("args", DynamicPseudoType, { allowNull: true }),
  returnType: () => StringType,
  impl: (args) => {
    for (const a of args.slice(1)) if (!a.isWhollyKnown()) return unknownVal(StringType);
    return stringVal(formatString(args[0]!.asString(), args.slice(1)));
  },
};

function isSequence(v: Value): boolean {
  const k = v.type.kind;
  return (k === "list" || k === "set" || k === "tuple") && !v.isNull();
}

export const formatlistFunction: FunctionSpec = {
  params: [formatParam],
  varParam: param("args", DynamicPseudoType, { allowNull: true, allowUnknown: true }),
  returnType: () => listOf(StringType),
  impl: (args, retType) => {
    const fmt = args[0]!.asString();
    const rest = args.slice(1);
    if (rest.length === 0) return listVal([stringVal(formatString(fmt, []))]);
    let iterLen = -1;
    let lenChooser = -1;
    let anyUnknown = false;
    rest.forEach((arg, i) => {
      if (isSequence(arg)) {
        if (arg.type.kind !== "tuple" && !arg.isKnown()) {
          anyUnknown = true;
          return;
        }
        const len = arg.type.kind === "tuple" ? (arg.type.elems.length) : arg.length();
        if (iterLen === -1) {
          iterLen = len;
          lenChooser = i;
        } else if (len !== iterLen) {
          argError(i + 1, `argument ${i + 1} has length ${len}, which is inconsistent with argument ${lenChooser + 1} of length ${iterLen}`);
        }
        if (!arg.isKnown()) anyUnknown = true;
      } else if (!arg.isKnown() && arg.type.kind === "dynamic") {
        anyUnknown = true;
      }
    });
    if (anyUnknown) return unknownVal(retType);
    if (iterLen === 0) return listValEmpty(StringType);
    const n = iterLen === -1 ? 1 : iterLen;
    const out: Value[] = [];
    for (let k = 0; k < n; k++) {
      const callArgs = rest.map((a) => (isSequence(a) ? a.asElements()[k]! : a));
      if (!callArgs.every((a) => a.isWhollyKnown())) {
        out.push(unknownVal(StringType));
        continue;
      }
      try {
        out.push(stringVal(formatString(fmt, callArgs)));
      } catch (e) {
        if (e instanceof FunctionError) callError(`error on format iteration ${k}: ${e.message}`);
        throw e;
      }
    }
    return new Value(listOf(StringType), out);
  },
};
