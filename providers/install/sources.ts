// Where a provider's plugin package is found without a network, in Terraform's order:
//   - dev_overrides: a directory holding terraform-provider-TYPE, used as it is (not installed, not locked);
//   - -plugin-dir directories (given to init): these only, as Terraform does;
//   - otherwise the CLI configuration's filesystem_mirror paths, or without a provider_installation block
//     Terraform's implied local directories (terraform.d/plugins beside the configuration,
//     ~/.terraform.d/plugins, ~/.local/share/terraform/plugins, /usr/local/share and /usr/share);
//   - and the plugin cache (TF_PLUGIN_CACHE_DIR or plugin_cache_dir).
// A package is either unpacked, a directory HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/ holding an executable
// named terraform-provider-TYPE*, or packed, HOST/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip
// (Terraform's two mirror layouts). The newest version that meets the configuration's version constraints
// wins (version-constraints.ts).

import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Provider } from "../../addrs/provider.js";
import type { CliConfig } from "./cli-config.js";
import { currentPlatform } from "./platform.js";

export interface FoundPackage {
  readonly addr: Provider;
  readonly version: string;
  /** The unpacked package directory (…/VERSION/OS_ARCH), or the packed package's .zip. */
  readonly dir: string;
  readonly packed: boolean;
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

/**
 * The newest package of `addr` for this platform whose version `allowed` admits, and every version found
 * (for the message when none is admitted).
 */
export function findPackage(addr: Provider, locations: readonly string[], allowed: (version: string) => boolean = () => true): { found?: FoundPackage; versions: string[] } {
  const platform = currentPlatform();
  let best: FoundPackage | undefined;
  const versions = new Set<string>();
  const consider = (pkg: FoundPackage): void => {
    versions.add(pkg.version);
    if (!allowed(pkg.version)) return;
    if (best === undefined || compareVersions(pkg.version, best.version) > 0) best = pkg;
  };
  const packedName = new RegExp(`^terraform-provider-${addr.type.replace(/[^a-z0-9-]/g, "")}_(${versionPattern})_${platform}\\.zip$`);
  for (const loc of locations) {
    const base = join(loc, addr.hostname, addr.namespace, addr.type);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const packed = packedName.exec(entry);
      if (packed !== null) {
        if (statSync(join(base, entry)).isFile()) consider({ addr, version: packed[1]!, dir: join(base, entry), packed: true, location: loc });
        continue;
      }
      if (!new RegExp(`^${versionPattern}$`).test(entry)) continue;
      const dir = join(base, entry, platform);
      if (packageExecutable(dir, addr.type) === undefined) continue;
      consider({ addr, version: entry, dir, packed: false, location: loc });
    }
  }
  return { ...(best !== undefined ? { found: best } : {}), versions: [...versions].sort(compareVersions) };
}

const versionPattern = "\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?";

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
