// Start-up cost (issue 3, terraform #26355): a command loads only the modules it uses. The command table
// (cmd/registry.ts) names commands without importing them; the cluster provider, the `yaml` and `bcryptjs`
// libraries are loaded on first use. Each run is `bin/cairn` in a child process with a preload that logs
// every module loaded, ESM (a resolve hook), CommonJS (require.cache at exit) and the bundle's chunks (its
// loader's list at exit), on the unbundled modules (CAIRN_UNBUNDLED=1), where each module shows; the bundle
// splits at the same dynamic imports, and the last test checks what the bundled `version` loads. A plan through
// a plugin logs the plugin process's modules too (the preload is given to both in NODE_OPTIONS).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { commands } from "../../cmd/registry.js";
import { clusterProviderAddr } from "../../providers/cluster/index.js";
import { builtinProviders } from "../../providers/registry.js";
import { builtinClusterProviderAddr, builtinProviderAddrs } from "../../providers/builtin-addrs.js";
import { LazyProvider } from "../../providers/lazy.js";
import { Provider } from "../../addrs/index.js";
import { currentPlatform } from "../../providers/install/platform.js";
import { makeClusterMirror } from "../providers/plugin/support.js";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = join(dist, "..", "bin", "cairn");
const work = mkdtempSync(join(tmpdir(), "cairn-startup-"));

// The resolve hook runs on the loader thread; it appends each URL to the log the child was given.
const hookSource = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.CAIRN_MODULE_LOG, r.url + "\\n");
  return r;
}`;
const preload = join(work, "preload.mjs");
writeFileSync(
  preload,
  `import { register, createRequire } from "node:module";
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { runningBundle } from ${JSON.stringify(pathToFileURL(join(dist, "..", "bin", "cached-scripts.mjs")).href)};
register(${JSON.stringify("data:text/javascript," + encodeURIComponent(hookSource))});
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => {
  const bundle = runningBundle();
  const chunks = bundle === undefined ? [] : [...bundle.modules.keys()].map((name) => new URL(name, bundle.dir).href);
  appendFileSync(process.env.CAIRN_MODULE_LOG, [...Object.keys(cache).map((f) => pathToFileURL(f).href), ...chunks].map((u) => u + "\\n").join(""));
});
`,
);

let n = 0;
function run(cwd: string, args: string[], stdin = "", bundled = false, env: NodeJS.ProcessEnv = {}): { code: number; out: string; err: string; loaded: string[] } {
  const log = join(work, `modules-${n++}.log`);
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(preload).href, bin, ...args], {
    cwd,
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, CAIRN_MODULE_LOG: log, TF_IN_AUTOMATION: "1", CAIRN_UNBUNDLED: bundled ? "" : "1", ...env },
  });
  const loaded = existsSync(log) ? [...new Set(readFileSync(log, "utf8").split("\n").filter((l) => l !== ""))] : [];
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr, loaded };
}

const loadedFrom = (loaded: readonly string[], re: RegExp): string[] => loaded.filter((u) => re.test(u));
const heavy = /\/node_modules\/(yaml|bcryptjs|diff|better-sqlite3|ink|react)\/|\/dist\/(providers\/cluster|cluster)\//;

describe("command table", () => {
  for (const entry of commands.values()) {
    it(`${entry.name}: the table's name and synopsis are the command's own`, async () => {
      const cmd = await entry.load();
      assert.equal(cmd.name, entry.name);
      assert.equal(cmd.synopsis, entry.synopsis);
    });
  }
});

describe("start-up loads only what the command uses", () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it("cairn version imports no command but version and no dependency", () => {
    const r = run(work, ["version"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Cairn v/);
    assert.deepEqual(loadedFrom(r.loaded, /\/dist\/cmd\/commands\//), [pathToFileURL(join(dist, "cmd/commands/version.js")).href]);
    assert.deepEqual(loadedFrom(r.loaded, /\/node_modules\//), []);
    // main, registry, version, the exit path, help detection (with its name suggester) and the command: a
    // handful, where importing the whole table loaded ~450.
    assert.ok(loadedFrom(r.loaded, /\/dist\//).length <= 8, loadedFrom(r.loaded, /\/dist\//).join("\n"));
  });

  it("cairn help lists every command without loading any", () => {
    const r = run(work, ["-help"]);
    assert.equal(r.code, 0, r.err);
    const topLevel = [...commands.keys()].filter((name) => !name.includes(" ")); // "state list" is under "state"
    assert.ok(topLevel.length >= 15);
    for (const name of topLevel) assert.match(r.out, new RegExp(`^  ${name} `, "m"));
    assert.doesNotMatch(r.out, /^ {2}state list /m);
    assert.deepEqual(loadedFrom(r.loaded, /\/dist\/cmd\/commands\//), []);
  });

  it("a terraform_data plan with block YAML loads neither the cluster provider nor yaml nor bcryptjs", () => {
    const dir = mkdtempSync(join(work, "plan-"));
    writeFileSync(join(dir, "users.yaml"), "user0:\n  - admins\nuser1:\n  - developers\n  - operators\n");
    writeFileSync(
      join(dir, "main.tf"),
      `locals {\n  users = yamldecode(file("users.yaml"))\n}\nresource "terraform_data" "user" {\n  for_each = local.users\n  input    = each.value\n}\n`,
    );
    const r = run(dir, ["plan", "-no-color"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Plan: 2 to add, 0 to change, 0 to destroy\./);
    assert.deepEqual(loadedFrom(r.loaded, /\/node_modules\/(yaml|bcryptjs)\/|\/dist\/(providers\/cluster|cluster)\//), []);
  });

  it("init of a terraform_data configuration loads no provider, nor module installation (git, archives)", () => {
    const dir = mkdtempSync(join(work, "init-"));
    writeFileSync(join(dir, "main.tf"), 'resource "terraform_data" "a" {\n  input = "x"\n}\n');
    const r = run(dir, ["init", "-no-color"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Cairn has been successfully initialized!/);
    assert.match(r.out, /terraform\.io\/builtin\/terraform is built in to Cairn/);
    assert.deepEqual(loadedFrom(r.loaded, /\/dist\/providers\/(terraform|cluster)\/|\/dist\/modules\/(install|git|tar|zip|extract-archive)\.js$|^node:child_process$/), []);
    assert.ok(loadedFrom(r.loaded, /\/dist\/lang\/syntax\/parser\.js$/).length > 0, "control: the configuration was parsed");
  });

  it("a plan on the embedded cluster core loads neither the etcd client nor gRPC (only the etcd mode uses them)", () => {
    const dir = mkdtempSync(join(work, "cluster-"));
    writeFileSync(join(dir, "main.tf"), 'resource "cluster_namespace" "app" {\n  name = "app"\n}\n');
    const r = run(dir, ["plan", "-no-color"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Plan: 1 to add, 0 to change, 0 to destroy\./);
    assert.ok(loadedFrom(r.loaded, /\/dist\/cluster\/controllers\/core\.js$/).length > 0, "the embedded core was opened");
    assert.deepEqual(loadedFrom(r.loaded, /\/node_modules\/(etcd3|@grpc|protobufjs)\/|\/dist\/cluster\/store\/etcd-/), []);
  });

  it("a plan through the cluster provider as a plugin loads protobufjs in neither cairn nor the plugin", () => {
    // The plugin protocol's messages are described at build time (providers/plugin/proto-descriptors.ts).
    const dir = mkdtempSync(join(work, "plugin-"));
    makeClusterMirror(join(dir, "mirror"), currentPlatform());
    writeFileSync(join(dir, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${join(dir, "mirror")}"\n  }\n}\n`);
    const cfg = join(dir, "cfg");
    mkdirSync(cfg);
    writeFileSync(join(cfg, "main.tf"), 'terraform {\n  required_providers {\n    cluster = { source = "cairn/cluster" }\n  }\n}\nresource "cluster_namespace" "app" {\n  name = "app"\n}\n');
    const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"), NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` };
    const init = run(cfg, ["init", "-no-color"], "", false, env);
    assert.equal(init.code, 0, init.err);
    const r = run(cfg, ["plan", "-no-color"], "", false, env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Plan: 1 to add, 0 to change, 0 to destroy\./);
    for (const end of ["client", "server", "proto-codec"]) assert.ok(loadedFrom(r.loaded, new RegExp(`/dist/providers/plugin/${end}\\.js$`)).length > 0, `control: ${end}.js was loaded`);
    assert.deepEqual(loadedFrom(r.loaded, /\/node_modules\/protobufjs\//), []);
  });

  it("the bundled cairn version loads the bundle's entry and a handful of small chunks, and no dependency", (t) => {
    const bundleMain = pathToFileURL(join(dist, "cli", "main.cjs")).href;
    if (!existsSync(fileURLToPath(bundleMain))) {
      t.skip("no bundle in dist/cli (`npm run build` makes it)");
      return;
    }
    const r = run(work, ["version"], "", true);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Cairn v/);
    const fromDist = loadedFrom(r.loaded, /\/dist\//);
    if (!fromDist.includes(bundleMain)) {
      t.skip("the bundle is older than the TypeScript build (tsc ran alone since `npm run build`)");
      return;
    }
    assert.ok(fromDist.every((u) => u.startsWith(pathToFileURL(join(dist, "cli")).href)), fromDist.join("\n"));
    assert.ok(fromDist.length <= 8, fromDist.join("\n"));
    assert.deepEqual(loadedFrom(r.loaded, /\/node_modules\//), []);
  });

  it("control: the preload sees CommonJS and lazily imported modules (yaml outside the fast path, bcrypt)", () => {
    const r = run(work, ["console"], 'yamldecode("a: [1, 2]")\nlength(bcrypt("x", 4))\n');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /60/);
    assert.ok(loadedFrom(r.loaded, /\/node_modules\/yaml\//).length > 0, "yaml loaded");
    assert.ok(loadedFrom(r.loaded, /\/node_modules\/bcryptjs\//).length > 0, "bcryptjs loaded");
    assert.ok(loadedFrom(r.loaded, heavy).every((u) => /yaml|bcryptjs/.test(u)));
  });
});

describe("built-in providers", () => {
  it("name the cluster provider without importing it, by the address the provider itself declares", () => {
    assert.equal(builtinClusterProviderAddr.key(), clusterProviderAddr.key());
    assert.ok(builtinProviders().has(clusterProviderAddr));
  });

  it("are registered at exactly the addresses init reports as built in, in that order", () => {
    assert.deepEqual(builtinProviders().addresses().map(String), builtinProviderAddrs.map(String));
  });

  it("load the cluster provider on its first call, and close it without loading when unused", async () => {
    const unused = builtinProviders().instantiate(Provider.implied("cluster")).provider as LazyProvider;
    assert.ok(unused instanceof LazyProvider);
    await unused.close();
    assert.equal(unused.loaded, false);
    const used = builtinProviders().instantiate(Provider.implied("cluster")).provider as LazyProvider;
    const schema = await used.getSchema();
    assert.equal(used.loaded, true);
    assert.ok(schema.resourceTypes.has("cluster_node"));
    await used.close();
  });
});
