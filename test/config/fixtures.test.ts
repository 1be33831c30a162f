// Fixture directories: valid configurations decode to the expected model; invalid ones produce exactly the
// expected diagnostics (summary, subject range, and a fragment of the detail).

import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadModuleDir } from "../../config/index.js";
import { formatRange } from "../../lang/pos.js";
import { typeString } from "../../lang/values/types.js";

// Fixtures are read from the source tree (tests run from the repository root).
const fixtures = join(process.cwd(), "test/config/fixtures");
const rel = (s: string): string => s.replace(`${fixtures}/`, "");

function load(name: string) {
  const loaded = loadModuleDir(join(fixtures, name));
  const diags = loaded.diags.map((d) => ({
    summary: d.summary,
    at: d.subject !== undefined ? rel(formatRange(d.subject)) : "",
    detail: rel(d.detail ?? ""),
  }));
  return { ...loaded, diags };
}

describe("valid-basic", () => {
  const { module: m, diags } = load("valid-basic");
  it("has no diagnostics", () => assert.deepEqual(diags, []));
  it("decodes terraform and provider blocks", () => {
    assert.equal(m.requiredVersions.length, 1);
    assert.equal(m.requiredProviders.get("cluster")!.provider.toString(), "example.com/cairn/cluster");
    assert.equal(m.backend!.type, "local");
    assert.deepEqual([...m.providerConfigs.keys()], ["cluster", "cluster.west"]);
  });
  it("decodes variables with types and converted defaults", () => {
    const r = m.variables.get("replicas")!;
    assert.equal(typeString(r.constraintType), "number");
    assert.equal(r.default!.asNumber().toString(), "2");
    assert.equal(r.validations.length, 1);
    assert.equal(typeString(m.variables.get("labels")!.default!.type), "map(string)");
  });
  it("decodes resources with meta-arguments and lifecycle", () => {
    const app = m.managedResources.get("Resource:cluster_workload.app")!;
    assert.ok(app.count !== undefined);
    assert.equal(app.providerConfigRef!.alias, "west");
    assert.equal(app.provider.toString(), "example.com/cairn/cluster");
    assert.equal(app.managed!.createBeforeDestroy, true);
    assert.deepEqual(app.managed!.ignoreChanges.map((t) => t.map((s) => (s.kind === "index" ? "[]" : s.name)).join(".")), ["labels.[]", "image"]);
    assert.equal(app.managed!.replaceTriggeredBy.length, 1);
    assert.equal(app.postconditions.length, 1);
    assert.equal(rel(formatRange(app.declRange)), "valid-basic/main.tf:43,1-43,34");
    const trig = m.managedResources.get("Resource:terraform_data.trigger")!;
    assert.equal(trig.managed!.ignoreAllChanges, true);
    assert.equal(trig.dependsOn.length, 1);
    assert.equal(trig.provider.toString(), "terraform.io/builtin/terraform");
    // The provider-specific body keeps its arguments and dynamic blocks.
    const rest = app.config.justAttributes();
    assert.ok(rest.attributes.has("name"));
  });
  it("decodes JSON files into the same model", () => {
    assert.ok(m.locals.has("from_json"));
    const j = m.managedResources.get("Resource:terraform_data.from_json")!;
    assert.ok(j.count !== undefined);
    assert.equal(j.dependsOn.length, 1);
  });
  it("decodes data, modules, outputs, moved, import, removed, check", () => {
    assert.ok(m.dataResources.has("Resource:data.cluster_node.n"));
    assert.ok(m.dataResources.has("Resource:data.cluster_node.probe"));
    const child = m.moduleCalls.get("child")!;
    assert.equal(child.sourceAddr, "./child");
    assert.equal(child.providers[0]!.inParent.alias, "west");
    assert.ok(child.config.justAttributes().attributes.has("input"));
    assert.equal(m.outputs.get("ids")!.sensitive, true);
    assert.equal(m.outputs.get("ids")!.dependsOn.length, 1);
    assert.equal(m.moved[0]!.from.toString(), "cluster_workload.old");
    assert.equal(m.imports[0]!.toTraversal!.length, 3);
    assert.equal(m.removed[0]!.destroy, false);
    assert.equal(m.checks.get("health")!.asserts.length, 1);
  });
});

type Want = { summary: string; at: string; detail?: string };
const invalid: Record<string, Want[]> = {
  "invalid-duplicates": [
    { summary: "Duplicate variable declaration", at: "invalid-duplicates/b.tf:1,1-1,13", detail: 'A variable named "x" was already declared at invalid-duplicates/a.tf:1,1-13.' },
    { summary: "Duplicate local value definition", at: "invalid-duplicates/b.tf:3,3-3,8", detail: "invalid-duplicates/a.tf:3,3-8" },
    { summary: "Duplicate output definition", at: "invalid-duplicates/b.tf:5,1-5,11" },
    { summary: 'Duplicate resource "t_r" configuration', at: "invalid-duplicates/b.tf:8,1-8,19", detail: 'A t_r resource named "a" was already declared at invalid-duplicates/a.tf:8,1-19.' },
    { summary: 'Duplicate data "t_d" configuration', at: "invalid-duplicates/b.tf:9,1-9,15" },
  ],
  "invalid-refs": [
    { summary: "Reference to undeclared input variable", at: "invalid-refs/main.tf:3,7-3,17", detail: 'An input variable with the name "regoin" has not been declared. Did you mean "region"?' },
    { summary: "Reference to undeclared input variable", at: "invalid-refs/main.tf:4,7-4,26", detail: 'This variable can be declared with a variable "nothing_like_it" {} block.' },
    { summary: "Reference to undeclared local value", at: "invalid-refs/main.tf:5,7-5,15", detail: 'A local value with the name "aa" has not been declared. Did you mean "a"?' },
    { summary: "Reference to undeclared module", at: "invalid-refs/main.tf:6,7-6,22", detail: 'No module call named "nope" is declared in the root module.' },
    { summary: "Reference to undeclared resource", at: "invalid-refs/main.tf:7,7-7,18", detail: 'A managed resource "t_r" "missing" has not been declared in the root module.' },
    { summary: "Reference to undeclared resource", at: "invalid-refs/main.tf:8,7-8,12", detail: "Did you mean the data resource data.t_d.n?" },
    { summary: 'Reference to "count" in non-counted context', at: "invalid-refs/main.tf:9,7-9,18" },
    { summary: 'Reference to "each" in context without for_each', at: "invalid-refs/main.tf:10,7-10,15" },
    { summary: 'Invalid "self" reference', at: "invalid-refs/main.tf:11,7-11,11" },
    { summary: 'Invalid "path" attribute', at: "invalid-refs/main.tf:12,7-12,19" },
  ],
  "invalid-meta": [
    { summary: 'Invalid combination of "count" and "for_each"', at: "invalid-meta/main.tf:3,3-3,11" },
    { summary: "Invalid resource name", at: "invalid-meta/main.tf:5,16-5,22", detail: "A name must start with a letter or underscore" },
    { summary: "Invalid depends_on reference", at: "invalid-meta/main.tf:7,25-7,28" },
    { summary: "Unsupported argument", at: "invalid-meta/main.tf:10,5-10,10" },
    { summary: "Unsuitable value type", at: "invalid-meta/main.tf:9,29-9,36" },
    { summary: "Invalid data resource lifecycle argument", at: "invalid-meta/main.tf:15,5-15,20" },
    { summary: "Postconditions are not allowed", at: "invalid-meta/main.tf:20,3-20,16" },
  ],
  "invalid-variable": [
    { summary: "Invalid variable name", at: "invalid-variable/main.tf:1,10-1,17", detail: 'The variable name "count" is reserved due to its special meaning inside module blocks.' },
    { summary: "Invalid default value for variable", at: "invalid-variable/main.tf:4,13-4,18", detail: "a number is required" },
    { summary: "Invalid default value for variable", at: "invalid-variable/main.tf:8,13-8,16", detail: "list of string required" },
    { summary: "Invalid default value for variable", at: "invalid-variable/main.tf:12,14-12,18", detail: "A null default value is not valid when nullable=false." },
    { summary: "Invalid default value for variable", at: "invalid-variable/main.tf:16,13-16,15", detail: 'attribute "a" is required' },
  ],
};

describe("invalid fixtures", () => {
  for (const [name, wants] of Object.entries(invalid)) {
    it(name, () => {
      const { diags } = load(name);
      const got = diags.map((d) => `${d.summary} @ ${d.at}`).sort();
      const want = wants.map((w) => `${w.summary} @ ${w.at}`).sort();
      assert.deepEqual(got, want);
      for (const w of wants) {
        if (w.detail === undefined) continue;
        const d = diags.find((x) => x.summary === w.summary && x.at === w.at)!;
        assert.ok(d.detail.includes(w.detail), `${d.detail} should include ${w.detail}`);
      }
    });
  }
});
