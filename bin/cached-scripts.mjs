// Runs the CLI bundle (dist/cli/*.cjs, made by scripts/bundle.mjs) through V8's code cache. Node 20 has no
// compile cache for ES modules, so every byte of an imported module is parsed and compiled on every start,
// and each function again on its first call; a `vm.Script` takes the bytecode V8 serialised for the same
// source (`cachedData`) instead, which saved `init` ~30 ms of its ~40 ms of code loading.
//
// The bundle's chunks are esbuild's split ES chunks turned into CommonJS-shaped bodies, run here as functions
// of (exports, require, module, __cairnChunkUrl, __cairnImport): `require` of "./x.cjs" is another chunk
// (loaded once), of anything else a package or built-in; `__cairnImport` is the dynamic `import()`, which for
// a package is Node's own (exact ES module semantics); `__cairnChunkUrl` stands for the chunk's
// `import.meta.url`. Packages that are ES modules only (ink) cannot be `require`d on Node 20: the manifest
// lists them for each chunk that needs them, and they are imported before that chunk runs.
//
// A cache file is used only when it was made for this source by this Node and V8 on this architecture: its
// directory is named by the versions (`cacheKey`), and its header holds digests of the source it was made
// from and of its own payload, so a stale, truncated or corrupt file is ignored (compiled as if absent).
// V8 checks its own version and flags too and may still reject the data (`cachedDataRejected`); then it has
// compiled the source and the chunk runs the same. The caches are made when the package is built or
// installed (scripts/code-cache.mjs); nothing is written at run time.

import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Script } from "node:vm";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

// TurboFan's inlining budget, lowered from V8's 920 bytecode bytes per optimised function: a command lives a
// second or so, and with the default its compiler threads did as much work as the main thread (the hot
// functions of a plan or of a plugin call took 10-40 ms each to compile, nearly all of it inlined callees).
// At 200, a no-op plan of 5,000 resources or an apply of 1,000 executes ~10% fewer instructions, compiler
// included (docs/performance.md). Set here, before any chunk is compiled: the flag is part of what V8 checks
// a code cache against, and the caches are made through this module too (scripts/code-cache.mjs).
setFlagsFromString("--max-inlined-bytecode-size-cumulative=200");

const wrapperHead = "(function (exports, require, module, __cairnChunkUrl, __cairnImport) {\n";
const wrapperTail = "\n})";
const magic = Buffer.from("CAIRNCC1");
const digestBytes = 20;
const headerBytes = magic.length + 2 * digestBytes;

/** The cache directory's name: V8 accepts code cached only by the same V8 (and Node pins it) and architecture. */
export function cacheKey(versions = process.versions, arch = process.arch) {
  return `node-${versions.node}-v8-${versions.v8}-${arch}`;
}

function digest(...parts) {
  const h = createHash("sha1");
  for (const p of parts) h.update(p);
  return h.digest();
}

const sourceDigest = (bytes) => digest(wrapperHead, bytes, wrapperTail);

/** A cache file: magic, digest of the chunk's source, digest of the payload, V8's payload. */
export function encodeCache(sourceBytes, payload) {
  return Buffer.concat([magic, sourceDigest(sourceBytes), digest(payload), payload]);
}

/** V8's payload from a cache file if it was made from exactly `sourceBytes` and is whole, else undefined. */
export function decodeCache(file, sourceBytes) {
  if (file.length <= headerBytes || !file.subarray(0, magic.length).equals(magic)) return undefined;
  const payload = file.subarray(headerBytes);
  const forSource = file.subarray(magic.length, magic.length + digestBytes);
  const ofPayload = file.subarray(magic.length + digestBytes, headerBytes);
  if (!forSource.equals(sourceDigest(sourceBytes)) || !ofPayload.equals(digest(payload))) return undefined;
  return payload;
}

/** Compiles a chunk's source (with its cached code when given); the script's value is the chunk's function. */
export function compileChunk(sourceBytes, filename, cachedData) {
  return new Script(wrapperHead + sourceBytes.toString("utf8") + wrapperTail, { filename, lineOffset: -1, cachedData });
}

let current;

/** The bundle this process runs, once loaded (tests read which chunks it ran and how their caches fared). */
export function runningBundle() {
  return current;
}

export class ScriptBundle {
  /** @param {URL} dir the bundle's directory (dist/cli/) */
  constructor(dir, key = cacheKey()) {
    this.dir = dir;
    this.cacheDir = new URL(`code-cache/${key}/`, dir);
    this.manifest = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8"));
    this.packageRequire = createRequire(dir);
    /** Chunks run so far, by file name: their module objects. */
    this.modules = new Map();
    /** ES-only packages imported ahead of the chunks that `require` them. */
    this.esOnly = new Map();
    /** How each chunk's cached code fared: "accepted", "rejected" (by V8) or "none" (missing, stale, corrupt). */
    this.cacheUse = new Map();
    current = this;
  }

  /** The chunk's exports, as `import()` of it: the ES-only packages it needs are imported first. */
  async import(name) {
    for (const pkg of this.manifest.esOnly[name] ?? []) {
      if (!this.esOnly.has(pkg)) this.esOnly.set(pkg, await import(pkg));
    }
    return this.require(name);
  }

  require(name) {
    const loaded = this.modules.get(name);
    if (loaded !== undefined) return loaded.exports;
    const url = new URL(name, this.dir);
    const filename = fileURLToPath(url);
    const source = readFileSync(url);
    const cached = this.readCache(name, source);
    const script = compileChunk(source, filename, cached);
    this.cacheUse.set(name, cached === undefined ? "none" : script.cachedDataRejected ? "rejected" : "accepted");
    const module = { exports: {} };
    this.modules.set(name, module);
    const req = (spec) => (spec.startsWith("./") ? this.require(spec.slice(2)) : (this.esOnly.get(spec) ?? this.packageRequire(spec)));
    const dynamicImport = (spec) => (spec.startsWith("./") ? this.import(spec.slice(2)) : import(spec));
    script.runInThisContext().call(module.exports, module.exports, req, module, url.href, dynamicImport);
    return module.exports;
  }

  readCache(name, source) {
    let file;
    try {
      file = readFileSync(new URL(`${name}.cache`, this.cacheDir));
    } catch {
      return undefined;
    }
    return decodeCache(file, source);
  }
}
