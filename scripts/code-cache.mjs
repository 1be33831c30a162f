// Makes the V8 code cache of the CLI bundle (dist/cli/code-cache/<node-v8-arch>/<chunk>.cache; the format and
// its checks are bin/cached-scripts.mjs's) for the Node that runs this: each chunk compiled, its code
// serialised. (A cache serialised after commands had run, holding every function they called, measured the
// same for `init`, `validate` and the start-up alone, and is twice the size: the top level it is.)
//
// `npm run build` makes it (scripts/bundle.mjs) for the Node that builds, and a package ships it; run alone
// (`postinstall`), this file makes the cache for the installing Node when the package has a bundle but no
// cache for that Node (a package packed on another Node release), and never fails the installation: without
// a cache the CLI compiles its code as it loads it.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const runtimeOf = (root) => import(pathToFileURL(join(root, "bin", "cached-scripts.mjs")).href);

export async function makeCodeCache(root) {
  const { cacheKey, compileChunk, encodeCache } = await runtimeOf(root);
  const bundle = join(root, "dist", "cli");
  const cacheDir = join(bundle, "code-cache", cacheKey());
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(bundle)) {
    if (!name.endsWith(".cjs")) continue;
    const source = readFileSync(join(bundle, name));
    writeFileSync(join(cacheDir, `${name}.cache`), encodeCache(source, compileChunk(source, join(bundle, name)).createCachedData()));
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(import.meta.url), "..", "..");
  const { cacheKey } = await runtimeOf(root);
  const bundle = join(root, "dist", "cli");
  if (existsSync(join(bundle, "manifest.json")) && !existsSync(join(bundle, "code-cache", cacheKey()))) {
    try {
      await makeCodeCache(root);
    } catch (err) {
      rmSync(join(bundle, "code-cache", cacheKey()), { recursive: true, force: true });
      console.warn(`cairn: no code cache for this Node (the CLI starts slower): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
