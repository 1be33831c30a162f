// Acceptance: Cairn drives its cluster provider as an external plugin (`cairn provider serve cluster`,
// installed by `cairn init` from a filesystem mirror named in the CLI configuration) through the quick
// start: plan, apply, a no-op plan, import (an import block), destroy; the same as the in-process provider in a twin
// directory. Also: the lock file is Terraform's (the same h1: as `terraform providers lock -fs-mirror`),
// a package changed after init is refused, and no plugin process outlives a command.

import assert from "node:assert/strict";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { currentPlatform } from "../../../providers/install/platform.js";
import { cairnBin, makeClusterMirror, noPluginsLeft, repoRoot, run, terraformAvailable, versionsTf } from "./support.js";

interface ShowJson {
  values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
}

/** What must agree between the two paths: each object's attributes, less the names the cluster makes up. */
function comparable(show: string): Record<string, Record<string, unknown>> {
  const j = JSON.parse(show) as ShowJson;
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of j.values?.root_module?.resources ?? []) {
    // Pod names, pod IPs and service IPs are made up in creation order, which parallel applies do not fix.
    const { placements, cluster_ip, endpoints, ...rest } = r.values;
    const count = (v: unknown) => (Array.isArray(v) ? v.length : v);
    out[r.address] = { ...rest, placements: count(placements), endpoints: count(endpoints), cluster_ip: typeof cluster_ip };
  }
  return out;
}

describe("cairn drives cairn/cluster as an external plugin", () => {
  let root = "";
  let mirror = "";
  let pluginDir = "";
  let builtinDir = "";
  let env: NodeJS.ProcessEnv = {};
  let exe = "";
  const cairn = (dir: string, ...args: string[]) => run(cairnBin, args, dir, env);
  /** Diagnostics are wrapped to the terminal's width: compare their words. */
  const unwrapped = (s: string) => s.replace(/\s*\n[│╷╵]?\s*/g, " ");

  before(() => {
    root = mkdtempSync(join(tmpdir(), "cairn-plugin-"));
    mirror = join(root, "mirror");
    exe = makeClusterMirror(mirror, currentPlatform());
    writeFileSync(join(root, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    env = { TF_CLI_CONFIG_FILE: join(root, "cli.tfrc") };
    const example = join(repoRoot, "examples", "cluster-basic");
    for (const d of ["plugin", "builtin"]) {
      mkdirSync(join(root, d));
      for (const f of readdirSync(example).filter((n) => n.endsWith(".tf"))) copyFileSync(join(example, f), join(root, d, f));
      writeFileSync(join(root, d, "versions.tf"), versionsTf);
    }
    pluginDir = join(root, "plugin");
    builtinDir = join(root, "builtin");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("init installs the plugin from the mirror and locks it as Terraform does", async (t) => {
    const init = await cairn(pluginDir, "init");
    assert.equal(init.code, 0, init.stdout + init.stderr);
    assert.match(init.stdout, /- Installed cairn\/cluster v0\.1\.0 \(unauthenticated/);
    const lock = readFileSync(join(pluginDir, ".terraform.lock.hcl"), "utf8");
    assert.match(lock, /^provider "registry\.terraform\.io\/cairn\/cluster" \{\n {2}version = "0\.1\.0"\n {2}hashes = \[\n {4}"h1:[A-Za-z0-9+/]{43}=",\n {2}\]\n\}$/m);
    // The built-in twin has no mirror: cairn/cluster is served in process.
    const builtinInit = await run(cairnBin, ["init"], builtinDir, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(builtinInit.code, 0, builtinInit.stderr);
    assert.match(builtinInit.stdout, /- cairn\/cluster is built in to Cairn/);
    if (!terraformAvailable()) {
      t.diagnostic("the real terraform binary is not on the PATH: the lock file was not compared with Terraform's");
      return;
    }
    const tfDir = join(root, "tf-lock");
    mkdirSync(tfDir);
    writeFileSync(join(tfDir, "versions.tf"), versionsTf);
    const tfLock = await run("terraform", ["providers", "lock", `-fs-mirror=${mirror}`, `-platform=${currentPlatform()}`], tfDir, { TF_CLI_CONFIG_FILE: "/dev/null" });
    assert.equal(tfLock.code, 0, tfLock.stderr);
    assert.equal(lock, readFileSync(join(tfDir, ".terraform.lock.hcl"), "utf8"));
  });

  it("plan, apply, no-op plan, import and destroy give the in-process provider's results", async () => {
    const results: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const dir of [pluginDir, builtinDir]) {
      const e = dir === builtinDir ? { TF_CLI_CONFIG_FILE: "/dev/null" } : env;
      const c = (...args: string[]) => run(cairnBin, args, dir, e);
      const plan = await c("plan", "-detailed-exitcode");
      assert.equal(plan.code, 2, plan.stdout + plan.stderr);
      assert.match(plan.stdout, /Plan: 12 to add, 0 to change, 0 to destroy\./);
      const apply = await c("apply", "-auto-approve");
      assert.equal(apply.code, 0, apply.stdout + apply.stderr);
      assert.match(apply.stdout, /Apply complete! Resources: 12 added, 0 changed, 0 destroyed\./);
      const noop = await c("plan", "-detailed-exitcode");
      assert.equal(noop.code, 0, noop.stdout + noop.stderr);
      const rm = await c("state", "rm", "cluster_namespace.app");
      assert.equal(rm.code, 0, rm.stderr);
      // Cairn imports with import blocks (it has no `import` command).
      writeFileSync(join(dir, "imports.tf"), 'import {\n  to = cluster_namespace.app\n  id = "app"\n}\n');
      const imported = await c("apply", "-auto-approve");
      assert.equal(imported.code, 0, imported.stdout + imported.stderr);
      assert.match(imported.stdout, /Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed\./);
      const afterImport = await c("plan", "-detailed-exitcode");
      assert.equal(afterImport.code, 0, afterImport.stdout + afterImport.stderr);
      const show = await run(cairnBin, ["show", "-json"], dir, e);
      assert.equal(show.code, 0, show.stderr);
      results[dir] = comparable(show.stdout);
      const destroy = await c("destroy", "-auto-approve");
      assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
      assert.match(destroy.stdout, /Destroy complete! Resources: 12 destroyed\./);
      assert.deepEqual(await noPluginsLeft(dir), [], `no plugin process is left in ${dir}`);
    }
    assert.equal(Object.keys(results[pluginDir]!).length, 13);
    assert.deepEqual(results[pluginDir], results[builtinDir]);
  });

  it("a plan starts the plugin once, ahead of its first call, and every instance uses that process", async () => {
    const log = join(root, "plan.log");
    const plan = await run(cairnBin, ["plan", "-no-color"], pluginDir, { ...env, CAIRN_LOG: "DEBUG", CAIRN_LOG_PATH: log });
    // After the destroy above, the configuration's import block names an object that is gone: exit 1, planned.
    assert.match(plan.stdout, /Plan: \d+ to add/, plan.stdout + plan.stderr);
    const lines = readFileSync(log, "utf8").split("\n");
    const ahead = lines.findIndex((l) => l.includes("ahead of the command's first call"));
    const started = lines.filter((l) => /\] provider\[[^\]]+\]: started .* \(pid \d+\)/.test(l));
    assert.ok(ahead >= 0, "the plugin is started before the command's first call");
    assert.equal(started.length, 1, started.join("\n"));
    const pid = /\(pid (\d+)\)/.exec(started[0]!)![1];
    const reused = lines.filter((l) => l.includes("which has only answered its schema"));
    assert.ok(reused.length >= 1, "the command's instances take the running process");
    for (const l of reused) assert.match(l, new RegExp(`\\(pid ${pid}\\)`));
    assert.deepEqual(await noPluginsLeft(pluginDir), []);
  });

  it("a plugin package changed after init is refused", async () => {
    appendFileSync(exe, "# changed\n");
    const plan = await cairn(pluginDir, "plan");
    assert.equal(plan.code, 1, plan.stdout + plan.stderr);
    assert.match(plan.stderr, /Required plugins are not installed/);
    assert.match(unwrapped(plan.stderr), /cairn\/cluster 0\.1\.0 \(in \.terraform\/providers\) does not match any of the checksums recorded in the dependency lock file/);
    const init = await cairn(pluginDir, "init");
    assert.equal(init.code, 1, init.stdout + init.stderr);
    assert.match(unwrapped(init.stderr), /doesn't match any of the checksums previously recorded/);
    assert.deepEqual(await noPluginsLeft(pluginDir), []);
  });
});
