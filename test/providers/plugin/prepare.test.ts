// A plugin server calls its provider's `prepare` once the provider is configured (and its answer sent), so
// that the code its first operations need loads while the client works; never after a failed configuration.
// Cairn's own client drives a test plugin (prepared-plugin/) that records the calls.

import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nullVal, objectVal, stringVal } from "../../../lang/values/value.js";
import { Provider } from "../../../addrs/provider.js";
import { PluginProvider } from "../../../providers/plugin/client.js";
import { impliedType } from "../../../providers/schema.js";
import { repoRoot } from "./support.js";

const cases = [
  { name: "a configured provider is prepared once, after its configuration", region: "eu", expect: ["configure eu", "prepare"] },
  { name: "a provider whose configuration failed is not prepared", region: "refuse", expect: ["configure refuse"] },
];

for (const c of cases) {
  test(c.name, async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-prepare-"));
    const log = join(dir, "calls.log");
    const exe = join(dir, "terraform-provider-prepared");
    writeFileSync(exe, `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, "dist", "test", "providers", "plugin", "prepared-plugin", "main.js")}"\n`);
    chmodSync(exe, 0o755);
    const provider = new PluginProvider({ addr: new Provider("example.com", "test", "prepared"), executable: exe, cwd: dir, env: { ...process.env, PREPARED_PLUGIN_LOG: log }, log: () => undefined });
    try {
      const schema = await provider.getSchema();
      const t = impliedType(schema.provider.block);
      const config = objectVal(Object.fromEntries([...t.attrs].map(([k, v]) => [k, k === "region" ? stringVal(c.region) : nullVal(v)])));
      const configured = await provider.configureProvider({ cairnVersion: "0.1.0", config });
      assert.equal(configured.diagnostics.some((d) => d.severity === "error"), c.region === "refuse");
      // A call after the configuration is answered after any prepare that follows it: the plugin is one process.
      await provider.validateProviderConfig({ config });
      await new Promise((r) => setTimeout(r, 100));
      const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
      assert.deepEqual(calls, c.expect);
    } finally {
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
