// Type conversion and sensitivity functions: tostring tonumber tobool tolist toset tomap (Terraform's
// MakeToFunc: convert with its own messages, never revealing a sensitive value), sensitive, nonsensitive,
// issensitive.

import { canConvert, convert } from "../values/convert.js";
import { mismatchMessage } from "../values/mismatch.js";
import {
  BoolType,
  DynamicPseudoType,
  NumberType,
  StringType,
  friendlyNameForConstraint,
  friendlyTypeName,
  listOf,
  mapOf,
  setOf,
  typeEquals,
  type Type,
} from "../values/types.js";
import { SENSITIVE, True, False, unknownVal, type Value } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, goQuote, param } from "./helpers.js";

const anyValue = param("v", DynamicPseudoType, {
  allowNull: true,
  allowMarked: true,
  allowDynamicType: true,
  allowUnknown: true,
});

function makeTo(want: Type): FunctionSpec {
  return {
    params: [anyValue],
    returnType: (args) => {
      const got = args[0]!.type;
      if (typeEquals(got, want)) return want;
      if (!canConvert(got, want, true)) {
        if (got.kind === "tuple" && want.kind === "tuple") argError(0, `incompatible tuple type for conversion: ${mismatchMessage(got, want)}`);
        if (got.kind === "object" && want.kind === "object") argError(0, `incompatible object type for conversion: ${mismatchMessage(got, want)}`);
        argError(0, `cannot convert ${friendlyTypeName(got)} to ${friendlyNameForConstraint(want)}`);
      }
      return want;
    },
    impl: (args, ret) => {
      const v = args[0]!;
      if (!v.isKnown()) return unknownVal(ret).withMarks(v.marks);
      const r = convert(v, ret);
      if (r.ok) return r.value;
      const [plain] = v.unmarkDeep();
      const got = v.type;
      if (v.containsMarked() && [...v.unmarkDeep()[1]].includes(SENSITIVE)) {
        argError(0, `cannot convert this sensitive ${friendlyTypeName(got)} to ${friendlyNameForConstraint(want)}`);
      }
      const what = plain.isNull() || got.kind !== "string" ? "string" : goQuote(plain.asString());
      if (got.kind === "string" && want.kind === "bool") {
        argError(0, `cannot convert ${what} to bool; only the strings "true" or "false" are allowed`);
      }
      if (got.kind === "string" && want.kind === "number") {
        argError(0, `cannot convert ${what} to number; given string must be a decimal representation of a number`);
      }
      return argError(0, `cannot convert ${friendlyTypeName(got)} to ${friendlyNameForConstraint(want)}`);
    },
  };
}

const valueParam = param("value", DynamicPseudoType, {
  allowUnknown: true,
  allowNull: true,
  allowMarked: true,
  allowDynamicType: true,
});

const sensitive: FunctionSpec = {
  params: [valueParam],
  returnType: (args) => args[0]!.type,
  impl: (args) => args[0]!.mark(SENSITIVE),
};

// Current Terraform accepts a value that is not sensitive and returns it unchanged (older releases
// reported an error); only the top-level sensitive mark is removed, as Terraform does.
const nonsensitive: FunctionSpec = {
  params: [valueParam],
  returnType: (args) => args[0]!.type,
  impl: (args) => {
    const v = args[0]!;
    const rest = new Set(v.marks);
    rest.delete(SENSITIVE);
    return v.unmark().withMarks(rest);
  },
};

const issensitive: FunctionSpec = {
  params: [valueParam],
  returnType: () => BoolType,
  impl: (args) => {
    const v: Value = args[0]!;
    if (v.isSensitive()) return True;
    if (!v.isKnown()) return unknownVal(BoolType);
    return False;
  },
};

// Ephemeral values never reach an expression Cairn evaluates (it has no ephemeral resources or variables),
// so there is nothing to turn into null: the value comes back as it is, marks and all.
const ephemeralasnull: FunctionSpec = {
  params: [valueParam],
  returnType: (args) => args[0]!.type,
  impl: (args) => args[0]!,
};

export const conversionFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["tostring", makeTo(StringType)],
  ["tonumber", makeTo(NumberType)],
  ["tobool", makeTo(BoolType)],
  ["tolist", makeTo(listOf(DynamicPseudoType))],
  ["toset", makeTo(setOf(DynamicPseudoType))],
  ["tomap", makeTo(mapOf(DynamicPseudoType))],
  ["sensitive", sensitive],
  ["nonsensitive", nonsensitive],
  ["issensitive", issensitive],
  ["ephemeralasnull", ephemeralasnull],
]);
