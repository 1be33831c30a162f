// The layering rules of docs/architecture.md, enforced over the real import graph; and proof that the check
// fails on a planted violation, a planted cycle and a command importing another command.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkRules, layerCycles, parseRules, readImportGraph, type ImportEdge } from "./import-graph.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const rules = parseRules(readFileSync(join(repo, "docs/architecture.md"), "utf8"));

function commandCrossImports(edges: readonly ImportEdge[]): ImportEdge[] {
  const command = /^cmd\/commands\/[^/]+\.(ts|js)$/;
  return edges.filter((e) => command.test(e.from) && command.test(e.to));
}

function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-layers-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("the Layers table names every layer with source files", () => {
  assert.ok(rules.length >= 12, `only ${rules.length} rules parsed from docs/architecture.md`);
  assert.deepEqual(rules.find((r) => r.layer === "lang")?.mayImport, []);
});

test("every import in the tree follows the layering rules", () => {
  const edges = readImportGraph(repo);
  assert.ok(edges.length > 1000, `only ${edges.length} imports found: is the tree there?`);
  const bad = checkRules(edges, rules).map((v) => `${v.edge.from} -> ${v.edge.to}: ${v.reason}`);
  assert.deepEqual(bad, []);
});

test("no cycle of value imports between layers", () => {
  assert.deepEqual(layerCycles(readImportGraph(repo)), []);
});

test("no command file imports another command file", () => {
  assert.deepEqual(commandCrossImports(readImportGraph(repo)).map((e) => `${e.from} -> ${e.to}`), []);
});

const planted: { name: string; files: Record<string, string>; expect: (dir: string) => string[] }[] = [
  {
    name: "the ground floor importing the CLI",
    files: { "lang/x.ts": 'import { main } from "../cmd/main.js";\n', "cmd/main.ts": "export const main = 1;\n" },
    expect: (dir) => checkRules(readImportGraph(dir), rules).map((v) => v.reason),
  },
  {
    name: "state importing the planner",
    files: { "state/x.ts": 'import type { Plan } from "../planner/plan/model.js";\n', "planner/plan/model.ts": "export type Plan = 1;\n" },
    expect: (dir) => checkRules(readImportGraph(dir), rules).map((v) => v.reason),
  },
  {
    name: "a folder with no rule",
    files: { "newthing/x.ts": 'import { a } from "../lang/a.js";\n', "lang/a.ts": "export const a = 1;\n" },
    expect: (dir) => checkRules(readImportGraph(dir), rules).map((v) => v.reason),
  },
  {
    name: "a cycle of value imports",
    files: { "state/a.ts": 'import { b } from "../modules/b.js";\nexport const a = b;\n', "modules/b.ts": 'import { a } from "../state/a.js";\nexport const b = a;\n' },
    expect: (dir) => layerCycles(readImportGraph(dir)).map((c) => c.join(" <-> ")),
  },
  {
    name: "a command importing another command",
    files: { "cmd/commands/a.ts": 'import { b } from "./b.js";\n', "cmd/commands/b.ts": "export const b = 1;\n" },
    expect: (dir) => commandCrossImports(readImportGraph(dir)).map((e) => e.from),
  },
];

for (const c of planted) {
  test(`a planted violation is found: ${c.name}`, () => {
    const dir = plant(c.files);
    try {
      assert.notDeepEqual(c.expect(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("type-only imports pointing back are not cycles", () => {
  const dir = plant({ "state/a.ts": 'import type { B } from "../modules/b.js";\nexport type A = B;\n', "modules/b.ts": 'import { a } from "../state/a.js";\nexport type B = typeof a;\n' });
  try {
    assert.deepEqual(layerCycles(readImportGraph(dir)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
