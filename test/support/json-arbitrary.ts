// Random JSON values as the exact JSON reader holds them (big integers as LosslessNumber), for properties of
// canonicalJson and the state file's round trip.
import fc from "fast-check";
import { LosslessNumber, type JsonValue } from "../../lang/values/json-exact.js";

export interface JsonArbitraryOptions {
  /** Object keys (any string by default). */
  readonly keys?: fc.Arbitrary<string>;
  /** Whether object members may be undefined (left out when written, as JSON.stringify does). */
  readonly undefinedMembers?: boolean;
  readonly maxKeys?: number;
}

export function exactJsonArbitrary(opts: JsonArbitraryOptions = {}): fc.Arbitrary<JsonValue> {
  return fc.letrec<{ v: JsonValue }>((tie) => {
    const member = opts.undefinedMembers === true ? fc.option(tie("v"), { nil: undefined }) : tie("v");
    return {
      v: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((b) => (Number.isSafeInteger(Number(b)) ? Number(b) : new LosslessNumber(b.toString()))),
        fc.string({ unit: "grapheme" }),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.dictionary(opts.keys ?? fc.string(), member, { maxKeys: opts.maxKeys ?? 4 }) as fc.Arbitrary<JsonValue>,
      ),
    };
  }).v;
}
