// The plugins a working directory uses, for every command that runs providers: dev_overrides from the CLI
// configuration, and the packages `cairn init` installed under .terraform/providers, each checked against
// the hashes in .terraform.lock.hcl before it may run. A package whose hash no longer matches is refused:
// its provider answers every call with that diagnostic, so the command fails before any change.

import { join } from "node:path";
import { parseProviderSource, type Provider } from "../../addrs/provider.js";
import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { readCliConfig } from "./cli-config.js";
import { packageHashH1 } from "./package-hash.js";
import { currentPlatform } from "./platform.js";
import { readProviderLocks } from "./provider-lock.js";
import { packageExecutable } from "./sources.js";

export const INSTALLED_PROVIDERS_DIR = join(".terraform", "providers");

export interface InstalledPlugin {
  readonly addr: Provider;
  readonly executable: string;
  /** Why it must not run, when it must not. */
  readonly refusal?: Diagnostic;
}

export function installedPackageDir(cwd: string, addr: Provider, version: string): string {
  return join(cwd, INSTALLED_PROVIDERS_DIR, addr.hostname, addr.namespace, addr.type, version, currentPlatform());
}

export function installedPlugins(cwd: string, env: NodeJS.ProcessEnv): { plugins: InstalledPlugin[]; diags: Diagnostic[] } {
  const { config, diags } = readCliConfig(env);
  const plugins = new Map<string, InstalledPlugin>();
  const locked = readProviderLocks(cwd);
  diags.push(...locked.diags);
  for (const lock of locked.locks.values()) {
    const addr = parseProviderSource(lock.source).provider;
    if (addr === undefined) continue;
    const dir = installedPackageDir(cwd, addr, lock.version);
    const executable = packageExecutable(dir, addr.type);
    if (executable === undefined) {
      plugins.set(addr.key(), {
        addr,
        executable: join(dir, `terraform-provider-${addr.type}`),
        refusal: errorDiag("Required plugins are not installed", `The installed provider plugins are not consistent with the packages selected in the dependency lock file:\n  - ${addr.forDisplay()}: there is no package for ${addr.forDisplay()} ${lock.version} cached in ${INSTALLED_PROVIDERS_DIR}\n\nRun "cairn init" to install all of the required plugins.`),
      });
      continue;
    }
    const h1 = packageHashH1(dir);
    plugins.set(addr.key(), {
      addr,
      executable,
      ...(lock.hashes.includes(h1)
        ? {}
        : {
            refusal: errorDiag(
              "Required plugins are not installed",
              `The installed provider plugins are not consistent with the packages selected in the dependency lock file:\n  - ${addr.forDisplay()}: the cached package for ${addr.forDisplay()} ${lock.version} (in ${INSTALLED_PROVIDERS_DIR}) does not match any of the checksums recorded in the dependency lock file\n\nCairn will not run a plugin whose package changed. If the change is yours, run "cairn init -upgrade" to record the new package.`,
            ),
          }),
    });
  }
  // dev_overrides win over everything installed, as in Terraform.
  for (const [source, dir] of config.devOverrides) {
    const addr = parseProviderSource(source).provider;
    if (addr === undefined) continue;
    const executable = packageExecutable(dir, addr.type);
    if (executable === undefined) {
      diags.push(errorDiag("Invalid provider development override", `The dev_overrides entry for ${source} in ${config.file ?? "the CLI configuration"} names ${dir}, which holds no executable terraform-provider-${addr.type}.`));
      continue;
    }
    plugins.set(addr.key(), { addr, executable });
  }
  return { plugins: [...plugins.values()], diags };
}
