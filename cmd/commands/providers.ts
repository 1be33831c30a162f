// `cairn providers`: the providers each module of the configuration requires (declared in
// required_providers or implied by its resources), with their version constraints, as a tree, then the
// providers the state's objects belong to. Terraform prints a module's providers in map order, which
// changes between runs; Cairn sorts them by address.

import type { Command } from "../registry.js";
import { parseFlags } from "../flags.js";
import { hasErrors } from "../../lang/diagnostics.js";
import { evaluate } from "../../lang/eval/evaluate.js";
import type { ConfigModule } from "../../config/model.js";
import { loadConfiguration } from "../../operations/load-config.js";
import { childModules, type ChildModuleConfig } from "../../planner/eval/module-configs.js";
import { openStore } from "../../operations/open-state.js";
import { flagDiag, newUi } from "../views/ui.js";
import { drawTree, type TreeItem } from "../views/modules/tree.js";

export const providersCommand: Command = {
  name: "providers",
  synopsis: "Show the providers required for this configuration",
  async run(argv, ctx) {
    const ui = newUi(ctx);
    const parsed = parseFlags(argv, {});
    if (!parsed.ok) {
      ui.diagnostics([flagDiag(parsed.message)]);
      ui.helpPrompt("providers");
      return 1;
    }
    if (parsed.flags.positional.length > 0) {
      ui.diagnostics([{ severity: "error", summary: "Too many command line arguments", detail: "Did you mean to use -chdir?" }]);
      ui.helpPrompt("providers");
      return 1;
    }
    const loaded = loadConfiguration(ctx.cwd);
    if (hasErrors(loaded.diags)) {
      ui.diagnostics(loaded.diags, loaded.sources);
      return 1;
    }
    const nodes = childModules(loaded.modules);
    const tree = drawTree(".", [...providerItems(loaded.module), ...moduleItems(nodes, "")]);
    ctx.stdout.write(`\nProviders required by configuration:\n${tree}\n`);
    const read = await openStore(ctx, {}).read();
    const inState = new Set<string>();
    for (const r of read.state?.resources ?? []) {
      const m = /^provider\["([^"]+)"\]/.exec(r.provider);
      if (m !== null) inState.add(m[1]!);
    }
    if (inState.size > 0) ctx.stdout.write(`Providers required by state:\n\n${[...inState].sort().map((p) => `    provider[${p}]\n`).join("")}\n`);
    return 0;
  },
};

function moduleItems(nodes: readonly ChildModuleConfig[], parent: string): TreeItem[] {
  return nodes
    .filter((n) => n.path.parent().toString() === parent)
    .map((n) => ({ label: `module.${n.call!.name}`, children: [...providerItems(n.module), ...moduleItems(nodes, n.path.toString())] }));
}

function providerItems(m: ConfigModule): TreeItem[] {
  const found = new Map<string, string>();
  for (const rp of m.requiredProviders.values()) found.set(rp.provider.toString(), rp.versionConstraint !== undefined ? constraintText(rp.versionConstraint) : "");
  for (const r of [...m.managedResources.values(), ...m.dataResources.values()]) if (!found.has(r.provider.toString())) found.set(r.provider.toString(), "");
  return [...found.keys()].sort().map((p) => ({ label: `provider[${p}]${found.get(p) ? ` ${found.get(p)}` : ""}`, children: [] }));
}

/** A constraint as Terraform prints it: each version but a `~>` one written with three parts (`>= 3.0.0`). */
function constraintText(expr: Parameters<typeof evaluate>[0]): string {
  const v = evaluate(expr, undefined).value;
  if (!v.isKnown() || v.isNull() || v.type.kind !== "string") return "";
  return v
    .asString()
    .split(",")
    .map((part) => {
      const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})(\S*)\s*$/.exec(part);
      if (m === null) return part.trim();
      const op = m[1] ?? "";
      const nums = m[2]!.split(".");
      while (op !== "~>" && nums.length < 3) nums.push("0");
      return `${op === "" ? "" : `${op} `}${nums.join(".")}${m[3]}`;
    })
    .join(", ");
}
