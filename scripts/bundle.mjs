// Bundles the compiled CLI (dist/cmd/main.js and everything it imports from this repository) into
// dist/cli/: one file per lazily loaded command instead of ~360 modules, because resolving, reading and
// linking each module was most of a small command's time (a one-output `cairn plan`: 560 ms of CPU before,
// 320 ms after). Small pure-JavaScript packages are bundled too; the others (native code, WebAssembly, files
// read from their own folder, large CommonJS trees loaded only by some commands) stay external. bin/cairn runs the bundle when it is at least as new as the
// TypeScript build (dist/.tsbuildinfo), and the unbundled modules otherwise, so `npx tsc` alone never runs
// stale code.
//
// esbuild splits only ES modules; each split chunk is then turned into a CommonJS-shaped body (`.cjs`) that
// bin/cached-scripts.mjs runs as a `vm.Script` with V8's code cache (made by scripts/code-cache.mjs, below):
// static imports become `require`, dynamic `import()` becomes `__cairnImport()` (Node's own import for a
// package). manifest.json names, for each chunk, the ES-only packages its static imports reach (they cannot
// be `require`d on Node 20 and are imported before the chunk runs).
//
// Each bundled module keeps seeing its own location as import.meta.url (files beside the compiled modules, such
// as package.json and the checkpoint worker, are found from there), rewritten relative to the chunk that holds it (`__cairnChunkUrl`, the
// chunk's URL, given by the loader).

import { build, transform } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire, isBuiltin } from "node:module";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCodeCache } from "./code-cache.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundled = new Set(["diff", "@msgpack/msgpack"]);
const { dependencies } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const external = Object.keys(dependencies).filter((name) => !bundled.has(name));
const outdir = join(root, "dist", "cli");

const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      let contents = await readFile(args.path, "utf8");
      if (contents.includes("import.meta.url")) {
        const fromChunk = relative(outdir, args.path).split(sep).join("/");
        contents = contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromChunk)}, __cairnChunkUrl).href`);
      }
      return { contents, loader: "js" };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, "dist", "cmd", "main.js")],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  outdir,
  outExtension: { ".js": ".cjs" },
  // Chunks beside main.cjs: every chunk is at the same depth, so the rewritten URLs above hold for all.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
  plugins: [ownImportMetaUrl],
  write: false,
  metafile: true,
  absWorkingDir: root,
});

// A package that `require` cannot load on Node 20: its entry for `require` is missing or is an ES module.
const packageRequire = createRequire(join(outdir, "x.cjs"));
function esOnly(pkg) {
  let file;
  try {
    file = packageRequire.resolve(pkg);
  } catch {
    return true;
  }
  if (file.endsWith(".mjs")) return true;
  if (file.endsWith(".cjs")) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const { type } = createRequire(join(dir, "x.cjs"))("./package.json");
      return type === "module";
    } catch {
      // No package.json here: its parent's.
    }
  }
  return false;
}

const outputs = result.metafile.outputs;
const chunkName = (path) => basename(path);
const staticImports = new Map();
for (const [path, out] of Object.entries(outputs)) {
  staticImports.set(chunkName(path), out.imports.filter((i) => i.kind === "import-statement"));
}
// For each chunk, the ES-only packages its static imports reach (itself and the chunks it imports).
const esOnlyOf = new Map();
function reachedEsOnly(name, seen = new Set()) {
  if (seen.has(name)) return [];
  seen.add(name);
  const found = new Set();
  for (const i of staticImports.get(name) ?? []) {
    if (!i.external) for (const p of reachedEsOnly(chunkName(i.path), seen)) found.add(p);
    else if (!isBuiltin(i.path) && esOnly(i.path)) found.add(i.path);
  }
  return [...found];
}
for (const name of staticImports.keys()) {
  const found = reachedEsOnly(name).sort();
  if (found.length > 0) esOnlyOf.set(name, found);
}
const esOnlyPackages = new Set([...esOnlyOf.values()].flat());

// A chunk's exports become one plain object made when its top level has run: esbuild's CommonJS form reads
// each imported name through two getters (ES live bindings), a cost on every call between chunks in code
// that runs mostly unoptimised. The values are final by then: the chunks' static imports have no cycles, and
// no chunk assigns an exported name anywhere but its declaration (an `export let` reassigned later would need
// a live binding: the build stops, naming it; a local of the same name in a function stops it too, rename it).
function plainExports(name, text) {
  const m = /\nexport \{([^}]*)\};\n$/.exec(text);
  if (m === null) throw new Error(`${name}: no export list at the end of the chunk`);
  const body = text.slice(0, m.index);
  const entries = m[1].split(",").map((e) => e.trim()).filter((e) => e !== "").map((e) => {
    const [local, exported = local] = e.split(/\s+as\s+/);
    if (!/^[\w$]+$/.test(local) || !/^[\w$]+$/.test(exported)) throw new Error(`${name}: unexpected export \`${e}\``);
    const id = local.replaceAll("$", "\\$");
    const assigned = new RegExp(`(?<![\\w$.])${id}\\s*(?:\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?|[-+*/%&|^])?=(?![=>])|(?:\\+\\+|--)${id}(?![\\w$])|(?<![\\w$.])${id}(?:\\+\\+|--)`, "g");
    for (const a of body.matchAll(assigned)) {
      if (!/(?:var|let|const)\s+$/.test(body.slice(Math.max(0, a.index - 8), a.index))) throw new Error(`${name}: the exported \`${local}\` is assigned after its declaration`);
    }
    return `${exported}: ${local}`;
  });
  return `${body}\nmodule.exports = { ${entries.join(", ")} };\n`;
}

// A dynamic import esbuild wrote, or a whole comment line (esbuild notes a glob import as `// import("…")`).
const dynamicImport = /^[ \t]*\/\/.*$|\bimport\(("[^"\n]+")\)/gm;
await mkdir(outdir, { recursive: true });
for (const file of result.outputFiles) {
  const name = chunkName(file.path);
  // Every text rewritten must be one of esbuild's dynamic imports, and every one of those rewritten.
  const made = outputs[relative(root, file.path).split(sep).join("/")].imports.filter((i) => i.kind === "dynamic-import");
  const expected = new Set(made.map((i) => (i.external ? i.path : `./${chunkName(i.path)}`)));
  const seen = new Set([...file.text.matchAll(dynamicImport)].filter((m) => m[1] !== undefined).map((m) => JSON.parse(m[1])));
  if (seen.size !== expected.size || [...seen].some((s) => !expected.has(s))) {
    throw new Error(`${name}: the texts that look like import(...) (${[...seen].join(", ")}) are not esbuild's dynamic imports (${[...expected].join(", ")})`);
  }
  const esm = plainExports(name, file.text).replace(dynamicImport, (line, spec) => (spec === undefined ? line : `__cairnImport(${spec})`));
  const { code } = await transform(esm, {
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  // A default import is `module.exports` only for a CommonJS package; an ES-only one is imported by name.
  for (const pkg of esOnlyPackages) {
    if (code.includes(`__toESM(require(${JSON.stringify(pkg)})`)) throw new Error(`${name}: default import of the ES-only package ${pkg}; import its names`);
  }
  await writeFile(join(outdir, name), code);
}
await writeFile(join(outdir, "manifest.json"), JSON.stringify({ esOnly: Object.fromEntries(esOnlyOf) }, null, 1) + "\n");
await makeCodeCache(root);
