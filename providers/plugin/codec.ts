// DynamicValue <-> Value against a schema, and private data between Cairn (base64 text in state) and the
// protocol (bytes). Shared by the client and the server so both ends encode alike.

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { jsonTextToValue } from "../../lang/values/json.js";
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
    const r = jsonTextToValue(Buffer.from(w.json).toString("utf8"), t);
    if (!r.ok) {
      diags.push(errorDiag("Invalid value from plugin protocol", `The ${what} could not be decoded: ${r.message}.`));
      return nullVal(t);
    }
    return r.value;
  }
  return nullVal(t);
}

export function privateToWire(p: string | undefined): Buffer {
  return p === undefined || p === "" ? Buffer.alloc(0) : Buffer.from(p, "base64");
}

export function privateFromWire(b: Uint8Array | undefined): string | undefined {
  return b === undefined || b.length === 0 ? undefined : Buffer.from(b).toString("base64");
}
