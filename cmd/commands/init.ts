// `cairn init [-input=false] [-upgrade] [-get=false] [-plugin-dir=DIR]... [-backend-config=...]... [-reconfigure |
// -migrate-state [-force-copy]]`: prepares the working directory. Configures the backend (operations/backend/init.ts,
// docs/backends.md). Checks that the root
// configuration loads (its diagnostics otherwise, exit 1), installs the git and archive modules of the whole
// module tree into `.cairn/modules/` and locks them in `.cairn.lock.hcl` (modules/install.ts: all or nothing,
// so a failed installation leaves the disk as it was), creates `.cairn/`, and installs the providers the
// configuration requires: plugin packages from filesystem mirrors into .terraform/providers, locked in
// .terraform.lock.hcl (providers/install/install.ts, docs/providers.md); providers built in to Cairn with
// no plugin package found need nothing and are reported as Terraform reports built-in providers.

import { loadRootConfiguration } from "../../operations/load-root.js";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { errorDiag, hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { Provider } from "../../addrs/index.js";
import { configFileNames, type ConfigModule } from "../../config/index.js";
import { compareStrings } from "../../lang/values/compare.js";
import { builtinProviderAddrs } from "../../providers/builtin-addrs.js";
import { installProviders } from "../../providers/install/install.js";
import { parseProviderConstraints, type VersionConstraint } from "../../providers/install/version-constraints.js";
import { decodeConstString } from "../../config/static.js";
import { parseFlags } from "../flags.js";
import type { Command } from "../registry.js";
import { flagDiag, newUi, sourceless } from "../views/ui.js";
import { sourceFileFromAst, sourceFileFromBytes } from "../../lang/source-files.js";
import { formatRange } from "../../lang/pos.js";
import type { SourceFile } from "../views/diagnostics.js";
import { lockFlagSpecs, readLockOptions } from "../flag-groups.js";
import { initBackend } from "../../operations/backend/init.js";
import { stateKeyring } from "../../operations/keyring.js";
import type { CommandContext } from "../registry.js";

export const WORKING_DIR_NAME = ".cairn";

export const initCommand: Command = {
  name: "init",
  synopsis: "Prepare your working directory for other commands",
  async run(argv, ctx) {
    const parsed = parseFlags(argv, {
      ...lockFlagSpecs,
      input: { kind: "bool", default: true },
      upgrade: { kind: "bool", default: false },
      backend: { kind: "bool", default: true },
      get: { kind: "bool", default: true },
      reconfigure: { kind: "bool", default: false },
      "migrate-state": { kind: "bool", default: false },
      "force-copy": { kind: "bool", default: false },
      "backend-config": { kind: "repeated" },
      "no-color": { kind: "bool", default: false },
      "plugin-dir": { kind: "repeated" },
    });
    const noColor = argv.includes("-no-color") || (parsed.ok && parsed.flags.bools.get("no-color") === true);
    const ui = newUi(ctx, { noColor });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("init");
      return 1;
    }
    const lock = readLockOptions(parsed.flags);
    if ("error" in lock) {
      ui.diagnostics([flagDiag(lock.error)]);
      return 1;
    }
    if (parsed.flags.positional.length > 0) {
      ui.diagnostics([sourceless("Too many command line arguments", "Did you mean to use -chdir?")]);
      ui.helpPrompt("init");
      return 1;
    }
    const color = !noColor && ctx.stdout.isTTY === true;
    const bold = (s: string) => (color ? `\x1b[0m\x1b[1m${s}\x1b[0m` : s);
    const green = (s: string) => (color ? `\x1b[0m\x1b[32m${s}\x1b[0m` : s);

    if (configFileNames(ctx.cwd).primary.length === 0 && configFileNames(ctx.cwd).override.length === 0) {
      ctx.stdout.write(
        `${bold("Cairn initialized in an empty directory!")}\n\n` +
          "The directory has no Cairn configuration files. You may begin working\n" +
          "with Cairn immediately by creating Cairn configuration files.\n",
      );
      return 0;
    }

    const { module, diags, sources } = loadConfig(ctx.cwd);
    if (hasErrors(diags)) {
      ui.diagnostics(
        [
          sourceless(
            "Cairn encountered problems during initialisation, including problems with the configuration, described below.",
            "The Cairn configuration must be valid before initialization so that\nCairn can determine which modules and providers need to be installed.",
          ),
          ...diags,
        ],
        sources,
      );
      return 1;
    }
    const modules = [module];
    if (parsed.flags.bools.get("get") !== false && module.moduleCalls.size > 0) {
      const upgrade = parsed.flags.bools.get("upgrade") === true;
      ctx.stdout.write(bold(upgrade ? "Upgrading modules..." : "Initializing modules...") + "\n");
      // Imported here: module installation (git, archives, their packages) is for configurations that call modules.
      const { installModules } = await import("../../modules/install.js");
      const installed = await installModules(ctx.cwd, { upgrade });
      for (const line of installed.lines) ctx.stdout.write(line + "\n");
      for (const [name, bytes] of installed.sourceBytes) {
        if (sources.has(name)) continue;
        const body = installed.tree.nativeBodies.get(name);
        sources.set(name, body !== undefined ? sourceFileFromAst({ filename: name, body, bytes }) : sourceFileFromBytes(bytes));
      }
      // The root module's own diagnostics were shown (or will be) already; the walk loaded it again.
      const seen = new Set(diags.map(diagKey));
      const moduleDiags = installed.diags.filter((d) => !seen.has(diagKey(d)));
      if (hasErrors(moduleDiags)) {
        ui.diagnostics([...diags, ...moduleDiags], sources);
        return 1;
      }
      diags.push(...moduleDiags);
      modules.push(...installed.tree.nodes.slice(1).map((n) => n.module));
      ctx.stdout.write("\n");
    }
    await mkdir(join(ctx.cwd, WORKING_DIR_NAME), { recursive: true });

    if (parsed.flags.bools.get("backend") !== false) {
      ctx.stdout.write(bold("Initializing the backend...") + "\n");
      const keyring = stateKeyring(ctx, { module });
      const input = parsed.flags.bools.get("input") !== false;
      const backendDiags = hasErrors(keyring.diags)
        ? keyring.diags
        : await initBackend(ctx, module, {
            backendConfig: parsed.flags.repeated.filter((r) => r.name === "backend-config").map((r) => r.value),
            reconfigure: parsed.flags.bools.get("reconfigure") === true,
            migrateState: parsed.flags.bools.get("migrate-state") === true,
            forceCopy: parsed.flags.bools.get("force-copy") === true,
            keyring: keyring.keyring,
            output: (text) => ctx.stdout.write(text + "\n"),
            ...(input ? { confirm: (q: string) => confirmYes(ctx, q) } : {}),
          });
      if (hasErrors(backendDiags)) {
        ui.diagnostics([...diags, ...backendDiags], sources);
        return 1;
      }
      diags.push(...backendDiags);
    }
    ctx.stdout.write(bold("Initializing provider plugins...") + "\n");
    // Issue 16: providers are installed from filesystem mirrors and locked (providers/install/install.ts).
    // The built-in providers' addresses, not the registry: init installs nothing for them and need not load them.
    const builtIn = new Set(builtinProviderAddrs.map((a) => a.key()));
    const constraints = providerConstraints(modules);
    if (hasErrors(constraints.diags)) {
      ui.diagnostics([...diags, ...constraints.diags], sources);
      return 1;
    }
    const installed = installProviders({
      constraints: constraints.byProvider,
      cwd: ctx.cwd,
      env: ctx.env,
      providers: requiredProviders(modules),
      pluginDirs: parsed.flags.repeated.filter((r) => r.name === "plugin-dir").map((r) => r.value),
      upgrade: parsed.flags.bools.get("upgrade") === true,
      isBuiltIn: (p) => builtIn.has(p.key()),
      builtInNames: builtinProviderAddrs.map((a) => a.forDisplay()),
    });
    for (const line of installed.lines) ctx.stdout.write(line + "\n");
    const installDiags: Diagnostic[] = installed.diags;
    if (installDiags.length > 0) {
      ui.diagnostics([...diags, ...installDiags], sources);
      return 1;
    }
    ctx.stdout.write("\n");
    // Warnings that came without errors go last but one, so the success message is the final thing shown.
    ui.diagnostics(diags, sources);
    ctx.stdout.write(`${color ? `\x1b[0m\x1b[1m\x1b[32mCairn has been successfully initialized!\x1b[0m` : "Cairn has been successfully initialized!"}\n\n`);
    ctx.stdout.write(
      green(
        'You may now begin working with Cairn. Try running "cairn plan" to see\n' +
          "any changes that are required for your infrastructure. All Cairn commands\n" +
          "should now work.\n\n" +
          "If you ever set or change modules or backend configuration for Cairn,\n" +
          "rerun this command to reinitialize your working directory. If you forget, other\n" +
          "commands will detect it and remind you to do so if necessary.",
      ) + "\n",
    );
    return 0;
  },
};

/** Every provider the modules need: required_providers entries, provider blocks and resources. */
function requiredProviders(modules: readonly ConfigModule[]): Provider[] {
  const all = new Map<string, Provider>();
  const add = (p: Provider) => all.set(p.key(), p);
  for (const module of modules) {
    for (const rp of module.requiredProviders.values()) add(rp.provider);
    for (const pc of module.providerConfigs.values()) add(module.requiredProviders.get(pc.name)?.provider ?? Provider.implied(pc.name));
    // forEach, not a spread of both maps; resources of one provider share its address object, so a run of
    // them is added once.
    let last: Provider | undefined;
    const addResource = (r: { readonly provider: Provider }) => {
      if (r.provider !== last) add((last = r.provider));
    };
    module.managedResources.forEach(addResource);
    module.dataResources.forEach(addResource);
  }
  return [...all.values()].sort((a, b) => compareStrings(a.toString(), b.toString()));
}

/** Every module's `version` constraints in required_providers, combined per provider (as Terraform does). */
function providerConstraints(modules: readonly ConfigModule[]): { byProvider: Map<string, VersionConstraint[]>; diags: Diagnostic[] } {
  const byProvider = new Map<string, VersionConstraint[]>();
  const diags: Diagnostic[] = [];
  for (const module of modules) {
    for (const rp of module.requiredProviders.values()) {
      if (rp.versionConstraint === undefined) continue;
      const text = decodeConstString(rp.versionConstraint, diags);
      if (text === undefined) continue;
      const parsed = parseProviderConstraints(text);
      if (parsed === undefined) {
        diags.push(errorDiag("Invalid version constraint", `This string does not use correct version constraint syntax.`, rp.versionConstraint.range));
        continue;
      }
      const key = rp.provider.toString();
      byProvider.set(key, [...(byProvider.get(key) ?? []), ...parsed]);
    }
  }
  return { byProvider, diags };
}

function diagKey(d: Diagnostic): string {
  return `${d.severity}\u0000${d.summary}\u0000${d.subject !== undefined ? formatRange(d.subject) : ""}\u0000${d.detail ?? ""}`;
}

function loadConfig(cwd: string): { module: ConfigModule; diags: Diagnostic[]; sources: Map<string, SourceFile> } {
  // Reference errors are the validate walk's business in Terraform: init installs what the configuration
  // asks for whether or not its expressions refer to declared names. It reads few expressions (meta-arguments,
  // required_providers, the backend): the others are parsed only if read, where that hides no syntax error.
  const loaded = loadRootConfiguration(cwd, { references: false, deferExpressions: true });
  return { module: loaded.module, diags: loaded.diags, sources: loaded.sources };
}

/** Terraform's yes/no question: only "yes" confirms. */
async function confirmYes(ctx: CommandContext, question: string): Promise<boolean> {
  ctx.stdout.write(`${question}\n\n  Enter a value: `);
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: ctx.stdin, terminal: false });
  try {
    for await (const line of rl) return line.trim() === "yes";
    return false;
  } finally {
    rl.close();
  }
}
