import { test } from "node:test";
import assert from "node:assert/strict";
import { loadModuleTree } from "../../modules/load-tree.js";
import { findNode } from "../../modules/tree-model.js";
import type { ModuleDiagnostic } from "../../modules/messages.js";
import { Module } from "../../addrs/index.js";
import { formatRange } from "../../lang/pos.js";
import { only, snapshot, summaries, tempDir, webModule, writeFiles } from "./helpers.js";

test("local modules to any depth: a static tree of calls, filenames relative to the root", () => {
  const root = tempDir("tree");
  writeFiles(root, {
    "main.tf": 'module "a" {\n  source = "./modules/a"\n}\n\nmodule "b" {\n  source = "./modules/b"\n  count  = 2\n}\n',
    "modules/a/main.tf": 'module "c" {\n  source = "../c"\n}\n',
    "modules/b/main.tf": "",
    "modules/c/main.tf": 'output "x" {\n  value = path.module\n}\n',
  });
  const { tree, diags } = loadModuleTree(root);
  assert.deepEqual(summaries(diags), []);
  assert.deepEqual(tree.nodes.map((n) => [n.path.toString(), n.dir, n.key]), [
    ["", ".", ""],
    ["module.a", "modules/a", "a"],
    ["module.a.module.c", "modules/c", "a.c"],
    ["module.b", "modules/b", "b"],
  ]);
  const c = findNode(tree, new Module(["a", "c"]))!;
  assert.equal(c.module.sourceDir, "modules/c");
  assert.ok(c.module.outputs.has("x"));
  assert.equal(c.parent!.path.toString(), "module.a");
  assert.equal(tree.diskPaths.get("modules/c/main.tf"), `${root}/modules/c/main.tf`);
  assert.equal(findNode(tree, new Module(["nope"])), undefined);
});

test("a module that calls itself through a chain: one diagnostic naming the chain", () => {
  const root = tempDir("cycle");
  writeFiles(root, {
    "main.tf": 'module "a" {\n  source = "./modules/a"\n}\n',
    "modules/a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
    "modules/b/main.tf": 'module "a" {\n  source = "../a"\n}\n',
  });
  const d = only(loadModuleTree(root).diags, "Module calls itself");
  assert.match(d.detail!, /through the chain module\.a → module\.b → module\.a\./);
  assert.equal(formatRange(d.subject!), "modules/b/main.tf:2,12-2,18");
});

test("a module that calls itself directly, and the root calling itself", () => {
  const root = tempDir("selfcall");
  writeFiles(root, {
    "main.tf": 'module "a" {\n  source = "./a"\n}\n\nmodule "again" {\n  source = "./"\n}\n',
    "a/main.tf": 'module "me" {\n  source = "./"\n}\n',
  });
  const diags = loadModuleTree(root).diags.filter((d) => d.summary === "Module calls itself");
  assert.equal(diags.length, 2);
  assert.ok(diags.some((d) => d.detail!.includes("through the chain module.a → module.me.")));
  assert.ok(diags.some((d) => d.detail!.includes("through the chain the root module → module.again.")));
});

test("a long chain of distinct modules loads without recursion", () => {
  const root = tempDir("chain");
  const files: Record<string, string> = { "main.tf": 'module "m" {\n  source = "./m0"\n}\n' };
  for (let i = 0; i < 150; i++) files[`m${i}/main.tf`] = i < 149 ? `module "m" {\n  source = "../m${i + 1}"\n}\n` : "";
  writeFiles(root, files);
  const { tree, diags } = loadModuleTree(root);
  assert.deepEqual(summaries(diags), []);
  assert.equal(tree.nodes.length, 151);
});

test("bad local sources: missing directory, a file, an unsupported address; nothing is written", () => {
  const root = tempDir("badsrc");
  writeFiles(root, {
    "main.tf":
      'module "gone" {\n  source = "./modules/gone"\n}\n\nmodule "file" {\n  source = "./notes.txt"\n}\n\nmodule "reg" {\n  source = "hashicorp/consul/aws"\n  version = "1.0.0"\n}\n\nmodule "ver" {\n  source = "./modules/ok"\n  version = "1.0.0"\n}\n',
    "notes.txt": "not a module\n",
    "modules/ok/main.tf": "",
  });
  const before = snapshot(root);
  const { diags } = loadModuleTree(root);
  const gone = diags.find((d) => d.summary === "Unreadable module directory" && d.detail!.includes("modules/gone"))!;
  assert.match(gone.detail!, /The directory modules\/gone does not exist or cannot be read\. Module "gone" has source "\.\/modules\/gone"/);
  assert.equal(formatRange(gone.subject!), "main.tf:2,12-2,28");
  const file = diags.find((d) => d.detail!.includes("notes.txt"))!;
  assert.equal(file.summary, "Unreadable module directory");
  assert.match(file.detail!, /The directory notes\.txt is a file, not a directory/);
  const reg = only(diags, "Unsupported module source");
  assert.match(reg.detail!, /Module "reg" \(main\.tf:9\) has source "hashicorp\/consul\/aws": "hashicorp\/consul\/aws" looks like a module registry address; Cairn does not install modules from registries\. Cairn installs modules from local directories/);
  const ver = only(diags, "Invalid version constraint");
  assert.match(ver.detail!, /Cannot apply a version constraint to module "ver" \(at main\.tf:14\) because it has a relative local path\./);
  assert.deepEqual(snapshot(root), before);
});

test("a missing required input: at the call site, with the variable's declaration", () => {
  const root = tempDir("missing");
  writeFiles(root, { "main.tf": 'module "web" {\n  source = "./web"\n}\n', "web/main.tf": webModule["main.tf"] });
  const d = only(loadModuleTree(root).diags, "Missing required argument") as ModuleDiagnostic;
  assert.equal(
    d.detail,
    'The argument "size" is required, but no definition was found. The module "web" (web) declares it as an input variable without a default value, in web/main.tf line 1.',
  );
  assert.equal(formatRange(d.subject!), "main.tf:1,14-1,14");
  assert.equal(formatRange(d.declaration!), "web/main.tf:1,1-1,16");
});

test("an unknown argument: Did you mean, and the module's variables", () => {
  const root = tempDir("unknown");
  writeFiles(root, { "main.tf": 'module "web" {\n  source = "./web"\n  size   = 1\n  zoen   = "b"\n}\n', "web/main.tf": webModule["main.tf"] });
  const d = only(loadModuleTree(root).diags, "Unsupported argument") as ModuleDiagnostic;
  assert.equal(d.detail, 'An argument named "zoen" is not expected here. Did you mean "zone"? The module "web" (web) declares the input variables "size", "zone".');
  assert.equal(formatRange(d.subject!), "main.tf:4,3-4,7");
  assert.equal(d.declaration!.filename, "web/main.tf");
});

test("an output that does not exist: Unsupported attribute with the module's outputs", () => {
  const root = tempDir("output");
  writeFiles(root, {
    "main.tf": 'module "web" {\n  source = "./web"\n  size   = 1\n}\n\noutput "o" {\n  value = module.web.nmae\n}\n\nresource "terraform_data" "r" {\n  input = [module.web.name, module.web.nope]\n}\n',
    "web/main.tf": webModule["main.tf"],
  });
  const diags = loadModuleTree(root).diags.filter((d) => d.summary === "Unsupported attribute") as ModuleDiagnostic[];
  assert.deepEqual(
    diags.map((d) => [formatRange(d.subject!), d.detail]),
    [
      ["main.tf:7,11-7,26", 'This object does not have an attribute named "nmae". Did you mean "name"? The module "web" (web) declares the outputs "name".'],
      ["main.tf:11,29-11,44", 'This object does not have an attribute named "nope". Did you mean "name"? The module "web" (web) declares the outputs "name".'],
    ],
  );
  assert.equal(formatRange(diags[0]!.declaration!), "web/main.tf:9,1-9,14");
});

test("the same module called 500 times is loaded once and checked once per call", () => {
  const root = tempDir("many");
  let main = "";
  for (let i = 0; i < 500; i++) main += `module "m${i}" {\n  source = "./module"\n  size = ${i}\n}\n`;
  writeFiles(root, { "main.tf": main, "module/main.tf": webModule["main.tf"] });
  const { tree, diags } = loadModuleTree(root);
  assert.deepEqual(summaries(diags), []);
  assert.equal(tree.root.children.size, 500);
  assert.equal(tree.root.children.get("m1")!.module, tree.root.children.get("m499")!.module);
});
