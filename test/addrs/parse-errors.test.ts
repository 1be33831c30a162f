// Bad address strings give Terraform's diagnostics with the offending step as subject.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatRange } from "../../lang/pos.js";
import {
  parseAbsProviderConfigStr,
  parseAbsResourceInstanceStr,
  parseAbsResourceStr,
  parseModuleInstanceStr,
  parseTargetStr,
} from "../../addrs/index.js";
import type { Diagnostic } from "../../lang/diagnostics.js";

function first(diags: Diagnostic[]): [string, string, string] {
  assert.ok(diags.length > 0, "expected a diagnostic");
  const d = diags[0]!;
  return [d.summary, d.detail ?? "", d.subject ? formatRange(d.subject) : ""];
}

const cases: [string, (s: string) => { diags: Diagnostic[] }, string, [string, string, string]][] = [
  ["target", parseTargetStr, "", ["Variable name required", "Must begin with a variable name.", ":1,1-1,1"]],
  ["target", parseTargetStr, "aws_instance", ["Invalid address", "Resource specification must include a resource type and name.", ":1,1-1,13"]],
  ["target", parseTargetStr, "aws_instance.a.b", ["Invalid address", "Resource instance key must be given in square brackets.", ":1,15-1,17"]],
  ["target", parseTargetStr, "aws_instance.a[0][1]", ["Invalid address", "Unexpected extra operators after address.", ":1,18-1,21"]],
  ["target", parseTargetStr, "aws_instance.a[1.5]", ["Invalid address", "Invalid resource instance key: value must be a whole number, between -9223372036854775808 and 9223372036854775807.", ":1,15-1,20"]],
  ["target", parseTargetStr, "aws_instance[0].a", ["Invalid address", "A resource name is required.", ":1,13-1,16"]],
  ["target", parseTargetStr, "data.x", ["Invalid address", "Resource specification must include a resource type and name.", ":1,5-1,7"]],
  ["target", parseTargetStr, "module", ["Invalid address operator", 'Prefix "module." must be followed by a module name.', ":1,1-1,7"]],
  ["target", parseTargetStr, "module.a.", ["Attribute name required", "Dot must be followed by attribute name.", ":1,10-1,10"]],
  ["target", parseTargetStr, "a.b[*]", ["Attribute name required", "Splat expressions ([*]) may not be used here.", ":1,5-1,6"]],
  ["target", parseTargetStr, "a.b[0", ["Unclosed index brackets", "Index key must be followed by a closing bracket.", ":1,6-1,6"]],
  ["target", parseTargetStr, "a.b[x]", ["Index value required", "Index brackets must contain either a literal number or a literal string.", ":1,5-1,6"]],
  ["target", parseTargetStr, "a.b/c", ["Invalid character", "Expected an attribute access or an index operator.", ":1,4-1,5"]],
  ["module", parseModuleInstanceStr, "aws_instance.a", ["Invalid module instance address", 'A module instance address must begin with "module.".', ":1,1-1,15"]],
  ["module", parseModuleInstanceStr, "module.a.b.c", ["Invalid module instance address", "The module instance address is followed by additional invalid content.", ":1,9-1,13"]],
  ["resource", parseAbsResourceStr, "a.b[0]", ["Invalid address", "A resource address is required. This instance key identifies a specific resource instance, which is not expected here.", ":1,4-1,7"]],
  ["resource", parseAbsResourceStr, "module.m", ["Invalid address", "A resource address is required here. The module path must be followed by a resource specification.", ":1,1-1,9"]],
  ["instance", parseAbsResourceInstanceStr, "module.m[true]", ["Index value required", "Index brackets must contain either a literal number or a literal string.", ":1,10-1,14"]],
  ["provider", parseAbsProviderConfigStr, "aws", ["Invalid provider configuration address", 'Provider address must begin with "provider.", followed by a provider type name.', ":1,1-1,4"]],
  ["provider", parseAbsProviderConfigStr, "provider.aws", ["Invalid provider configuration address", 'The prefix "provider." must be followed by a provider type name.', ":1,9-1,13"]],
  ["provider", parseAbsProviderConfigStr, 'module.a[0].provider["x"]', ["Invalid provider configuration address", "A provider configuration must not appear in a module instance that uses count or for_each.", ":1,12-1,26"]],
  ["provider", parseAbsProviderConfigStr, 'provider["a/b/c/d"]', ["Invalid provider source string", 'The "source" attribute must be in the format "[hostname/][namespace/]name"', ":1,9-1,20"]],
];

describe("address parse errors", () => {
  for (const [what, parse, input, want] of cases) {
    it(`${what} ${JSON.stringify(input)}`, () => {
      const got = parse(input);
      assert.deepEqual(first(got.diags), want);
    });
  }
});
