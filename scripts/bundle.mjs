// Bundles the compiled CLI (dist/cmd/main.js and everything it imports from this repository) into
// dist/cli/: one file per lazily loaded command instead of ~360 modules, because resolving, reading and
// linking each module was most of a small command's time (a one-output `cairn plan`: 560 ms of CPU before,
// 320 ms after). Small pure-JavaScript packages are bundled too; the others (native code, WebAssembly, files
// read from their own folder, large CommonJS trees loaded only by some commands) stay external. bin/cairn runs the bundle when it is at least as new as the
// TypeScript build (dist/.tsbuildinfo), and the unbundled modules otherwise, so `npx tsc` alone never runs
// stale code.
//
// Each bundled module keeps seeing its own location as import.meta.url (files beside the sources, such as the
// .proto files, are found from there), rewritten relative to the chunk that holds it.

import { build } from "esbuild";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

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
        contents = contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`);
      }
      return { contents, loader: "js" };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "dist", "cmd", "main.js")],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  outdir,
  // Chunks beside main.js: every chunk is at the same depth, so the rewritten URLs above hold for all.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
  plugins: [ownImportMetaUrl],
});
