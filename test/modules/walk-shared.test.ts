// What the module tree walk shares between calls and commands: a root module the command already loaded, and
// the file system facts about a directory that many calls name. Sharing must not change the tree or lose a
// diagnostic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadModuleTree } from "../../modules/load-tree.js";
import { loadModuleDir } from "../../config/index.js";
import { formatRange } from "../../lang/pos.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { tempDir, writeFiles } from "./helpers.js";

function described(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.severity} ${d.summary} @ ${d.subject !== undefined ? formatRange(d.subject) : "-"}`).sort();
}

const cases: { name: string; files: Record<string, string>; nodes: number; diags: string[] }[] = [
  {
    name: "a valid tree",
    files: {
      "main.tf": 'module "a" {\n  source = "./m"\n}\n\nmodule "b" {\n  source = "./m"\n}\n',
      "m/main.tf": 'variable "v" {\n  default = ""\n}\n',
    },
    nodes: 3,
    diags: [],
  },
  {
    name: "the root's own error is reported once",
    files: {
      "main.tf": 'module "a" {\n  source = "./m"\n}\n\noutput "x" {\n  value = var.nope\n}\n',
      "m/main.tf": "",
    },
    nodes: 2,
    diags: ["error Reference to undeclared input variable @ main.tf:6,11-6,19"],
  },
  {
    name: "every call of a missing directory is reported, not only the first",
    files: { "main.tf": 'module "a" {\n  source = "./gone"\n}\n\nmodule "b" {\n  source = "./gone"\n}\n' },
    nodes: 1,
    diags: ["error Unreadable module directory @ main.tf:2,12-2,20", "error Unreadable module directory @ main.tf:6,12-6,20"],
  },
];

for (const c of cases) {
  test(`a preloaded root gives the same tree and diagnostics: ${c.name}`, () => {
    const root = tempDir("preload");
    writeFiles(root, c.files);
    const plain = loadModuleTree(root);
    const preloaded = loadModuleDir(".", root);
    const shared = loadModuleTree(root, { root: preloaded });
    assert.equal(shared.tree.root.module, preloaded.module, "the preloaded root is used, not parsed again");
    assert.equal(shared.tree.nodes.length, c.nodes);
    assert.deepEqual(described(shared.diags), c.diags);
    assert.deepEqual(described(plain.diags), c.diags);
    assert.deepEqual(
      shared.tree.nodes.map((n) => [n.path.toString(), n.dir, n.identity]),
      plain.tree.nodes.map((n) => [n.path.toString(), n.dir, n.identity]),
    );
    assert.deepEqual([...shared.tree.diskPaths], [...plain.tree.diskPaths]);
  });
}

test("many calls of one directory: one parse, one identity, every call a node", () => {
  const root = tempDir("fanout");
  const calls = Array.from({ length: 50 }, (_, i) => `module "c${i}" {\n  source = "./m"\n}\n`).join("\n");
  writeFiles(root, { "main.tf": calls, "m/main.tf": 'variable "v" {\n  default = ""\n}\n' });
  const { tree, diags } = loadModuleTree(root);
  assert.deepEqual(described(diags), []);
  const children = tree.nodes.slice(1);
  assert.equal(children.length, 50);
  assert.equal(new Set(children.map((n) => n.module)).size, 1);
  assert.equal(new Set(children.map((n) => n.identity)).size, 1);
  assert.notEqual(children[0]!.identity, tree.root.identity);
});
