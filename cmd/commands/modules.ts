// `cairn modules [-json]`: the module calls the configuration declares, as a tree or as Terraform's JSON
// (`{"format_version":"1.0","modules":[{"key","source","version"}]}`, depth first, calls by name; a local
// module has no version).

import type { Command } from "../registry.js";
import { parseFlags } from "../flags.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { loadConfiguration } from "../../operations/load-config.js";
import { childModules, type ChildModuleConfig } from "../../planner/eval/module-configs.js";
import { flagDiag, newUi } from "../views/ui.js";
import { drawTree, type TreeItem } from "../views/modules/tree.js";

export const modulesCommand: Command = {
  name: "modules",
  synopsis: "Show all declared modules in a working directory",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, { json: { kind: "bool", default: false } });
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("modules");
      return 1;
    }
    if (parsed.flags.positional.length > 0) {
      ui.diagnostics([{ severity: "error", summary: "Too many command line arguments", detail: "Expected no positional arguments" }]);
      ui.helpPrompt("modules");
      return 1;
    }
    const loaded = loadConfiguration(ctx.cwd);
    if (hasErrors(loaded.diags)) {
      ui.diagnostics(loaded.diags, loaded.sources);
      return 1;
    }
    const nodes = childModules(loaded.modules);
    if (parsed.flags.bools.get("json") === true) {
      const modules = nodes.map((n) => ({ key: n.call!.name, source: n.call!.sourceAddr, version: "" }));
      ctx.stdout.write(JSON.stringify({ format_version: "1.0", modules: modules.length > 0 ? modules : null }) + "\n");
      return 0;
    }
    if (nodes.length === 0) {
      ctx.stdout.write("No modules found in configuration.\n");
      return 0;
    }
    ctx.stdout.write(`\nModules declared by configuration:\n${drawTree(".", childrenOf(nodes, ""))}\n`);
    return 0;
  },
};

function childrenOf(nodes: readonly ChildModuleConfig[], parent: string): TreeItem[] {
  return nodes
    .filter((n) => n.path.parent().toString() === parent)
    .map((n) => ({ label: `"${n.call!.name}"[${n.call!.sourceAddr}]`, children: childrenOf(nodes, n.path.toString()) }));
}
