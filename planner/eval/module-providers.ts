// Which provider configuration a resource in a child module uses (Terraform's provider inheritance): the
// module's own `provider` block if it has one; else what its call passes in `providers = { local = parent }`;
// else, for a default (unaliased) configuration only, whatever its caller would use, up to the root. An
// aliased configuration must be passed explicitly, as in Terraform.

import { AbsProviderConfig, type Provider } from "../../addrs/provider.js";
import type { Module } from "../../addrs/module.js";
import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { Range } from "../../lang/pos.js";
import type { ConfigModule } from "../../config/model.js";
import type { ChildModuleConfig } from "./module-configs.js";

export class ProviderResolver {
  private readonly configs = new Map<string, ConfigModule>();
  private readonly calls = new Map<string, ChildModuleConfig>();

  constructor(root: ConfigModule, children: readonly ChildModuleConfig[]) {
    this.configs.set("", root);
    for (const c of children) {
      this.configs.set(c.path.toString(), c.module);
      this.calls.set(c.path.toString(), c);
    }
  }

  /**
   * The configuration used for `localName` (with `alias`) by an object declared in `path`. `range` is where
   * the object names it, for the diagnostic when an aliased configuration was not passed in.
   */
  resolve(provider: Provider, localName: string, alias: string, path: Module, range?: Range): { addr: AbsProviderConfig; diags: Diagnostic[] } {
    let name = localName;
    let al = alias;
    let at = path;
    for (;;) {
      const m = this.configs.get(at.toString());
      if (m?.providerConfigs.has(al === "" ? name : `${name}.${al}`) || at.isRoot()) return { addr: new AbsProviderConfig(at, provider, al), diags: [] };
      const call = this.calls.get(at.toString())?.call;
      const passed = call?.providers.find((p) => p.inChild.name === name && p.inChild.alias === al);
      if (passed !== undefined) {
        name = passed.inParent.name;
        al = passed.inParent.alias;
      } else if (al !== "") {
        const diag = errorDiag(
          "Missing required provider configuration",
          `An object in ${path.toString()} uses the provider configuration "${name}.${al}", which the module call ${at.toString()} does not pass. Aliased provider configurations are not inherited: pass one in the call's "providers" argument, for example providers = { ${name}.${al} = ${name}.${al} }.`,
          range,
        );
        return { addr: new AbsProviderConfig(at, provider, al), diags: [diag] };
      }
      at = at.parent();
    }
  }

  /** Every child module that declares its own provider blocks, with the call that makes it repeated (if any). */
  legacyModulesInRepeatedCalls(): Diagnostic[] {
    const diags: Diagnostic[] = [];
    for (const [path, c] of this.calls) {
      if (c.module.providerConfigs.size === 0) continue;
      // The module itself or any module above it may be repeated or depend on something.
      for (let at = c.path; !at.isRoot(); at = at.parent()) {
        const call = this.calls.get(at.toString())?.call;
        if (call === undefined) continue;
        const arg = call.count ?? call.forEach;
        if (arg === undefined && call.dependsOn.length === 0) continue;
        diags.push(
          errorDiag(
            "Module is incompatible with count, for_each, and depends_on",
            `The module at ${path} is a legacy module which contains its own local provider configurations, and so calls to it may not use the count, for_each, or depends_on arguments.\n\nIf you also control the module "${c.call!.sourceAddr}", consider updating this module to instead expect provider configurations to be passed by its caller.`,
            arg?.range ?? call.declRange,
          ),
        );
        break;
      }
    }
    return diags;
  }
}
