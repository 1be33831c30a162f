// Reference parsing table: traversal text → subject, its range, the remaining steps, or the diagnostic.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTraversalAbs, referenceFromTraversal } from "../../addrs/index.js";
import { formatRange } from "../../lang/pos.js";

// [traversal, subject class, subject string, subject range, number of remaining steps]
const good: [string, string, string, string, number][] = [
  ["var.x", "InputVariable", "var.x", ":1,1-1,6", 0],
  ["var.x.y[0]", "InputVariable", "var.x", ":1,1-1,6", 2],
  ["local.a", "LocalValue", "local.a", ":1,1-1,8", 0],
  ["module.m", "ModuleCall", "module.m", ":1,1-1,9", 0],
  ["module.m[0]", "ModuleCallInstance", "module.m[0]", ":1,1-1,12", 0],
  ['module.m["k"].out.x', "ModuleCallInstanceOutput", 'module.m["k"].out', ":1,1-1,18", 1],
  ["module.m.out", "ModuleCallInstanceOutput", "module.m.out", ":1,1-1,13", 0],
  ["cluster_workload.app", "Resource", "cluster_workload.app", ":1,1-1,21", 0],
  ["cluster_workload.app.id", "ResourceInstance", "cluster_workload.app", ":1,1-1,21", 1],
  ["cluster_workload.app[0].id", "ResourceInstance", "cluster_workload.app[0]", ":1,1-1,24", 1],
  ['cluster_workload.app["a"]', "ResourceInstance", 'cluster_workload.app["a"]', ":1,1-1,26", 0],
  ["data.t.n.attr", "ResourceInstance", "data.t.n", ":1,1-1,9", 1],
  ["data.t.n", "Resource", "data.t.n", ":1,1-1,9", 0],
  ["resource.t.n", "Resource", "t.n", ":1,1-1,13", 0],
  ["each.key", "ForEachAttr", "each.key", ":1,1-1,9", 0],
  ["each.value.name", "ForEachAttr", "each.value", ":1,1-1,11", 1],
  ["count.index", "CountAttr", "count.index", ":1,1-1,12", 0],
  ["path.module", "PathAttr", "path.module", ":1,1-1,12", 0],
  ["terraform.workspace", "TerraformAttr", "terraform.workspace", ":1,1-1,20", 0],
  ["self.id", "SelfRef", "self", ":1,1-1,5", 1],
];

const bad: [string, string, string, string][] = [
  ["var", "Invalid reference", 'The "var" object cannot be accessed directly. Instead, access one of its attributes.', ":1,1-1,4"],
  ['var["x"]', "Invalid reference", 'The "var" object does not support this operation.', ":1,4-1,9"],
  ["cluster_workload", "Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", ":1,1-1,17"],
  ["cluster_workload[0]", "Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", ":1,17-1,20"],
  ["data.x", "Invalid reference", 'The "data" object must be followed by two attribute names: the data source type and the resource name.', ":1,1-1,7"],
  ["data.x[0]", "Invalid reference", "A reference to a data source must be followed by at least one attribute access, specifying the resource name.", ":1,7-1,10"],
  ["data.x[0].y", "Invalid reference", "A reference to a data source must be followed by at least one attribute access, specifying the resource name.", ":1,7-1,10"],
  ["module.m[0][1]", "Invalid reference", "Module instance objects do not support this operation.", ":1,12-1,15"],
  ["module.m[true]", "Index value required", "Index brackets must contain either a literal number or a literal string.", ":1,10-1,14"],
  ["a.b[1.5]", "Invalid index key", "Invalid index for resource instance: value must be a whole number, between -9223372036854775808 and 9223372036854775807.", ":1,4-1,9"],
  ["template.x", "Reserved symbol name", 'The symbol name "template" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.', ":1,1-1,9"],
];

describe("referenceFromTraversal", () => {
  for (const [src, cls, str, rng, remaining] of good) {
    it(src, () => {
      const t = parseTraversalAbs(src);
      assert.deepEqual(t.diags, []);
      const { ref, diags } = referenceFromTraversal(t.traversal);
      assert.deepEqual(diags, []);
      assert.equal(ref!.subject.constructor.name, cls);
      assert.equal(ref!.subject.toString(), str);
      assert.equal(formatRange(ref!.range), rng);
      assert.equal(ref!.remaining.length, remaining);
    });
  }
  for (const [src, summary, detail, rng] of bad) {
    it(`invalid: ${src}`, () => {
      const t = parseTraversalAbs(src);
      const diags = t.diags.length > 0 ? t.diags : referenceFromTraversal(t.traversal).diags;
      assert.equal(diags.length, 1);
      assert.equal(diags[0]!.summary, summary);
      assert.equal(diags[0]!.detail, detail);
      assert.equal(formatRange(diags[0]!.subject!), rng);
    });
  }
});
