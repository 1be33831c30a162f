// The CLI bundle's V8 code cache (bin/cached-scripts.mjs, made by scripts/code-cache.mjs): a cache is used
// only for the source it was made from, whole, by the same Node and V8 on the same architecture; anything
// else is compiled from the source and the command behaves the same. The end-to-end cases run bin/cairn from
// a copy of bin/ and dist/cli/ whose cache files each case spoils, with a preload that reports what became of
// each chunk's cache.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

interface CachedScripts {
  ScriptBundle: new (dir: URL) => { import(name: string): Promise<Record<string, unknown>>; manifest: { esOnly: Record<string, string[]> }; esOnly: Map<string, unknown> };
  cacheKey(versions?: { node: string; v8: string }, arch?: string): string;
  encodeCache(source: Buffer, payload: Buffer): Buffer;
  decodeCache(file: Buffer, source: Buffer): Buffer | undefined;
  compileChunk(source: Buffer, filename: string, cachedData?: Buffer): { createCachedData(): Buffer };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const runtime = (await import(pathToFileURL(join(root, "bin", "cached-scripts.mjs")).href)) as CachedScripts;

describe("code cache key", () => {
  const base = { node: "20.20.2", v8: "11.3.244.8-node.33" };
  const cases = [
    { name: "another Node release", versions: { ...base, node: "20.21.0" }, arch: "x64" },
    { name: "another V8", versions: { ...base, v8: "11.3.244.9-node.34" }, arch: "x64" },
    { name: "another architecture", versions: base, arch: "arm64" },
  ];
  for (const c of cases) {
    it(`changes with ${c.name}`, () => {
      assert.notEqual(runtime.cacheKey(c.versions, c.arch), runtime.cacheKey(base, "x64"));
    });
  }
  it("is the same for the same versions, and names this process's by default", () => {
    assert.equal(runtime.cacheKey(base, "x64"), runtime.cacheKey({ ...base }, "x64"));
    assert.equal(runtime.cacheKey(), runtime.cacheKey(process.versions, process.arch));
  });
});

describe("code cache file", () => {
  const source = Buffer.from('module.exports = { answer: () => 42, name: "chunk" };\n');
  const payload = runtime.compileChunk(source, "chunk.cjs").createCachedData();
  const file = runtime.encodeCache(source, payload);
  const flipped = (b: Buffer, at: number) => {
    const c = Buffer.from(b);
    c[at] = c[at]! ^ 0xff;
    return c;
  };
  const sameLength = Buffer.from(source.toString().replace("42", "43"));
  const cases: readonly { name: string; file: Buffer; source: Buffer; used: boolean }[] = [
    { name: "whole and made from this source", file, source, used: true },
    { name: "made from another source of the same length (V8 would take it)", file, source: sameLength, used: false },
    { name: "a byte of the payload changed", file: flipped(file, file.length - 10), source, used: false },
    { name: "a byte of the header changed", file: flipped(file, 12), source, used: false },
    { name: "truncated", file: file.subarray(0, file.length - 1), source, used: false },
    { name: "the header alone", file: file.subarray(0, 48), source, used: false },
    { name: "not a cache file", file: Buffer.from("hello"), source, used: false },
    { name: "empty", file: Buffer.alloc(0), source, used: false },
  ];
  assert.equal(sameLength.length, source.length);
  for (const c of cases) {
    it(`${c.name}: ${c.used ? "used" : "ignored"}`, () => {
      const got = runtime.decodeCache(c.file, c.source);
      if (c.used) assert.deepEqual(got, payload);
      else assert.equal(got, undefined);
    });
  }
});

describe("the bundle's chunks", () => {
  it("that import an ES-only package (ink) statically run: the package is imported before them", async (t) => {
    const dir = pathToFileURL(join(root, "dist", "cli") + "/");
    if (!existsSync(fileURLToPath(new URL("manifest.json", dir)))) {
      t.skip("no bundle in dist/cli (`npm run build` makes it)");
      return;
    }
    const bundle = new runtime.ScriptBundle(dir);
    const needing = Object.entries(bundle.manifest.esOnly);
    assert.ok(needing.some(([, packages]) => packages.includes("ink")), "the ink views are listed");
    for (const [name] of needing) {
      const exports = await bundle.import(name);
      assert.ok(Object.keys(exports).length > 0, name);
    }
    assert.ok(bundle.esOnly.has("ink"));
    const applyView = needing.find(([name]) => name.startsWith("apply-progress-"));
    assert.ok(applyView !== undefined);
    assert.equal(typeof (await bundle.import(applyView[0])).createTtyApplyView, "function");
  });
});

describe("a spoiled code cache changes nothing but speed", () => {
  const bundle = join(root, "dist", "cli");
  const cacheRoot = join(bundle, "code-cache", runtime.cacheKey());
  const work = mkdtempSync(join(tmpdir(), "cairn-code-cache-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const report = join(work, "report.mjs");

  interface Spoil {
    readonly name: string;
    /** Spoils the copy's cache directory (dir), knowing each chunk's source file (sourceOf). */
    spoil(dir: string, sourceOf: (cacheFile: string) => Buffer): void;
    /** What each loaded chunk's cache must have come to. */
    readonly expect: "accepted" | "rejected" | "none";
  }
  const eachCache = (dir: string, f: (path: string, data: Buffer) => Buffer) => {
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), f(join(dir, name), readFileSync(join(dir, name))));
  };
  const cases: readonly Spoil[] = [
    { name: "intact", spoil: () => {}, expect: "accepted" },
    { name: "every payload corrupted", spoil: (dir) => eachCache(dir, (_, b) => Buffer.concat([b.subarray(0, b.length - 64), Buffer.alloc(64, 7)])), expect: "none" },
    { name: "every file truncated to half", spoil: (dir) => eachCache(dir, (_, b) => b.subarray(0, b.length >> 1)), expect: "none" },
    {
      name: "V8 rejects what passes the file's checks (another script's code for this source)",
      spoil: (dir, sourceOf) => {
        const other = runtime.compileChunk(Buffer.from("module.exports = {};"), "other.cjs").createCachedData();
        eachCache(dir, (path) => runtime.encodeCache(sourceOf(path), other));
      },
      expect: "rejected",
    },
    { name: "made by another Node (its key's directory)", spoil: (dir) => renameSync(dir, join(dirname(dir), runtime.cacheKey({ node: "0.0.0", v8: "0" }))), expect: "none" },
  ];

  const config = 'variable "n" {\n  default = 2\n}\nresource "terraform_data" "a" {\n  count = var.n\n  input = "x-${count.index}"\n}\n';
  const outputs = new Map<string, string>();
  for (const c of cases) {
    it(`${c.name}: init, validate and version print the same, and each chunk's cache is ${c.expect}`, (t) => {
      if (!existsSync(cacheRoot)) {
        t.skip("no code cache in dist/cli (`npm run build` makes it)");
        return;
      }
      const top = join(work, c.name.replace(/\W+/g, "-"));
      mkdirSync(join(top, "dist"), { recursive: true });
      cpSync(join(root, "bin"), join(top, "bin"), { recursive: true });
      cpSync(bundle, join(top, "dist", "cli"), { recursive: true });
      cpSync(join(root, "package.json"), join(top, "package.json"));
      symlinkSync(join(root, "node_modules"), join(top, "node_modules"));
      const cacheDir = join(top, "dist", "cli", "code-cache", runtime.cacheKey());
      c.spoil(cacheDir, (path) => readFileSync(join(top, "dist", "cli", path.slice(cacheDir.length + 1).replace(/\.cache$/, ""))));
      writeFileSync(
        report,
        `import { runningBundle } from ${JSON.stringify(pathToFileURL(join(top, "bin", "cached-scripts.mjs")).href)};
import { appendFileSync } from "node:fs";
process.on("exit", () => appendFileSync(process.env.CACHE_REPORT, [...runningBundle().cacheUse.values()].join("\\n") + "\\n"));`,
      );
      const uses = join(top, "uses.log");
      const dir = join(top, "config");
      mkdirSync(dir);
      writeFileSync(join(dir, "main.tf"), config);
      let printed = "";
      for (const args of [["init", "-no-color"], ["validate", "-no-color"], ["version"]]) {
        const r = spawnSync(process.execPath, ["--import", pathToFileURL(report).href, join(top, "bin", "cairn"), ...args], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, CACHE_REPORT: uses, TF_IN_AUTOMATION: "1", CAIRN_UNBUNDLED: "" },
        });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, "");
        printed += r.stdout;
      }
      const used = readFileSync(uses, "utf8").split("\n").filter((l) => l !== "");
      assert.ok(used.length >= 10, `chunks loaded: ${used.length}`);
      assert.deepEqual([...new Set(used)], [c.expect]);
      if (c.name === "intact") outputs.set("intact", printed);
      else if (outputs.has("intact")) assert.equal(printed, outputs.get("intact"));
      assert.match(printed, /Cairn has been successfully initialized![\s\S]*Success! The configuration is valid\.[\s\S]*Cairn v/);
    });
  }
});
