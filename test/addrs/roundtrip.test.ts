// Addresses print and parse back exactly: tables of canonical strings, and a fast-check property over
// generated addresses (keys with quotes, escapes, template introducers and non-ASCII text included).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  AbsProviderConfig,
  AbsResource,
  AbsResourceInstance,
  Module,
  ModuleInstance,
  ModuleInstanceStep,
  Provider,
  Resource,
  type InstanceKey,
  NoKey,
  intKey,
  parseAbsProviderConfigStr,
  parseAbsResourceInstanceStr,
  parseModuleInstanceStr,
  parseTargetStr,
  stringKey,
} from "../../addrs/index.js";

describe("address round trips", () => {
  const targets = [
    "cluster_workload.app",
    "cluster_workload.app[0]",
    'cluster_workload.app["a"]',
    "data.x.y",
    "data.x.y[3]",
    "module.a",
    'module.a["x"]',
    'module.a["x"].module.b',
    'module.a["x"].module.b[2].cluster_workload.app["k"]',
    "module.a.data.t.n",
    'cluster_workload.app["quote\\"back\\\\slash"]',
    'cluster_workload.app["new\\nline\\ttab"]',
    'cluster_workload.app["$${not} %%{tmpl} $ %"]',
    'cluster_workload.app["ünïcödé ☃"]',
    'cluster_workload.app[""]',
  ];
  for (const s of targets) {
    it(`target ${s}`, () => {
      const { target, diags } = parseTargetStr(s);
      assert.deepEqual(diags, []);
      assert.equal(target!.subject.toString(), s);
    });
  }

  it("resource instance without key parses as the whole resource for -target", () => {
    const { target } = parseTargetStr("module.a.x.y");
    assert.ok(target!.subject instanceof AbsResource);
    const { addr } = parseAbsResourceInstanceStr("module.a.x.y");
    assert.ok(addr instanceof AbsResourceInstance);
    assert.equal(addr.resource.instanceKey.kind, "none");
  });

  const providers = [
    'provider["registry.terraform.io/hashicorp/aws"]',
    'provider["registry.terraform.io/hashicorp/aws"].west',
    'module.x.provider["terraform.io/builtin/terraform"]',
    'module.x.module.y.provider["example.com/acme/cluster"].b',
  ];
  for (const s of providers) {
    it(`provider ${s}`, () => {
      const { addr, diags } = parseAbsProviderConfigStr(s);
      assert.deepEqual(diags, []);
      assert.equal(addr!.toString(), s);
    });
  }

  it("prints provider configs and module paths", () => {
    const p = Provider.implied("terraform");
    assert.equal(new AbsProviderConfig(Module.root, p).toString(), 'provider["terraform.io/builtin/terraform"]');
    assert.equal(
      new AbsProviderConfig(new Module(["x"]), Provider.implied("aws"), "foo").toString(),
      'module.x.provider["registry.terraform.io/hashicorp/aws"].foo',
    );
    assert.equal(ModuleInstance.root.toString(), "");
    assert.equal(ModuleInstance.root.child("a", stringKey("x")).child("b").toString(), 'module.a["x"].module.b');
  });

  it("keys distinguish kinds and equals compares structure", () => {
    const r = new Resource("managed", "t", "n");
    assert.notEqual(r.key(), r.instance(NoKey).key());
    assert.ok(r.instance(intKey(1)).equals(new Resource("managed", "t", "n").instance(intKey(1))));
    assert.ok(!r.instance(intKey(1)).equals(r.instance(stringKey("1"))));
    assert.notEqual(r.instance(intKey(1)).key(), r.instance(stringKey("1")).key());
  });
});

describe("address property: parse(toString(a)) equals a", () => {
  const ident = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/).filter((s) => s !== "module" && s !== "data");
  const key: fc.Arbitrary<InstanceKey> = fc.oneof(
    fc.constant(NoKey as InstanceKey),
    fc.nat({ max: 100000 }).map((n) => intKey(n) as InstanceKey),
    fc.string({ unit: "binary", maxLength: 12 }).map((s) => stringKey(s.normalize("NFC")) as InstanceKey),
  );
  const modulePath = fc
    .array(fc.tuple(ident, key), { maxLength: 3 })
    .map((steps) => new ModuleInstance(steps.map(([n, k]) => new ModuleInstanceStep(n, k))));
  const instance = fc
    .tuple(modulePath, fc.constantFrom("managed" as const, "data" as const), ident, ident, key)
    .map(([m, mode, t, n, k]) => new AbsResourceInstance(m, new Resource(mode, t, n).instance(k)));

  it("resource instances", () => {
    fc.assert(
      fc.property(instance, (a) => {
        const { addr, diags } = parseAbsResourceInstanceStr(a.toString());
        assert.deepEqual(diags, [], a.toString());
        assert.ok(addr!.equals(a), `${addr!.toString()} != ${a.toString()}`);
        assert.equal(addr!.key(), a.key());
      }),
      { numRuns: 500 },
    );
  });

  it("module instances", () => {
    fc.assert(
      fc.property(modulePath, (m) => {
        if (m.isRoot()) return;
        const { module, diags } = parseModuleInstanceStr(m.toString());
        assert.deepEqual(diags, []);
        assert.ok(module!.equals(m));
      }),
      { numRuns: 300 },
    );
  });

  it("provider configs", () => {
    const prov = fc
      .tuple(fc.array(ident, { maxLength: 2 }), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.option(ident))
      .map(([mods, type, alias]) => new AbsProviderConfig(new Module(mods), Provider.implied(type), alias ?? ""));
    fc.assert(
      fc.property(prov, (p) => {
        const { addr, diags } = parseAbsProviderConfigStr(p.toString());
        assert.deepEqual(diags, []);
        assert.ok(addr!.equals(p));
      }),
      { numRuns: 200 },
    );
  });
});
