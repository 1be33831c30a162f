// Makes the V8 code cache of the CLI bundle (dist/cli/code-cache/<node-v8-arch>/<chunk>.cache; the format and
// its checks are bin/cached-scripts.mjs's) for the Node that runs the build. A cache serialised after a
// command ran holds the bytecode of every function that command called, not only of the chunk's top level,
// so the commands whose start-up counts are run once here on a small configuration, and each writes the
// caches of the chunks it loaded as it exits; the last run of a chunk wins, so `init` (issue 15) runs last.
// Chunks no run loaded get a cache of their top level.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const configuration = `variable "prefix" {
  type    = string
  default = "app"
}

locals {
  names = { for i in range(3) : "n\${i}" => "\${var.prefix}-\${i}" }
}

resource "terraform_data" "item" {
  for_each = local.names
  input    = each.value
}

resource "terraform_data" "single" {
  input            = "value-1"
  triggers_replace = [terraform_data.item["n0"].id]
}

output "ids" {
  value = [for k, v in terraform_data.item : v.id]
}
`;

const runs = [["version"], ["fmt", "-check"], ["validate"], ["plan", "-no-color"], ["apply", "-auto-approve", "-no-color"], ["plan", "-no-color"], ["init", "-no-color"]];

export async function makeCodeCache(root) {
  const runtime = pathToFileURL(join(root, "bin", "cached-scripts.mjs")).href;
  const { cacheKey, compileChunk, encodeCache } = await import(runtime);
  const cliDir = join(root, "dist", "cli");
  const cacheDir = join(cliDir, "code-cache", cacheKey());
  mkdirSync(cacheDir, { recursive: true });
  const writer = `import { writeFileSync } from "node:fs";
import { encodeCache, runningBundle } from ${JSON.stringify(runtime)};
process.on("exit", () => {
  const bundle = runningBundle();
  if (bundle === undefined) return;
  for (const [name, { script, source }] of bundle.scripts) writeFileSync(new URL(name + ".cache", bundle.cacheDir), encodeCache(source, script.createCachedData()));
});`;
  const work = mkdtempSync(join(tmpdir(), "cairn-code-cache-"));
  try {
    for (const args of runs) {
      // init runs in a fresh directory, as a first `cairn init` does.
      const dir = join(work, args[0] === "init" ? "fresh" : "used");
      mkdirSync(dir, { recursive: true });
      if (!existsSync(join(dir, "main.tf"))) writeFileSync(join(dir, "main.tf"), configuration);
      const r = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(writer)}`, join(root, "bin", "cairn"), ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, TF_IN_AUTOMATION: "1", CAIRN_UNBUNDLED: "" },
      });
      if (r.status !== 0) throw new Error(`code cache: \`cairn ${args.join(" ")}\` exited ${r.status}: ${r.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const made = new Set(readdirSync(cacheDir));
  for (const name of readdirSync(cliDir)) {
    if (!name.endsWith(".cjs") || made.has(`${name}.cache`)) continue;
    const source = readFileSync(join(cliDir, name));
    writeFileSync(join(cacheDir, `${name}.cache`), encodeCache(source, compileChunk(source, join(cliDir, name)).createCachedData()));
  }
}
