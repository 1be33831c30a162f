// DynamicValue <-> Value against a schema, and private data between Cairn (base64 text in state) and the
// protocol (bytes). Shared by the client and the server so both ends encode alike.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import type { ConvertResult } from "../../lang/values/convert.js";
import { hasLossyNumber, isSmallInteger } from "../../lang/values/json-exact.js";
import { jsonTextToValue, jsonToValue } from "../../lang/values/json.js";
import type { Type } from "../../lang/values/types.js";
import { type Value, nullVal } from "../../lang/values/value.js";
import { decodeValue } from "./msgpack-decode.js";
import { WireValueError, encodeValue } from "./msgpack-values.js";
import type { WireDynamicValue } from "./wire.js";

export function dynamicToWire(v: Value, t: Type): WireDynamicValue {
  return { msgpack: encodeValue(v, t) };
}

/** An absent DynamicValue is a null value (proto3 leaves unset messages out). */
export function dynamicFromWire(w: WireDynamicValue | null | undefined, t: Type, what: string, diags: Diagnostic[]): Value {
  if (w === null || w === undefined) return nullVal(t);
  if (w.msgpack !== undefined && w.msgpack.length > 0) {
    const v = decodeValue(w.msgpack, t);
    if (v instanceof WireValueError) {
      diags.push(errorDiag("Invalid value from plugin protocol", `The ${what} could not be decoded: ${v.message}.`));
      return nullVal(t);
    }
    return v;
  }
  if (w.json !== undefined && w.json.length > 0) {
    const r = jsonFromWire(Buffer.from(w.json.buffer, w.json.byteOffset, w.json.byteLength).toString("utf8"), t);
    if (!r.ok) {
      diags.push(errorDiag("Invalid value from plugin protocol", `The ${what} could not be decoded: ${r.message}.`));
      return nullVal(t);
    }
    return r.value;
  }
  return nullVal(t);
}

/**
 * JSON text (the stored state UpgradeResourceState hands over, once per instance) as the exact reader reads
 * it: through JSON.parse and the value straight from what it made when every number in the text is an integer
 * a double holds (a fraction would be read from its double, not its decimal text), else (and for every
 * message) by the exact reader itself. An object with a key twice (neither Cairn nor Terraform writes one)
 * reads as Cairn reads its state file: the last one.
 */
function jsonFromWire(text: string, t: Type): ConvertResult {
  if (!hasLossyNumber(text, notSmallInteger)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return jsonTextToValue(text, t);
    }
    const r = jsonToValue(parsed, t);
    if (r.ok) return r;
  }
  return jsonTextToValue(text, t);
}

const notSmallInteger = (token: string): boolean => !isSmallInteger(token);

export function privateToWire(p: string | undefined): Buffer {
  return p === undefined || p === "" ? Buffer.alloc(0) : Buffer.from(p, "base64");
}

export function privateFromWire(b: Uint8Array | undefined): string | undefined {
  // A view of the bytes, not a copy: they are only read.
  return b === undefined || b.length === 0 ? undefined : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
}
