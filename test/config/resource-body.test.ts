// validateResourceBody against a provider schema: unknown and computed-only arguments, missing required
// arguments, block counts, dynamic blocks.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type BlockSpec, validateResourceBody } from "../../config/index.js";
import { formatRange } from "../../lang/pos.js";
import { nativeBody } from "../../lang/syntax/native-body.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { NumberType, StringType } from "../../lang/values/types.js";

const spec: BlockSpec = {
  attributes: {
    name: { type: StringType, required: true },
    image: { type: StringType, optional: true },
    id: { type: StringType, computed: true },
  },
  blocks: {
    port: { nesting: "list", block: { attributes: { number: { type: NumberType, required: true } } } },
    limits: { nesting: "single", block: { attributes: { cpu: { type: NumberType, optional: true } } } },
  },
};

function check(src: string): string[] {
  const { file } = parseConfig(src, "r.tf");
  const r = validateResourceBody(nativeBody(file.body), spec);
  return r.diags.map((d) => `${d.summary} @ ${d.subject ? formatRange(d.subject) : ""}`).sort();
}

describe("validateResourceBody", () => {
  it("accepts a valid body with a dynamic block", () => {
    assert.deepEqual(check('name = "a"\nport {\n  number = 1\n}\ndynamic "port" {\n  for_each = [1]\n  content {\n    number = port.value\n  }\n}\n'), []);
  });
  it("reports a missing required argument", () => {
    assert.deepEqual(check('image = "x"\n'), ["Missing required argument @ r.tf:1,1-1,1"]);
  });
  it("reports unknown and computed-only arguments", () => {
    assert.deepEqual(check('name = "a"\nbogus = 1\nid = "x"\n'), ["Unsupported argument @ r.tf:2,1-2,6", "Unsupported argument @ r.tf:3,1-3,3"]);
  });
  it("reports nested problems and too many single blocks", () => {
    assert.deepEqual(check('name = "a"\nport {}\nlimits {}\nlimits {}\nwheel {}\n'), [
      "Missing required argument @ r.tf:2,6-2,6",
      "Too many blocks @ r.tf:4,1-4,7",
      "Unsupported block type @ r.tf:5,1-5,6",
    ]);
  });
  it("reports a dynamic block for an unknown block type and content errors", () => {
    assert.deepEqual(check('name = "a"\ndynamic "wheel" {\n  for_each = []\n  content {}\n}\n'), ["Unsupported block type @ r.tf:2,9-2,16"]);
  });
});
