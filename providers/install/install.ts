// `cairn init`'s provider installation: each required provider is found where Terraform looks without a
// network (sources.ts), at the newest version its constraints admit (or the locked version, unless
// -upgrade), installed into .terraform/providers/HOST/NS/TYPE/VERSION/OS_ARCH (a symbolic link to an
// unpacked mirror directory, as Terraform links those; a packed .zip is extracted there), and locked in
// .terraform.lock.hcl with its h1: hash and the configuration's constraints. A package that matches none
// of the hashes already locked for its version (h1:, or zh: for a packed one) is refused unless -upgrade.
// Providers under dev_overrides are used in place and not locked; providers built in to Cairn need nothing
// when no plugin package is found for them.

import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { dirname } from "node:path";
import type { Provider } from "../../addrs/provider.js";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import { readCliConfig } from "./cli-config.js";
import { installedPackageDir } from "./installed.js";
import { packageHashH1, packageHashZh } from "./package-hash.js";
import { type ProviderLock, readProviderLocks, renderProviderLocks, writeProviderLocks } from "./provider-lock.js";
import { findPackage, searchLocations } from "./sources.js";
import { constraintsString, type VersionConstraint, versionMeets } from "./version-constraints.js";
import { extractZip } from "./zip-package.js";

export interface InstallOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly providers: readonly Provider[];
  /** Every version constraint the configuration gives each provider (by Provider.toString()). */
  readonly constraints: ReadonlyMap<string, readonly VersionConstraint[]>;
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
    const constraints = opts.constraints.get(addr.toString()) ?? [];
    const constraintText = constraintsString(constraints);
    const previous = locked.locks.get(addr.toString());
    const reuse = !opts.upgrade && previous !== undefined;
    if (reuse && !versionMeets(previous.version, constraints)) {
      diags.push(
        errorDiag(
          "Failed to query available provider packages",
          `Could not retrieve the list of available versions for provider ${addr.forDisplay()}: locked provider ${addr.toString()} ${previous.version} does not match configured version constraint ${constraintText}; must use cairn init -upgrade to allow selection of new versions`,
        ),
      );
      continue;
    }
    const { found, versions } = findPackage(addr, locations, reuse ? (v) => v === previous.version : (v) => versionMeets(v, constraints));
    if (found === undefined) {
      if (opts.isBuiltIn(addr) && versions.length === 0) {
        lines.push(`- ${addr.forDisplay()} is built in to Cairn`);
        continue;
      }
      const why =
        versions.length === 0
          ? `provider ${addr.forDisplay()} was not found in any of the search locations\n\n${locations.map((l) => `  - ${l}`).join("\n")}\n\nCairn installs providers without a network: put the package in a filesystem mirror (-plugin-dir, provider_installation { filesystem_mirror } in the CLI configuration) or name it in dev_overrides. Built in to Cairn: ${opts.builtInNames.join(", ")}.`
          : reuse
            ? `the locked version ${previous.version} is not in any of the search locations (they hold ${versions.join(", ")}); run "cairn init -upgrade" to select another version`
            : `no available releases match the given constraints ${constraintText} (the search locations hold ${versions.join(", ")})`;
      diags.push(errorDiag("Failed to query available provider packages", `Could not retrieve the list of available versions for provider ${addr.forDisplay()}: ${why}`));
      continue;
    }
    lines.push(reuse ? `- Reusing previous version of ${addr.forDisplay()} from the dependency lock file` : constraintText === "" ? `- Finding latest version of ${addr.forDisplay()}...` : `- Finding ${addr.forDisplay()} versions matching "${constraintText}"...`);
    lines.push(`- Installing ${addr.forDisplay()} v${found.version}...`);
    const target = installedPackageDir(opts.cwd, addr, found.version);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target) || isLink(target)) rmSync(target, { recursive: true, force: true });
    if (found.packed) {
      // Extracted beside the target and renamed into place: an interrupted extraction leaves no package.
      const staging = `${target}.partial-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      const failed = extractZip(found.dir, staging);
      if (failed !== undefined) {
        rmSync(staging, { recursive: true, force: true });
        diags.push(errorDiag("Failed to install provider", `Error while installing ${addr.forDisplay()} v${found.version}: the package ${found.dir} cannot be extracted: ${failed}.`));
        continue;
      }
      renameSync(staging, target);
    } else symlinkSync(found.dir, target, "dir");
    const hash = packageHashH1(target);
    const accepted = found.packed ? [hash, packageHashZh(found.dir)] : [hash];
    if (!opts.upgrade && previous !== undefined && previous.version === found.version && !previous.hashes.some((h) => accepted.includes(h))) {
      rmSync(target, { recursive: true, force: true });
      diags.push(
        errorDiag(
          "Failed to install provider",
          `Error while installing ${addr.forDisplay()} v${found.version}: the local package for ${addr.forDisplay()} ${found.version} doesn't match any of the checksums previously recorded in the dependency lock file (this might be because the available checksums are for packages targeting different platforms); run "cairn init -upgrade" to accept the new package.`,
        ),
      );
      continue;
    }
    lines.push(`- Installed ${addr.forDisplay()} v${found.version} (unauthenticated, from ${found.location})`);
    const hashes = previous !== undefined && previous.version === found.version && !opts.upgrade ? previous.hashes : [];
    locks.set(addr.toString(), { source: addr.toString(), version: found.version, ...(constraintText !== "" ? { constraints: constraintText } : {}), hashes: hashes.includes(hash) ? hashes : [...hashes, hash] });
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
