// Small building blocks shared by the function families: parameter and spec builders, argument accessors
// that raise Terraform's messages, and Go-style quoting (Terraform's messages quote with Go's %q).

import type { BigFloat } from "../values/bigfloat.js";
import { bigFloatFrom } from "../values/bigfloat.js";
import type { Type } from "../values/types.js";
import { Value, listVal, listValEmpty, mapVal, mapValEmpty, setValEmpty, stringVal } from "../values/value.js";
import { FunctionError, type FunctionSpec, type Param } from "./function.js";

export type ParamOptions = Omit<Param, "name" | "type">;

export function param(name: string, type: Type, options: ParamOptions = {}): Param {
  return { name, type, ...options };
}

/** A function whose result type never depends on its arguments. */
export function staticSpec(
  params: readonly Param[],
  ret: Type,
  impl: (args: readonly Value[], retType: Type) => Value,
  extra: Partial<FunctionSpec> = {},
): FunctionSpec {
  return { params, returnType: () => ret, impl, ...extra };
}

export function argError(argIndex: number | undefined, message: string): never {
  throw new FunctionError(message, argIndex);
}

export function callError(message: string): never {
  throw new FunctionError(message, undefined);
}

const int64Min = bigFloatFrom("-9223372036854775808");
const int64Max = bigFloatFrom("9223372036854775807");

/** gocty's conversion to a Go int: its failure is a plain error (Terraform says "Error in function call"). */
export function wholeNumber(v: Value, _argIndex: number): number {
  const d = v.asNumber();
  if (!d.isFinite() || !d.isInteger() || d.lt(int64Min) || d.gt(int64Max)) {
    callError("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
  }
  return d.toNumber();
}

export function decimalOf(v: Value): BigFloat {
  return v.asNumber();
}

/** A list of strings (an empty list of string when there are none). */
export function stringList(items: readonly string[]): Value {
  return items.length === 0 ? listValEmpty({ kind: "string" }) : listVal(items.map(stringVal));
}

/** A list of values of elemType, handling the empty case. */
export function listOfType(elemType: Type, items: readonly Value[]): Value {
  return items.length === 0 ? listValEmpty(elemType) : new Value({ kind: "list", elem: elemType }, items);
}

export function mapOfType(elemType: Type, entries: ReadonlyMap<string, Value>): Value {
  return entries.size === 0 ? mapValEmpty(elemType) : new Value({ kind: "map", elem: elemType }, mapVal(entries).raw);
}

export function emptySet(elemType: Type): Value {
  return setValEmpty(elemType);
}

/** Characters of a string as Terraform counts them: Unicode code points (grapheme approximation). */
export function characters(s: string): string[] {
  return graphemes(s);
}

// Created on first use: building it loads ICU's segmentation data (~13 ms), which every run paid for.
let segmenter: Intl.Segmenter | undefined;

/** Extended grapheme clusters, which is what go-cty's textseg counts for length, substr and strrev. */
export function graphemes(s: string): string[] {
  const out: string[] = [];
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const seg of segmenter.segment(s)) out.push(seg.segment);
  return out;
}

/** Go's strconv.Quote, which Terraform's messages use through %q. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** Go's default float formatting (%v / strconv 'g' with shortest repr) for messages quoting a number. */
export function numberText(d: BigFloat): string {
  return d.toString();
}
