// providers/plugin/proto-descriptors.ts, the description of the protocol's .proto files the plugin path runs
// from, is what scripts/proto-descriptors.mjs makes of the .proto files now: a .proto file changed without
// running the script fails here, not on the wire.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { protoFiles } from "../../../providers/plugin/proto-descriptors.js";
import { descriptorScript } from "./proto-descriptor-script.js";

describe("the protocol's description", () => {
  it("is the one the .proto files give (run `node scripts/proto-descriptors.mjs` after changing one)", () => {
    assert.equal(readFileSync(descriptorScript.moduleFile, "utf8"), descriptorScript.renderProtoFiles());
  });

  it("describes every .proto file of the protocol, and what the compiled module holds is that description", () => {
    assert.deepEqual(Object.keys(protoFiles), descriptorScript.protoFileNames);
    for (const file of descriptorScript.protoFileNames) {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(protoFiles[file as keyof typeof protoFiles])), descriptorScript.describeRoot(descriptorScript.loadProtoFile(file)), file);
    }
  });
});
