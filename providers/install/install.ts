// `cairn init`'s provider installation: each required provider is found where Terraform looks without a
// network (sources.ts), linked into .terraform/providers/HOST/NS/TYPE/VERSION/OS_ARCH (a symbolic link to
// the mirror's directory, as Terraform links unpacked local packages), and locked in .terraform.lock.hcl
// with its h1: hash. A package that differs from the one already locked at that version is refused
// unless -upgrade. Providers under dev_overrides are used in place and not locked; providers built in to
// Cairn need nothing when no plugin package is found for them.

import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname } from "node:path";
import type { Provider } from "../../addrs/provider.js";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import { readCliConfig } from "./cli-config.js";
import { installedPackageDir } from "./installed.js";
import { packageHashH1 } from "./package-hash.js";
import { type ProviderLock, readProviderLocks, renderProviderLocks, writeProviderLocks } from "./provider-lock.js";
import { findPackage, searchLocations } from "./sources.js";

export interface InstallOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly providers: readonly Provider[];
  readonly pluginDirs: readonly string[];
  readonly upgrade: boolean;
  readonly isBuiltIn: (p: Provider) => boolean;
  readonly builtInNames: readonly string[];
}

export function installProviders(opts: InstallOptions): { lines: string[]; diags: Diagnostic[] } {
  const { config, diags } = readCliConfig(opts.env);
  if (hasErrors(diags)) return { lines: [], diags };
  const lines: string[] = [];
  const locked = readProviderLocks(opts.cwd);
  diags.push(...locked.diags);
  if (hasErrors(diags)) return { lines, diags };
  const locations = searchLocations(config, opts.cwd, opts.pluginDirs);
  const locks = new Map<string, ProviderLock>();
  for (const addr of opts.providers) {
    if (config.devOverrides.has(addr.forDisplay()) || config.devOverrides.has(addr.toString())) {
      lines.push(`- ${addr.forDisplay()} is overridden for development (dev_overrides in ${config.file}); not installed or locked`);
      continue;
    }
    const found = findPackage(addr, locations);
    if (found === undefined) {
      if (opts.isBuiltIn(addr)) {
        lines.push(`- ${addr.forDisplay()} is built in to Cairn`);
        continue;
      }
      diags.push(
        errorDiag(
          "Failed to query available provider packages",
          `Could not retrieve the list of available versions for provider ${addr.forDisplay()}: provider ${addr.forDisplay()} was not found in any of the search locations\n\n${locations.map((l) => `  - ${l}`).join("\n")}\n\nCairn installs providers without a network: put the package in a filesystem mirror (-plugin-dir, provider_installation { filesystem_mirror } in the CLI configuration) or name it in dev_overrides. Built in to Cairn: ${opts.builtInNames.join(", ")}.`,
        ),
      );
      continue;
    }
    const hash = packageHashH1(found.dir);
    const previous = locked.locks.get(addr.toString());
    if (!opts.upgrade && previous !== undefined && previous.version === found.version && !previous.hashes.includes(hash)) {
      diags.push(
        errorDiag(
          "Failed to install provider",
          `Error while installing ${addr.forDisplay()} v${found.version}: the local package for ${addr.forDisplay()} ${found.version} doesn't match any of the checksums previously recorded in the dependency lock file (this might be because the available checksums are for packages targeting different platforms); run "cairn init -upgrade" to accept the new package.`,
        ),
      );
      continue;
    }
    lines.push(`- Installing ${addr.forDisplay()} v${found.version}...`);
    const target = installedPackageDir(opts.cwd, addr, found.version);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target) || isLink(target)) rmSync(target, { recursive: true, force: true });
    symlinkSync(found.dir, target, "dir");
    lines.push(`- Installed ${addr.forDisplay()} v${found.version} (unauthenticated, from ${found.location})`);
    const hashes = previous !== undefined && previous.version === found.version && !opts.upgrade ? previous.hashes : [hash];
    locks.set(addr.toString(), { source: addr.toString(), version: found.version, hashes: hashes.includes(hash) ? hashes : [...hashes, hash] });
  }
  if (hasErrors(diags)) return { lines, diags };
  if (locks.size > 0 || locked.locks.size > 0) {
    writeProviderLocks(opts.cwd, renderProviderLocks(locks.values()));
    if (locked.locks.size === 0) lines.push("", 'Cairn has created a lock file .terraform.lock.hcl to record the provider\nselections it made above. Include this file in your version control repository\nso that Cairn can guarantee to make the same selections by default when\nyou run "cairn init" in the future.');
  }
  return { lines, diags };
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
