// The CLI configuration reader (HCL 1: quoted attribute names) for provider installation.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readCliConfig } from "../../../providers/install/cli-config.js";

const dir = mkdtempSync(join(tmpdir(), "cairn-cli-config-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string, extra: NodeJS.ProcessEnv = {}) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.tfrc`);
  writeFileSync(file, text);
  return readCliConfig({ TF_CLI_CONFIG_FILE: file, ...extra });
}

describe("CLI configuration", () => {
  it("reads dev_overrides with quoted names, mirrors with include lists, the cache dir and comments", () => {
    const { config, diags } = read(`# comment
plugin_cache_dir = "/cache"
provider_installation {
  dev_overrides {
    "cairn/cluster" = "/opt/cairn/bin" // trailing
  }
  /* a block
     comment */
  filesystem_mirror {
    path    = "/mirror"
    include = ["cairn/*", "example.com/*/*"]
  }
  direct {
    exclude = ["cairn/*"]
  }
}
`);
    assert.deepEqual(diags, []);
    assert.deepEqual([...config.devOverrides], [["cairn/cluster", "/opt/cairn/bin"]]);
    assert.deepEqual(config.mirrors, [{ path: "/mirror", include: ["cairn/*", "example.com/*/*"] }]);
    assert.equal(config.pluginCacheDir, "/cache");
  });

  it("TF_PLUGIN_CACHE_DIR wins over plugin_cache_dir; no provider_installation block means implied directories", () => {
    const { config } = read(`plugin_cache_dir = "/cache"\n`, { TF_PLUGIN_CACHE_DIR: "/env-cache" });
    assert.equal(config.pluginCacheDir, "/env-cache");
    assert.equal(config.mirrors, undefined);
  });

  const bad: [string, RegExp][] = [
    ['provider_installation {\n  dev_overrides {\n    "a/b" = "/x"\n', /:4: block "dev_overrides" is not closed/],
    ['provider_installation {\n  filesystem_mirror {}\n}\n', /:2: a filesystem_mirror needs a "path"/],
    ['provider_installation {\n  carrier_pigeon {}\n}\n', /:2: unknown provider installation method "carrier_pigeon"/],
    ['x = "unterminated\n', /:1: unterminated string/],
  ];
  for (const [text, want] of bad) {
    it(`reports ${want.source}`, () => {
      const { diags } = read(text);
      assert.equal(diags.length, 1);
      assert.equal(diags[0]!.summary, "Invalid CLI configuration");
      assert.match(diags[0]!.detail ?? "", want);
    });
  }
});
