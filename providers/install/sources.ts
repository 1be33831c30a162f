// Where a provider's plugin package is found without a network, in Terraform's order:
//   - dev_overrides: a directory holding terraform-provider-TYPE, used as it is (not installed, not locked);
//   - -plugin-dir directories (given to init): these only, as Terraform does;
//   - otherwise the CLI configuration's filesystem_mirror paths, or without a provider_installation block
//     Terraform's implied local directories (terraform.d/plugins beside the configuration,
//     ~/.terraform.d/plugins, ~/.local/share/terraform/plugins, /usr/local/share and /usr/share);
//   - and the plugin cache (TF_PLUGIN_CACHE_DIR or plugin_cache_dir).
// A package is an unpacked directory HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/ holding an executable named
// terraform-provider-TYPE*, in every location (Terraform's "unpacked" mirror layout). The newest version
// found wins; Cairn does not yet read version constraints (docs/providers.md).

import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Provider } from "../../addrs/provider.js";
import type { CliConfig } from "./cli-config.js";
import { currentPlatform } from "./platform.js";

export interface FoundPackage {
  readonly addr: Provider;
  readonly version: string;
  /** The package directory (…/VERSION/OS_ARCH). */
  readonly dir: string;
  readonly executable: string;
  /** Which location it came from, for init's output. */
  readonly location: string;
}

export function searchLocations(config: CliConfig, cwd: string, pluginDirs: readonly string[]): string[] {
  const out: string[] = [];
  if (pluginDirs.length > 0) out.push(...pluginDirs);
  else if (config.mirrors !== undefined) out.push(...config.mirrors.map((m) => m.path));
  else {
    const home = homedir();
    out.push(join(cwd, "terraform.d", "plugins"), join(home, ".terraform.d", "plugins"), join(home, ".local", "share", "terraform", "plugins"), "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins");
  }
  if (config.pluginCacheDir !== undefined && pluginDirs.length === 0) out.push(config.pluginCacheDir);
  return out;
}

/** The executable of a package directory: terraform-provider-TYPE or terraform-provider-TYPE_*. */
export function packageExecutable(dir: string, type: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const names = readdirSync(dir).filter((n) => n === `terraform-provider-${type}` || n.startsWith(`terraform-provider-${type}_`));
  for (const n of names.sort()) {
    const p = join(dir, n);
    const st = statSync(p);
    if (st.isFile() && (st.mode & 0o111) !== 0) return p;
  }
  return undefined;
}

export function findPackage(addr: Provider, locations: readonly string[]): FoundPackage | undefined {
  const platform = currentPlatform();
  let best: FoundPackage | undefined;
  for (const loc of locations) {
    const base = join(loc, addr.hostname, addr.namespace, addr.type);
    if (!existsSync(base)) continue;
    for (const version of readdirSync(base)) {
      if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) continue;
      const dir = join(base, version, platform);
      const executable = packageExecutable(dir, addr.type);
      if (executable === undefined) continue;
      if (best === undefined || compareVersions(version, best.version) > 0) best = { addr, version, dir, executable, location: loc };
    }
  }
  return best;
}

/** Semantic version order (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const split = (v: string): [number[], string] => {
    const [core, pre = ""] = v.split("-", 2) as [string, string?];
    return [core.split(".").map(Number), pre];
  };
  const [ac, ap] = split(a);
  const [bc, bp] = split(b);
  for (let i = 0; i < 3; i++) if (ac[i] !== bc[i]) return (ac[i] ?? 0) - (bc[i] ?? 0);
  if (ap === bp) return 0;
  if (ap === "") return 1;
  if (bp === "") return -1;
  return ap < bp ? -1 : 1;
}
